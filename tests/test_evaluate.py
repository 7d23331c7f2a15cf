"""The evaluation's measures on hand-made answers: no index, no model."""

from __future__ import annotations

from typing import Any

import pytest

from indexer.evaluate import (
    abstention_group,
    admits_years,
    answer_support,
    filter_problems,
    passes,
    score_row,
    sentence_supported,
    summarise,
)
from indexer.types import Answer, Citation, Document, Filters, Hit, Passage, Sentence

EVIDENCE = ["Caseloads have continued to reduce"]


def doc(authority: str = "Blackpool", year: int = 2022, inspection_dates: str | None = None) -> Document:
    return Document(path=f"{authority}-{year}.pdf", sha="sha", title="Report", authority=authority,
                    authorities_mentioned=(), date=f"{year}-05-04", year=year, doc_type="inspection", text="",
                    inspection_dates=inspection_dates)


def hit(text: str, document: Document | None = None) -> Hit:
    passage = Passage(id=text[:8], path="x.pdf", text=text, start=0, end=len(text), paragraph=1, page=1, section=None)
    return Hit(passage=passage, document=document or doc(), score=1.0)


def answer(sentences: list[tuple[str, str]], filters: Filters | None = None, answered: bool = True,
           extra_hits: list[Hit] | None = None) -> Answer:
    """An answer quoting each (sentence, passage it comes from)."""
    hits = [hit(passage) for _, passage in sentences] + (extra_hits or [])
    citations = tuple(Citation(n=i + 1, hit=h, reference="ref", markdown="ref") for i, h in enumerate(hits))
    quoted = tuple(Sentence(text=s, citation=i + 1) for i, (s, _) in enumerate(sentences))
    return Answer(question="q", answered=answered, text=" ".join(s for s, _ in sentences), sentences=quoted,
                  citations=citations, hits=tuple(hits), filters=filters or Filters())


@pytest.mark.parametrize(
    ("sentence", "passage", "supported"),
    [
        # (1) the sentence contains the evidence, whatever case, spacing and quote marks
        ("Since the last visit, caseloads  have continued to reduce.", "", True),
        # (2) content words shared with the evidence, stemmed: "reducing caseload" ~ "reduce caseloads"
        ("Social workers' caseloads are reducing.", "", True),
        ("Caseloads continue reducing across the service.", "", True),
        # (3) another sentence of the passage that holds the evidence
        ("Managers oversee work well.", "Caseloads have continued to reduce. Managers oversee work well.", True),
        # one shared word is not enough, nor a different subject
        ("Caseloads in the disabled children's team are high.", "Caseloads in the disabled team are high.", False),
        ("Care leavers live in suitable homes.", "Care leavers live in suitable homes.", False),
    ],
)
def test_sentence_supported(sentence: str, passage: str, supported: bool) -> None:
    assert sentence_supported(sentence, passage, EVIDENCE) is supported


def test_answer_support_counts_sentences() -> None:
    a = answer([
        ("Caseloads have continued to reduce.", "Caseloads have continued to reduce."),
        ("Care leavers live in suitable homes.", "Care leavers live in suitable homes."),
        ("Caseloads are reducing.", "Caseloads are reducing."),
    ])
    assert answer_support(a, EVIDENCE) == (2, 3)


@pytest.mark.parametrize(
    ("row", "group"),
    [
        ({"kind": "unanswerable", "question": "q"}, "near_miss"),
        ({"kind": "near-miss", "question": "q", "expect_answered": False}, "near_miss"),
        ({"kind": "offtopic", "question": "q"}, "off_topic"),
        ({"kind": "off-topic", "question": "q", "expect_answered": False}, "off_topic"),
        ({"kind": "filter", "question": "q", "expect_answered": False}, None),
        ({"kind": "unanswerable", "question": "q", "evidence": ["x"]}, None),  # it has an answer after all
        ({"kind": "paraphrase", "question": "q", "evidence": ["x"]}, None),
    ],
)
def test_abstention_group(row: dict[str, Any], group: str | None) -> None:
    assert abstention_group(row) == group


def test_a_pinned_year_passes_documents_inspected_in_it() -> None:
    hull = doc("Kingston upon Hull", 2015, "1 December 2014 to 19 December 2014")
    assert passes(hull, Filters(year_from=2014, year_to=2014, year_pinned=True))
    assert not passes(hull, Filters(year_from=2014, year_to=2014))
    assert passes(hull, Filters(authorities=("Kingston upon Hull",), year_from=2015, year_to=2015))
    assert not passes(hull, Filters(authorities=("Blackpool",)))


