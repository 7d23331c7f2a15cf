"""Judgements across reports, compare and timeline, on small graded reports with the fake embedder."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FakeEmbedder
from fixtures import write_graded_corpus

from indexer.build import build
from indexer.config import Settings
from indexer.errors import CompareAuthorities, UnknownGrade
from indexer.library import Library, make_filters
from indexer.store.index import open_index


@pytest.fixture
def library(tmp_path: Path, settings: Settings, fake: FakeEmbedder) -> Library:
    corpus = write_graded_corpus(tmp_path / "corpus")
    build(corpus, settings, fake, progress=False)
    return Library(open_index(settings.index_dir), fake, settings)


def test_judgements_one_row_per_report_by_authority_and_date(library: Library) -> None:
    reports = library.judgements()
    assert [(d.authority, d.year) for d in reports] == [
        ("Oldham", 2022), ("Oldham", 2024), ("Tameside", 2019), ("Tameside", 2023)]
    assert reports[2].judgements["Overall effectiveness"] == "Inadequate"
    assert reports[1].doc_type == "area_send"
    assert reports[1].judgements == {"Area SEND outcome": "Lead to inconsistent experiences and outcomes"}
    assert [d.path for d in library.judgements(make_filters(["tameside"], 2020, 2025))] == ["t23.txt"]


def test_grade_filter_admits_only_reports_with_that_grade(library: Library) -> None:
    inadequate = make_filters(grades=["overall effectiveness=inadequate"])
    assert [d.path for d in library.judgements(inadequate)] == ["t19.txt"]
    ri = make_filters(grades=["Overall effectiveness=requires improvement"])
    assert [d.path for d in library.judgements(ri)] == ["t23.txt"]
    outstanding = make_filters(grades=["outstanding"])  # any judgement
    assert [d.path for d in library.judgements(outstanding)] == ["o22.txt"]
    either = make_filters(grades=["overall effectiveness=good", "overall effectiveness=inadequate"])
    assert {d.path for d in library.judgements(either)} == {"o22.txt", "t19.txt"}
    hits, applied = library.search("care leavers accommodation", inadequate, k=10)
    assert hits and {h.document.path for h in hits} == {"t19.txt"}
    assert applied.describe()["grade"] == "overall effectiveness: inadequate"
    assert applied.as_dict()["grade"] == ["overall effectiveness=inadequate"]


def test_send_outcome_filter_admits_only_reports_with_that_outcome(library: Library) -> None:
    inconsistent = make_filters(grades=["send=inconsistent"])
    assert [d.path for d in library.judgements(inconsistent)] == ["s24.txt"]
    assert inconsistent.describe()["grade"] == "send: inconsistent"
    assert library.judgements(make_filters(grades=["send=positive"])) == []
    assert library.judgements(make_filters(grades=["SEND=significant concerns"])) == []
    assert [d.path for d in library.judgements(make_filters(grades=["inconsistent"]))] == ["s24.txt"]
    hits, _ = library.search("speech and language therapy", inconsistent, k=10)
    assert hits and {h.document.path for h in hits} == {"s24.txt"}
    assert not library.judgements(make_filters(grades=["overall effectiveness=inadequate", "send=positive"]))[1:]


def test_timeline_shows_the_send_outcome_beside_the_ilacs_grades(library: Library) -> None:
    entries = library.timeline("Oldham")
    assert [(e.document.path, e.document.doc_type) for e in entries] == [("o22.txt", "inspection"), ("s24.txt", "area_send")]
    assert entries[1].document.judgements == {"Area SEND outcome": "Lead to inconsistent experiences and outcomes"}


def test_grade_filter_that_matches_nothing_says_so(library: Library) -> None:
    answer = library.ask("care leavers", make_filters(grades=["care leavers=inadequate"]))
    assert not answer.answered
    assert answer.message == "No indexed document matches the filter grade care leavers: inadequate: remove or widen it."
    with pytest.raises(UnknownGrade, match="'great' is not an Ofsted grade"):
        make_filters(grades=["overall effectiveness=great"])


def test_compare_gives_each_authority_its_own_column(library: Library) -> None:
    columns = library.compare("Where do care leavers live?", ["Tameside", "Oldham", "York"], make_filters())
    assert [c.authority for c in columns] == ["Tameside", "Oldham", "York"]
    for column in columns:
        assert all(c.hit.document.authority == column.authority for c in column.answer.citations)
        assert column.answer.question == "Where do care leavers live?"
        assert column.answer.filters.authorities == (column.authority,)
    assert not columns[2].answer.answered and columns[2].answer.message == "No documents about York are indexed."


def test_compare_shares_year_filters_and_reads_authorities_from_the_question(library: Library) -> None:
    columns = library.compare("care leavers in Tameside and Oldham since 2023", [], make_filters())
    assert [c.authority for c in columns] == ["Tameside", "Oldham"]
    assert all(c.answer.filters.year_from == 2023 for c in columns)
    assert {c.hit.document.path for c in columns[0].answer.citations} <= {"t23.txt"}
    with pytest.raises(CompareAuthorities, match=r"^Compare needs 2 to 4 authorities and was given 1 \(Oldham\)"):
        library.compare("care leavers", ["Oldham"], make_filters())
    with pytest.raises(CompareAuthorities, match="was given 5"):
        library.compare("care leavers", ["Oldham", "Tameside", "York", "Leeds", "Hull"], make_filters())


def test_timeline_in_date_order_with_an_answer_from_each_document(library: Library) -> None:
    plain = library.timeline("Tameside")
    assert [e.document.path for e in plain] == ["t19.txt", "t23.txt"] and all(e.answer is None for e in plain)
    asked = library.timeline("Tameside", "Where do care leavers live, and in bed and breakfast?")
    for entry in asked:
        assert entry.answer is not None
        assert {c.hit.document.path for c in entry.answer.citations} <= {entry.document.path}
    assert [e.document.path for e in library.timeline("Tameside", "", make_filters(year_from=2020))] == ["t23.txt"]
