"""Sentence vectors are embedded when the index is built, so that a question embeds only itself:
the reranker and the answer read the stored ones. Unchanged passages keep theirs on a rebuild,
and an index built before them still answers (it embeds the sentences as it did)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
from conftest import FakeEmbedder

from indexer.build import build
from indexer.config import Settings
from indexer.ingest.sentences import sentence_spans
from indexer.library import Library
from indexer.store.index import SENTENCE_ROWS, SENTENCES, open_index

QUESTION = "How long do children wait to see a dentist in Blackburn with Darwen?"


def test_every_sentence_of_every_passage_is_stored_in_order(
    corpus_copy: Path, settings: Settings, fake: FakeEmbedder
) -> None:
    build(corpus_copy, settings, fake, progress=False)
    index = open_index(settings.index_dir)
    for row in range(0, index.size, 37):
        passage = index.passages([row])[0]
        texts = [passage.text[s:e] for s, e in sentence_spans(passage.text)]
        stored = index.sentence_vectors(row)
        assert stored is not None and len(stored) == len(texts)
        np.testing.assert_allclose(stored, fake.embed(texts), atol=2e-3)  # fp16 on disk


def test_a_question_embeds_only_itself(corpus_copy: Path, settings: Settings, fake: FakeEmbedder) -> None:
    build(corpus_copy, settings, fake, progress=False)
    library = Library(open_index(settings.index_dir), fake, replace(settings, rerank_depth=15))
    before = fake.embedded
    answer = library.ask(QUESTION)
    assert answer.answered and "dentist" in answer.text
    # The question (twice at most: search and answer share its vector) and the few sentences an
    # answer joins to the one before ("This means ...") are all that is embedded.
    assert fake.embedded - before <= 8


def test_a_rebuild_keeps_the_sentence_vectors_of_unchanged_passages(
    corpus_copy: Path, settings: Settings, fake: FakeEmbedder
) -> None:
    build(corpus_copy, settings, fake, progress=False)
    before = fake.embedded
    report = build(corpus_copy, settings, fake, progress=False)
    assert report.embedded == 0 and fake.embedded == before


def test_an_index_without_sentence_vectors_answers_the_same(
    corpus_copy: Path, settings: Settings, fake: FakeEmbedder
) -> None:
    build(corpus_copy, settings, fake, progress=False)
    stored = Library(open_index(settings.index_dir), fake, settings).ask(QUESTION)
    gen = settings.index_dir / open_index(settings.index_dir).generation
    (gen / SENTENCES).unlink()
    (gen / SENTENCE_ROWS).unlink()
    index = open_index(settings.index_dir)
    assert index.sentence_vectors(0) is None
    embedded = Library(index, fake, settings).ask(QUESTION)
    assert embedded.text == stored.text
    assert [h.passage.id for h in embedded.hits] == [h.passage.id for h in stored.hits]