def test_filter_problems_say_what_went_wrong() -> None:
    row = {"question": "Has Redbridge cut caseloads in 2019?", "expect_authority": "Redbridge", "expect_year": [2019, 2020]}
    assert filter_problems(row, Filters(), []) == [
        "authority: expected Redbridge, applied none", "year: expected 2019–2020, applied …–…",
    ]
    right = Filters(authorities=("Redbridge",), year_from=2019, year_to=2020)
    assert filter_problems(row, right, [hit("text", doc("Redbridge", 2020))]) == []
    assert filter_problems(row, right, [hit("text", doc("Redbridge", 2021))]) == [
        "1 results outside the filters, e.g. Redbridge-2021.pdf (Redbridge, 2021)",
    ]
    # aliases are canonical
    assert filter_problems({"question": "q", "expect_authority": "hull"}, Filters(authorities=("Kingston upon Hull",)), []) == []


def test_summary_reports_each_measure_separately() -> None:
    good = ("Caseloads have continued to reduce.", "Caseloads have continued to reduce.")
    off = ("Care leavers live in suitable homes.", "Care leavers live in suitable homes.")
    blackpool = Filters(authorities=("Blackpool",), year_from=2022, year_to=2023)
    rows_answers = [
        ({"id": "a", "kind": "factoid", "question": "q", "evidence": EVIDENCE}, answer([good, off])),
        ({"id": "b", "kind": "inline-filter", "question": "Blackpool 2022?", "evidence": EVIDENCE,
          "expect_authority": "Blackpool", "expect_year": [2022, 2023]}, answer([good], blackpool)),
        ({"id": "c", "kind": "inline-filter", "question": "Has Redbridge?", "evidence": EVIDENCE,
          "expect_authority": "Redbridge"}, answer([off], extra_hits=[hit(EVIDENCE[0])])),
        ({"id": "d", "kind": "unanswerable", "question": "q"}, answer([], answered=False)),
        ({"id": "e", "kind": "unanswerable", "question": "q"}, answer([off])),
        ({"id": "f", "kind": "offtopic", "question": "q"}, answer([], answered=False)),
    ]
    report = summarise([score_row(row, a) for row, a in rows_answers])
    assert report["questions"] == 6
    # the evidence is first in a and b, second in c
    assert report["overall"] == {"recall@1": 0.6667, "recall@5": 1.0, "recall@10": 1.0, "mrr": 0.8333, "n": 3}
    assert report["inline-filter"]["n"] == 2
    assert report["filter_accuracy"] == 0.5 and report["filter_n"] == 2
    assert report["filter_failures"] == [
        {"id": "c", "question": "Has Redbridge?", "problems": ["authority: expected Redbridge, applied none"]},
    ]
    assert report["abstention_accuracy"] == round(5 / 6, 4)
    assert report["abstention_near_miss"] == {"declined": 0.5, "n": 2}
    assert report["abstention_off_topic"] == {"declined": 1.0, "n": 1}
    assert report["answer_hit"] == round(2 / 3, 4)
    # sentences of answers to answerable rows: good, off | good | off
    assert report["answer_precision"] == 0.5 and report["answer_sentences"] == 4
    assert [d["id"] for d in report["details"]] == ["a", "b", "c", "d", "e", "f"]
    assert report["details"][2]["filter_problems"] == ["authority: expected Redbridge, applied none"]


def test_summary_of_nothing_measurable() -> None:
    report = summarise([score_row({"question": "q", "kind": "offtopic"}, answer([], answered=False))])
    assert report["filter_accuracy"] is None and report["answer_hit"] is None and report["answer_precision"] is None
    assert report["abstention_off_topic"] == {"declined": 1.0, "n": 1}
    assert report["abstention_near_miss"] == {"declined": None, "n": 0}


@pytest.mark.parametrize(
    ("filters", "expected", "admits"),
    [
        (Filters(year_from=2014, year_to=2015), (2014, 2014), True),
        (Filters(year_from=2014, year_to=2014), (2014, 2015), False),
        # a pinned year also admits reports of inspections in it, published the next year
        (Filters(year_from=2014, year_to=2014, year_pinned=True), (2014, 2015), True),
        (Filters(year_from=2014, year_to=2014, year_pinned=True), (2013, 2014), False),
        (Filters(year_from=2021), (2021, 2022), True),
        (Filters(), (2021, 2021), False),
    ],
)
def test_admits_years(filters: Filters, expected: tuple[int, int], admits: bool) -> None:
    assert admits_years(filters, *expected) is admits


def test_the_expected_document_must_pass_the_filters() -> None:
    row = {"question": "Hull's 2014 inspection?", "expect_authority": "Hull", "expect_year": [2014, 2015]}
    pinned = Filters(authorities=("Kingston upon Hull",), year_from=2014, year_to=2014, year_pinned=True)
    inspected_2014 = doc("Kingston upon Hull", 2015, "1 December 2014 to 19 December 2014")
    assert filter_problems(row, pinned, [], inspected_2014) == []
    inspected_2015 = doc("Kingston upon Hull", 2015, "12 January 2015 to 23 January 2015")
    assert filter_problems(row, pinned, [], inspected_2015) == [
        "the expected document Kingston upon Hull-2015.pdf (Kingston upon Hull, 2015, inspected "
        "12 January 2015 to 23 January 2015) is outside the filters",
    ]
