"""What a question is about, and which sentences speak to it."""

import pytest

from indexer.topic import is_procedural, on_topic, speaks_to, topic_of


def rarity(word: str) -> float:
    return {"adoption": 50.0, "leavers": 40.0, "tax": 300.0, "wait": 10.0, "ambulance": 300.0}.get(word, 5.0)


@pytest.mark.parametrize(
    "question, key",
    [
        ("How is Blackpool doing on adoption?", "adoption"),
        ("What is the council tax in Blackpool?", "tax"),
        ("What did inspectors say about care leavers in Blackpool in 2022?", "care leavers"),
        ("How long do families in Blackpool wait for an ambulance?", "ambulance"),
        ("How good is CAMHS in Blackburn with Darwen?", "camhs"),
    ],
)
def test_the_topic_is_the_most_telling_word_not_the_place(question: str, key: str) -> None:
    topic = topic_of(question, rarity)
    assert topic.words[0] == key
    assert "blackpool" not in topic.words and "blackburn" not in topic.words


def test_a_verb_of_the_same_stem_is_not_the_topic() -> None:
    adoption = frozenset({"adoption"})
    assert not speaks_to("Leaders have adopted a trauma-informed approach.", adoption)
    assert not speaks_to("Is the recommendation contrary to a plan adopted by the Council?", adoption)
    assert speaks_to("Adopters are well supported after an adoption order.", adoption)
    assert speaks_to("Prospective adopters are assessed quickly.", adoption)


def test_the_fields_synonyms_and_abbreviations_count() -> None:
    topic = topic_of("How good is child and adolescent mental health support?", rarity)
    assert on_topic("Waiting times for CAMHS have fallen to six weeks.", topic)
    uasc = topic_of("How are unaccompanied asylum-seeking children supported?", rarity)
    assert on_topic("UASC are placed with trained foster carers.", uasc)


def test_procedural_lines_and_questions_are_never_answers() -> None:
    assert is_procedural("Her Majesty's Inspectors for this visit were Jane Smith and Ali Khan.")
    assert is_procedural("3.2a Is the recommendation contrary to a plan or strategy adopted by the Council? No")
    topic = topic_of("Who inspected Blackpool?", rarity)
    assert not on_topic("Her Majesty's Inspectors for this visit were Jane Smith and Ali Khan.", topic)


def test_a_count_needs_a_figure() -> None:
    topic = topic_of("How many children in Blackburn with Darwen are in care?", rarity)
    assert topic.quantity
    assert not on_topic("Most children in care live in stable placements.", topic)
    assert on_topic("There are 391 children in care.", topic)


def test_a_paraphrase_passes_when_its_passage_names_the_topic() -> None:
    topic = topic_of("Do care leavers get help to find a home?", rarity)
    passage = "Care leavers are well supported. Young people get priority for council flats."
    assert on_topic("Young people get priority for council flats.", topic, passage) is False  # no topic word
    assert on_topic("Care leavers are well supported.", topic, passage)
