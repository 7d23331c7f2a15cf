"""Questions that ask for Ofsted's grade are answered with the judgement as the report prints it."""

import pytest
from conftest import FakeEmbedder

from indexer.ask.answer import compose
from indexer.ask.grading import asked_judgement, is_grade_of, printed_grade
from indexer.ask.topic import topic_of
from indexer.describe.judgements import read_judgements
from indexer.library import Library
from indexer.types import Document, Filters, Hit, Passage


def _asked(question: str) -> tuple[str, ...] | None:
    return asked_judgement(question, topic_of(question))


@pytest.mark.parametrize(
    "question, label",
    [
        ("What was Rochdale's overall ILACS judgement in 2023?", "overall effectiveness"),
        ("How was Surrey rated by Ofsted in 2018?", "overall effectiveness"),
        ("What grade did Bromley get for care leavers?", "care leavers"),
        ("What did Ofsted grade Rutland's leadership in the 2020 inspection?", "impact of leaders"),
        ("How were Halton's help and protection services judged in 2024?", "help and protection"),
        ("How was Stockport's adoption performance graded?", "adoption"),
    ],
)
def test_a_grade_question_names_its_judgement(question: str, label: str) -> None:
    asked = _asked(question)
    assert asked is not None and label in asked


@pytest.mark.parametrize(
    "question",
    [
        "How did inspectors judge the quality of EHC plans in Hull?",  # a topic, not a grade
        "How long do children wait to see a dentist in Blackburn with Darwen?",
        "What is the rate of children in need per 10,000?",  # "rate" is not "rated"
        "How was Wandsworth's children in care council rated in 2015?",  # a body of children, not a judgement
    ],
)
def test_other_questions_ask_for_no_grade(question: str) -> None:
    assert _asked(question) is None


def test_rows_headings_and_the_overall_sentence_print_the_reports_grade() -> None:
    overall = ("overall effectiveness", "overall judgement")
    given = {"Overall effectiveness": "Requires improvement to be good", "Children who need help and protection": "Outstanding"}
    assert is_grade_of("Overall effectiveness\tRequires improvement to be good", overall, given)
    assert is_grade_of("Children’s services in Cornwall require improvement to be good", overall, given)
    protection = ("help and protection",)
    assert is_grade_of("The experiences and progress of children who need help and protection: outstanding", protection, given)
    assert not is_grade_of("Overall effectiveness\tGood", protection, given)
    assert not is_grade_of("Direct work with children in need of help and protection is a strength.", protection, given)


def test_an_earlier_inspections_grade_listed_in_the_report_is_not_its_grade() -> None:
    """Wandsworth 2018 requires improvement; its page 5 lists the 2015 grades."""
    given = {"Overall effectiveness": "Requires improvement to be good"}
    assert not is_grade_of("Overall effectiveness: Inadequate", ("overall effectiveness",), given)
    assert not is_grade_of("Overall effectiveness: Inadequate", ("overall effectiveness",), {})  # grades unread


@pytest.mark.model
def test_the_overall_judgement_is_quoted_from_the_judgement_table(seed_library: Library) -> None:
    answer = seed_library.ask("What was Blackburn with Darwen's overall judgement?")
    assert answer.answered, answer.message
    assert answer.sentences[0].text == "Overall effectiveness\tRequires improvement to be good"
    assert answer.sentences[0].text in answer.citations[0].hit.passage.text
    assert answer.citations[0].hit.document.authority == "Blackburn with Darwen"


@pytest.mark.model
def test_a_judgement_named_in_the_question_is_quoted_first(seed_library: Library) -> None:
    answer = seed_library.ask("How was Blackburn with Darwen rated for help and protection?")
    assert answer.sentences[0].text.startswith("The experiences and progress of children who need help and protection")
    assert answer.sentences[0].text.lower().endswith("requires improvement to be good")


def _hit(year: int, text: str, score: float) -> Hit:
    path = f"milton-keynes-{year}.pdf"
    grades = read_judgements([text])
    document = Document(path, path, f"Inspection of Milton Keynes {year}", "Milton Keynes", (), f"{year}-11-08", year,
                        "ilacs", text, judgements=grades)
    return Hit(Passage(f"{year}:0", path, text, 0, len(text), None, 1, None), document, score)


QUESTION = "Is Milton Keynes still rated as requires improvement overall?"


def test_a_grade_is_quoted_first_though_the_encoder_scores_it_low(fake: FakeEmbedder) -> None:
    """"Overall effectiveness<TAB>Good" is three words: a row is a candidate however short."""
    hits = [_hit(2024, "Leaders have improved services for children. Overall effectiveness\tGood", 1.0)]
    answer = compose(QUESTION, hits, Filters(), fake, 0.45, topic=topic_of(QUESTION))
    assert answer.answered, answer.message
    assert answer.sentences[0].text == "Overall effectiveness\tGood"


