"""The abbreviations a library spells out for itself, and the topics they join."""

from indexer.ask.topic import on_topic, speaks_to, topic_of
from indexer.store.acronyms import find_acronyms

TEXTS = [
    "Leaders have shown commitment to the Family Drug and Alcohol Court (FDAC).",
    "Care leavers can choose their personal advisers (PAs).",
    "Few children are placed with independent fostering agencies (IFAs).",
    "The multi-agency safeguarding hub (MASH) is effective.",
    "The Request for Support Hub (RfSH) takes all contacts.",
    "Children in care (CiC) say they are listened to.",
    "Young people (YP) say they are listened to.",
    "See the previous report (2019), the summary (see above) and the team (BRS).",
]


def test_an_abbreviation_counts_when_the_words_before_it_spell_it() -> None:
    found = find_acronyms(TEXTS)
    assert found == {
        "FDAC": "family drug and alcohol court",
        "PA": "personal adviser",
        "IFA": "independent fostering agency",
        "MASH": "multi-agency safeguarding hub",
        "RfSH": "request for support hub",
        "CiC": "children in care",
        "YP": "young people",
    }


def test_a_spelled_out_question_finds_the_abbreviation_and_back() -> None:
    acronyms = find_acronyms(TEXTS)
    topic = topic_of("What do parents think of the family drug and alcohol court?", acronyms=acronyms)
    assert topic.words[0] == "family drug and alcohol court"
    sentence = "Some parents said that the support they receive through FDAC is brilliant."
    assert on_topic(sentence, topic, sentence)
    topic = topic_of("How quickly does the RfSH respond?", acronyms=acronyms)
    sentence = "The request for support hub responds quickly to contacts."
    assert on_topic(sentence, topic, sentence)


def test_an_abbreviation_is_matched_as_printed_and_one_of_common_words_is_no_topic() -> None:
    assert not speaks_to("Schools send letters home.", frozenset({"SEND", "special educational needs"}))
    assert speaks_to("Children with SEND are well supported.", frozenset({"SEND", "special educational needs"}))
    topic = topic_of("Do young people visit a dentist?", acronyms=find_acronyms(TEXTS))
    assert topic.words == ("dentist",)
