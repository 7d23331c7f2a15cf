"""Exports of a comparison (every column) and of the judgements table."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import docx
import pytest
from conftest import FakeEmbedder
from fixtures import write_graded_corpus

from indexer.build import build
from indexer.config import Settings
from indexer.export import compare_csv, compare_docx, compare_markdown, judgements_csv
from indexer.library import Library, make_filters
from indexer.store.index import open_index


@pytest.fixture
def library(tmp_path: Path, settings: Settings, fake: FakeEmbedder) -> Library:
    build(write_graded_corpus(tmp_path / "corpus"), settings, fake, progress=False)
    return Library(open_index(settings.index_dir), fake, settings)


def test_compare_exports_carry_every_column(library: Library) -> None:
    columns = library.compare("Where do care leavers live?", ["Tameside", "York"], make_filters())
    assert columns[0].answer.answered and not columns[1].answer.answered
    md = compare_markdown(columns)
    assert md.startswith("## Where do care leavers live?")
    assert "### Tameside" in md and "### York" in md and "*No documents about York are indexed.*" in md
    assert columns[0].answer.citations[0].markdown in md
    rows = list(csv.DictReader(io.StringIO(compare_csv(columns))))
    assert {r["compared_authority"] for r in rows} == {"Tameside", "York"}
    assert rows[-1] == {**rows[-1], "answered": "False", "quote": "No documents about York are indexed.", "reference": ""}
    assert all(r["reference"] for r in rows if r["compared_authority"] == "Tameside")
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(compare_docx(columns))).paragraphs)
    assert "Tameside" in text and "No documents about York are indexed." in text
    assert columns[0].answer.citations[0].reference in text


def test_judgements_csv_one_row_per_report_in_ofsted_wording(library: Library) -> None:
    rows = list(csv.DictReader(io.StringIO(judgements_csv(library.judgements()))))
    assert [r["path"] for r in rows] == ["o22.txt", "s24.txt", "t19.txt", "t23.txt"]
    assert list(rows[0])[:10] == ["authority", "date", "year", "doc_type", "Overall effectiveness", "Leaders",
                                  "Help and protection", "Children in care", "Care leavers", "SEND outcome"]
    assert rows[1]["SEND outcome"] == "Lead to inconsistent experiences and outcomes" and rows[1]["Leaders"] == ""
    assert rows[1]["doc_type"] == "area_send" and rows[0]["SEND outcome"] == ""
    assert rows[2]["Overall effectiveness"] == "Inadequate" and rows[2]["Care leavers"] == ""
    assert rows[3]["Overall effectiveness"] == "Requires improvement to be good"