def test_a_grade_since_replaced_is_never_put_above_a_later_report(fake: FakeEmbedder) -> None:
    """The 2021 table is read first, but a 2024 report is among the passages read: the 2021 grade is
    not lifted above what 2024 says. Read alone, it is the answer."""
    question = "How is Milton Keynes rated now?"  # no word of the row: only the lift quotes it
    assert asked_judgement(question, topic_of(question)) is not None
    old = "Overall effectiveness\tRequires improvement to be good"
    hits = [_hit(2021, old, 1.0), _hit(2024, "In 2021, all services were judged as requiring improvement.", 0.9)]
    answer = compose(question, hits, Filters(), fake, 0.45, topic=topic_of(question))
    assert old not in [s.text for s in answer.sentences]
    alone = compose(question, hits[:1], Filters(), fake, 0.45, topic=topic_of(question))
    assert alone.sentences[0].text == old


def _report(year: int, text: str) -> tuple[Document, Passage]:
    path = f"surrey-{year}.pdf"
    doc = Document(path, path, "Surrey County Council", "Surrey", (), f"{year}-05-16", year, "inspection", text,
                   judgements=read_judgements([text]))
    return doc, Passage(f"{year}:0", path, text, 0, len(text), None, 1, None)


def test_the_newest_reports_grade_is_found_whatever_the_search_ranked() -> None:
    """Surrey 2018 prints its grade run into the table ("…are inadequate 1."), which ranks 8th."""
    reports = [
        _report(2015, "Children’s services in Surrey are inadequate"),
        _report(2018, "Children’s services in Surrey are inadequate 1. Children who need help and protection\tInadequate"),
        _report(2025, "Overall effectiveness\tGood"),
    ]
    documents = [d for d, _ in reports]

    def passages_of(i: int) -> list[Passage]:
        return [reports[i][1]]

    question = "How was Surrey rated by Ofsted in 2018?"
    found = printed_grade(question, topic_of(question), ["Surrey"], documents, [False, True, False], passages_of)
    assert found is not None and found[0].year == 2018
    now = printed_grade("How is Surrey rated now?", topic_of("How is Surrey rated now?"), ["Surrey"], documents,
                        [True, True, True], passages_of)
    assert now is not None and now[0].year == 2025
    assert printed_grade("How is neglect handled in Surrey?", topic_of("How is neglect handled in Surrey?"), ["Surrey"],
                         documents, [True, True, True], passages_of) is None
    assert printed_grade(question, topic_of(question), [], documents, [True, True, True], passages_of) is None


def test_a_grade_question_reads_the_newest_reports_grade_passage(tmp_path, settings, fake: FakeEmbedder) -> None:  # type: ignore[no-untyped-def]
    """Tameside 2019 was inadequate, 2023 requires improvement: "now" is 2023's table, and the
    search's own ranking stays ahead of the passage added to what the answer reads."""
    from dataclasses import replace as with_

    from fixtures import write_graded_corpus

    from indexer.build import build
    from indexer.store.index import open_index

    write_graded_corpus(tmp_path / "corpus")
    build(tmp_path / "corpus", settings, fake, progress=False)
    library = Library(open_index(settings.index_dir), fake, with_(settings, answer_gate="topic"))
    answer = library.ask("How is Tameside rated now?")
    assert answer.answered, answer.message
    assert answer.sentences[0].text == "Overall effectiveness\tRequires improvement to be good"
    assert answer.citations[0].hit.document.year == 2023
    searched, _ = library.search("How is Tameside rated now?")
    ids = [h.passage.id for h in answer.hits]
    at = ids.index(answer.citations[0].hit.passage.id)
    assert at < 5 and ids[:at] == [h.passage.id for h in searched[:at]]


def test_a_later_area_send_inspection_is_not_the_newest_grade_of_children_s_services() -> None:
    """Lewisham: children's services inspected in 2023, its area SEND in 2024."""
    ilacs, table = _report(2023, "Overall effectiveness\tGood")
    send = Document("send.pdf", "send.pdf", "Area SEND inspection of Lewisham", "Lewisham", (), "2024-09-27", 2024,
                    "area_send", "x", judgements={"Area SEND outcome": "Lead to inconsistent experiences and outcomes"})
    question = "How is Lewisham rated by Ofsted?"
    found = printed_grade(question, topic_of(question), ["Lewisham"], [ilacs, send], [True, True],
                          lambda i: [table] if i == 0 else [])
    assert found is not None and found[0].year == 2023
