"""What decides to answer (settings.answer_gate): the topic rules take the question's rarest word
literally; the sentence score alone does not, and still declines what no passage is close to."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from conftest import FakeEmbedder

from indexer.ask.answer import compose
from indexer.build import build
from indexer.config import Settings
from indexer.errors import SettingsError
from indexer.library import Library, make_filters
from indexer.store.index import open_index

# The seeds say "Too many children wait too long to see a dentist in Blackburn with Darwen";
# no document says "dental team", which the topic rules take for what is asked.
PARAPHRASE = "How many children wait too long to see a dental team in Blackburn with Darwen since spring?"


@pytest.fixture
def indexed(corpus_copy: Path, settings: Settings, fake: FakeEmbedder) -> Settings:
    build(corpus_copy, settings, fake, progress=False)
    return settings


def _library(settings: Settings, fake: FakeEmbedder, gate: str, sure: float = float("inf")) -> Library:
    return Library(open_index(settings.index_dir), fake, replace(settings, answer_gate=gate, sure_answer_cosine=sure))


def test_the_topic_rules_decline_a_paraphrase_the_score_gate_answers(indexed: Settings, fake: FakeEmbedder) -> None:
    declined = _library(indexed, fake, "topic").ask(PARAPHRASE)
    assert not declined.answered and "discusses dental team" in declined.message
    answer = _library(indexed, fake, "score").ask(PARAPHRASE)
    assert answer.answered
    assert "wait too long to see a dentist" in answer.sentences[0].text
    assert answer.sentences[0].text in answer.citations[0].hit.passage.text


def test_under_the_topic_rules_a_sure_sentence_is_quoted_off_the_topic_words(
    indexed: Settings, fake: FakeEmbedder
) -> None:
    """The topic rules keep their say over the doubtful sentences only: one at least
    ``sure_answer_cosine`` from the question is quoted though it does not say "dental team"."""
    score = _library(indexed, fake, "score").ask(PARAPHRASE).sentences
    sure = _library(indexed, fake, "topic", sure=0.6).ask(PARAPHRASE)
    assert sure.answered and "wait too long to see a dentist" in sure.sentences[0].text
    assert not _library(indexed, fake, "topic", sure=9.0).ask(PARAPHRASE).answered
    assert score[0].text == sure.sentences[0].text


def test_the_score_gate_still_declines_what_nothing_is_close_to(indexed: Settings, fake: FakeEmbedder) -> None:
    answer = _library(indexed, fake, "score").ask("Can you recommend a good plumber in Blackpool?")
    assert not answer.answered and answer.sentences == ()


def test_a_decline_never_offers_documents_inside_the_filters_as_outside_them(
    indexed: Settings, fake: FakeEmbedder
) -> None:
    for gate in ("topic", "score"):
        answer = _library(indexed, fake, gate).ask("Can you recommend a good plumber?", make_filters(["Blackpool"]))
        assert not answer.answered
        outside = answer.message.partition("Documents outside the filters do:")[2]
        assert "Blackpool" not in outside


def test_an_unknown_gate_or_a_judge_gate_without_a_judge_is_one_sentence(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="answer_gate must be one of judge, score, topic, topic\\+judge"):
        Settings(index_dir=tmp_path, answer_gate="vibes")
    with pytest.raises(SettingsError, match="needs a judge model"):
        Settings(index_dir=tmp_path, answer_gate="judge", judge="")
    with pytest.raises(SettingsError, match="judge_rescue_score must be between 0 and 1"):
        Settings(index_dir=tmp_path, judge_rescue_score=1.5)
    with pytest.raises(SettingsError, match="judge_keep_score must be from 0 \\(off\\) to below 1"):
        Settings(index_dir=tmp_path, judge_keep_score=1.0)
    assert Settings(index_dir=tmp_path, judge_keep_score=0.0).judge_keep_score == 0.0


def test_without_a_judge_model_topic_and_judge_is_the_topic_rules(tmp_path: Path) -> None:
    """INDEXER_JUDGE= (empty) answers without the judge: nothing to load, nothing to overrule."""
    assert not Settings(index_dir=tmp_path, judge="").uses_judge
    assert Settings(index_dir=tmp_path).uses_judge and Settings(index_dir=tmp_path).answer_gate == "topic+judge"



@pytest.mark.parametrize("topic_gate", [False, True])
@pytest.mark.parametrize("unsaid", [False, True])
def test_a_decline_names_the_question_as_asked(
    indexed: Settings, fake: FakeEmbedder, unsaid: bool, topic_gate: bool
) -> None:
    """Not "No Stockport document discusses spring" when the library does say spring: the topic
    rules' rarest word is not what was asked. "Discusses X" only where no passage says X."""
    library = _library(indexed, fake, "score")
    question = "Do children in Blackpool go on holiday in the spring?"
    hits, filters = library.search(question)
    topic = library.topic("Do children go on holiday in the spring?")
    answer = compose(question, hits, filters, fake, 2.0, topic=topic, topic_gate=topic_gate,  # 2.0: nothing reaches it
                     says=lambda phrase: not unsaid)
    assert not answer.answered
    if unsaid:
        assert answer.message.startswith(f"No Blackpool document discusses {topic.describe()};")
    else:
        assert answer.message == f"No Blackpool document answers “{question}”; the closest passages are below."
