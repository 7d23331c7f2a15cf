"""With a judge, the answer quotes what it rates an answer and declines when nothing reaches the
threshold; procedural lines are never put to it. A fake judge keeps these fast."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from conftest import FakeEmbedder

from indexer.ask.answer import RESCUE_AT_MOST, compose
from indexer.ask.topic import Topic
from indexer.ask.vocabulary import NUMBER
from indexer.build import build
from indexer.config import Settings
from indexer.library import Library, make_filters
from indexer.store.index import open_index
from indexer.types import Answer


class KeywordJudge:
    """Rates a sentence an answer (0.9) when it holds every one of ``words``; 0.1 otherwise."""

    def __init__(self, *words: str) -> None:
        self.words = [w.lower() for w in words]
        self.seen: list[str] = []

    def score(self, question: str, sentences: Sequence[str]) -> np.ndarray:
        self.seen.extend(sentences)
        return np.array([0.9 if all(w in s.lower() for w in self.words) else 0.1 for s in sentences],
                        dtype=np.float32)


@pytest.fixture
def indexed(corpus_copy: Path, settings: Settings, fake: FakeEmbedder) -> Settings:
    build(corpus_copy, settings, fake, progress=False)
    return settings


def _library(settings: Settings, fake: FakeEmbedder, judge: KeywordJudge, gate: str = "judge") -> Library:
    return Library(open_index(settings.index_dir), fake, replace(settings, answer_gate=gate, judge="keywords"), judge)


def test_quotes_what_the_judge_rates_an_answer(indexed: Settings, fake: FakeEmbedder) -> None:
    judge = KeywordJudge("dentist")
    answer = _library(indexed, fake, judge).ask("How long do children wait to see a dentist in Blackburn with Darwen?")
    assert answer.answered
    assert all("dentist" in s.text.lower() for s in answer.sentences)
    assert not any("Her Majesty" in s or s.rstrip().endswith("?") for s in judge.seen)  # procedural: never judged


def test_declines_when_nothing_reaches_the_threshold(indexed: Settings, fake: FakeEmbedder) -> None:
    answer = _library(indexed, fake, KeywordJudge("mockingbird")).ask(
        "Does Blackpool run the Mockingbird fostering model?")
    assert not answer.answered and answer.sentences == ()
    assert answer.message.startswith("No Blackpool document discusses")


def test_a_decline_says_where_documents_outside_the_filters_answer(indexed: Settings, fake: FakeEmbedder) -> None:
    answer = _library(indexed, fake, KeywordJudge("dentist")).ask(
        "How long do children wait to see a dentist?", make_filters(["Blackpool"]))
    assert not answer.answered
    assert "Documents outside the filters do: Blackburn with Darwen" in answer.message
    assert answer.wider is not None


def test_the_threshold_is_the_settings(indexed: Settings, fake: FakeEmbedder) -> None:
    strict = Settings(index_dir=indexed.index_dir, model="fake", judge="", min_judge_score=0.95)
    answer = _library(strict, fake, KeywordJudge("dentist")).ask("How long do children wait to see a dentist?")
    assert not answer.answered


# What the topic rules take the question to ask, said by no seed passage: they turn down every sentence.
UNSAID = Topic(("mainland", "dentist"), (frozenset({"mainland"}), frozenset({"dentist"})))
QUESTION = "Are kids in Blackburn with Darwen kept waiting for a dentist?"


def _answer(library: Library, judge: KeywordJudge, rescue: float | None, topic: Topic = UNSAID) -> Answer:
    hits, filters = library.search(QUESTION)
    return compose(QUESTION, hits, filters, library.embedder, 0.3, topic=topic, judge=judge, topic_gate=True,
                   rescue_score=rescue)


def test_the_judge_overrules_the_topic_rules_only_where_it_is_sure(indexed: Settings, fake: FakeEmbedder) -> None:
    """With a ``rescue_score``, a sentence the topic rules turn down is quoted when the judge rates
    it an answer with at least that; without one the judge is never asked."""
    library = _library(indexed, fake, KeywordJudge(), "topic+judge")
    silent = KeywordJudge("dentist")
    assert not _answer(library, silent, None).answered and silent.seen == []
    answer = _answer(library, KeywordJudge("dentist"), 0.78)
    assert answer.answered
    assert all("dentist" in s.text.lower() for s in answer.sentences)
    assert answer.sentences[0].text in answer.citations[0].hit.passage.text
    assert not _answer(library, KeywordJudge("dentist"), 0.95).answered  # the keyword judge gives 0.9


def test_the_judge_reads_again_only_what_could_be_quoted(indexed: Settings, fake: FakeEmbedder) -> None:
    """Turned-down sentences the judge reads: at most RESCUE_AT_MOST, never procedural ones, and
    for a question of how many only those with a figure."""
    library = _library(indexed, fake, KeywordJudge(), "topic+judge")
    judge = KeywordJudge("dentist")
    _answer(library, judge, 0.78)
    assert 0 < len(judge.seen) <= RESCUE_AT_MOST
    assert not any("Her Majesty" in s or s.rstrip().endswith("?") for s in judge.seen)
    assert not all(NUMBER.search(s) for s in judge.seen)
    counting = KeywordJudge("dentist")
    how_many = Topic(("mainland", "children"), (frozenset({"mainland"}), frozenset({"children"})), quantity=True)
    assert not _answer(library, counting, 0.78, how_many).answered  # the sentence on dentists has no figure
    assert counting.seen and all(NUMBER.search(s) for s in counting.seen)


def test_the_library_asks_the_judge_again_under_topic_and_judge(indexed: Settings, fake: FakeEmbedder) -> None:
    judge = KeywordJudge("dentist")
    assert _library(indexed, fake, judge, "topic+judge").rescue_score == indexed.judge_rescue_score
    assert _library(indexed, fake, judge, "topic").rescue_score is None
    assert _library(indexed, fake, judge, "judge").judge_alone


def test_the_judge_never_overrules_them_for_a_name_or_a_term(indexed: Settings, fake: FakeEmbedder) -> None:
    """A report that has "Staying Close" says so: a sentence that does not is no answer, however
    the judge rates it."""
    library = _library(indexed, fake, KeywordJudge(), "topic+judge")
    term = Topic(("staying close", "dentist"), (frozenset({"staying close"}), frozenset({"dentist"})))
    judge = KeywordJudge("dentist")
    assert not _answer(library, judge, 0.78, term).answered and judge.seen == []


def test_the_judge_leaves_out_further_sentences_it_doubts(indexed: Settings, fake: FakeEmbedder) -> None:
    """With a ``keep_score``, a sentence after the first that the judge rates below it is not
    quoted, however the score admits it; the first sentence is the rules' to choose."""
    library = _library(indexed, fake, KeywordJudge(), "topic+judge")
    question = "What do Blackpool's children in care say about their social workers?"
    hits, filters = library.search(question)
    topic = library.topic(question)
    everything = compose(question, hits, filters, library.embedder, 0.3, topic=topic, topic_gate=True)
    assert len(everything.sentences) >= 2
    first = everything.sentences[0].text
    word = next(w for w in first.lower().split() if len(w) > 5 and not any(w in s.text.lower() for s in everything.sentences[1:]))
    judge = KeywordJudge(word)  # only the first sentence holds it
    kept = compose(question, hits, filters, library.embedder, 0.3, topic=topic, judge=judge, topic_gate=True,
                   rescue_score=0.95, keep_score=0.5)
    assert [s.text for s in kept.sentences] == [first]
    lenient = compose(question, hits, filters, library.embedder, 0.3, topic=topic, judge=KeywordJudge(word),
                      topic_gate=True, rescue_score=0.95, keep_score=0.05)
    assert [s.text for s in lenient.sentences] == [s.text for s in everything.sentences]


