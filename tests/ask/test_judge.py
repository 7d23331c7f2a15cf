"""With a judge, the answer quotes what it rates an answer and declines when nothing reaches the
threshold; procedural lines are never put to it. A fake judge keeps these fast."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest
from conftest import FakeEmbedder

from indexer.build import build
from indexer.config import Settings
from indexer.library import Library, make_filters
from indexer.store.index import open_index


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


def _library(settings: Settings, fake: FakeEmbedder, judge: KeywordJudge) -> Library:
    return Library(open_index(settings.index_dir), fake, settings, judge)


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
