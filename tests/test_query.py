import pytest

from indexer.authorities import gazetteer
from indexer.query import parse_question
from indexer.types import Filters

INDEXED = {"Blackpool", "Blackburn with Darwen"}


def parse(question: str, explicit: Filters | None = None):  # type: ignore[no-untyped-def]
    return parse_question(question, gazetteer(), explicit or Filters(), INDEXED)


@pytest.mark.parametrize(
    ("question", "year_from", "year_to"),
    [
        ("What happened in Blackpool in 2022?", 2022, 2023),
        ("How many contacts were there in November 2019?", 2019, 2020),
        ("Changes since 2021", 2021, None),
        ("Caseloads between 2019 and 2022", 2019, 2023),
        ("Caseloads 2019-22", 2019, 2023),
        ("Caseloads 2019–2021", 2019, 2022),
        ("Workforce before 2020", None, 2020),
        ("What did the 2022 inspection say about neglect?", 2022, 2022),
        ("What did the 2025 joint inspection of Blackpool say about homeless children?", 2025, 2025),
        ("Findings of the 2019 report", 2019, 2019),
        ("What is said about pre-proceedings?", None, None),
    ],
)
def test_years(question: str, year_from: int | None, year_to: int | None) -> None:
    filters = parse(question).filters
    assert (filters.year_from, filters.year_to) == (year_from, year_to)


def test_authority_from_question_with_source() -> None:
    parsed = parse("How is neglect handled in blackburn with darwen since 2021?")
    assert parsed.filters.authorities == ("Blackburn with Darwen",)
    assert parsed.filters.sources["authority"].startswith("question")
    assert parsed.filters.sources["year"] == "question: 'since 2021'"
    assert "darwen" not in parsed.query.lower() and "2021" not in parsed.query
    assert "neglect" in parsed.query


def test_flags_win_over_the_question() -> None:
    explicit = Filters(authorities=("Blackpool",), year_from=2020, year_to=2020, sources={"authority": "flag", "year": "flag"})
    parsed = parse("What about Blackburn with Darwen in 2022?", explicit)
    assert parsed.filters.authorities == ("Blackpool",)
    assert (parsed.filters.year_from, parsed.filters.year_to) == (2020, 2020)


@pytest.mark.parametrize("question", ["What did Simon Blackburn say about the report?", "How did Blackpool FC do?"])
def test_people_and_clubs_are_not_filters(question: str) -> None:
    assert parse(question).filters.authorities == ()


def test_authority_not_indexed_is_reported_missing() -> None:
    parsed = parse("What did Ofsted say about Manchester?")
    assert parsed.missing == ("Manchester",)
    assert parsed.filters.authorities == ()