def test_the_library_leaves_out_doubted_sentences_only_with_the_rules_and_the_judge(
    indexed: Settings, fake: FakeEmbedder
) -> None:
    judge = KeywordJudge("dentist")
    assert _library(indexed, fake, judge, "topic+judge").keep_score == indexed.judge_keep_score
    assert _library(indexed, fake, judge, "topic").keep_score is None
    assert _library(replace(indexed, judge_keep_score=0.0), fake, judge, "topic+judge").keep_score is None


def test_a_best_sentence_neither_the_judge_nor_the_encoder_takes_for_an_answer_is_declined(
    indexed: Settings, fake: FakeEmbedder, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The judge's doubt removes the best sentence too, where its cosine to the question is below
    ``FAR``; close in meaning, it is still quoted."""
    from indexer.ask import answer as answer_module

    library = _library(indexed, fake, KeywordJudge(), "topic+judge")
    question = "What do Blackpool's children in care say about their social workers?"
    hits, filters = library.search(question)
    topic = library.topic(question)

    def ask() -> Answer:
        return compose(question, hits, filters, library.embedder, 0.3, topic=topic, judge=KeywordJudge("zzz"),
                       topic_gate=True, rescue_score=0.95, keep_score=0.5)

    monkeypatch.setattr(answer_module, "FAR", -1.0)  # every sentence close: the best stays, alone
    assert len(ask().sentences) == 1
    monkeypatch.setattr(answer_module, "FAR", 1.1)  # every sentence far: nothing answers
    declined = ask()
    assert not declined.answered and declined.sentences == ()
    assert declined.message.startswith("No Blackpool document")


def test_the_judge_rates_each_sentence_once_an_answer(indexed: Settings, fake: FakeEmbedder) -> None:
    """A sentence the judge rescued and then reads again for doubt is put to it once."""
    library = _library(indexed, fake, KeywordJudge(), "topic+judge")
    hits, filters = library.search(QUESTION)
    judge = KeywordJudge("dentist")
    answer = compose(QUESTION, hits, filters, library.embedder, 0.3, topic=UNSAID, judge=judge, topic_gate=True,
                     rescue_score=0.78, keep_score=0.5)
    assert answer.answered
    assert len(judge.seen) == len(set(judge.seen))
