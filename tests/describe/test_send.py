from pathlib import Path

import pytest
from send_fixtures import write_send_pdf, write_send_report

from indexer.describe.authorities import gazetteer
from indexer.describe.metadata import describe
from indexer.describe.send import LABEL, read_outcome, send_title
from indexer.ingest.cleaning import clean
from indexer.ingest.readers import read
from indexer.types import Document


def describe_file(path: Path) -> Document:
    extracted = read(path)
    return describe(path.name, "sha", extracted, clean(extracted), gazetteer())


@pytest.mark.parametrize(("outcome", "printed"), [
    ("positive", "Typically lead to positive experiences and outcomes"),
    ("inconsistent", "Lead to inconsistent experiences and outcomes"),
    ("systemic", "Widespread and/or systemic failings leading to significant concerns"),
])
def test_report_type_title_date_and_outcome(tmp_path: Path, outcome: str, printed: str) -> None:
    doc = describe_file(write_send_report(tmp_path / "s.txt", "Oldham", outcome))
    assert doc.doc_type == "area_send"
    assert doc.title == "Area SEND inspection of Oldham Local Area Partnership"
    assert doc.authority == "Oldham"
    # no publication date printed: the last inspection day, never the previous inspection's 2016
    assert (doc.date, doc.year, doc.inspection_dates) == ("2024-06-21", 2024, "17 to 21 June 2024")
    assert doc.judgements == {LABEL: printed}


def test_pdf_title_over_two_lines_running_header_and_earlier_inspection(tmp_path: Path) -> None:
    from indexer.ingest.chunking import chunk

    doc = describe_file(write_send_pdf(tmp_path / "d.pdf", "Dorset", "systemic"))
    assert doc.title == "Area SEND inspection of Dorset Local Area Partnership"
    assert (doc.authority, doc.doc_type, doc.date) == ("Dorset", "area_send", "2024-12-13")
    assert doc.judgements == {LABEL: "Widespread and/or systemic failings leading to significant concerns"}
    extracted = read(tmp_path / "d.pdf")
    passages = chunk(doc, clean(extracted).blocks, lambda ts: [len(t.split()) for t in ts], 300)
    assert all(p.page is not None for p in passages)
    assert not [p.text for p in passages if "Area SEND inspection report:" in p.text or "December 2024 2" in p.text]


def test_no_outcome_is_invented() -> None:
    blocks = ["Area SEND inspection of Dorset Local Area Partnership", "Inspection dates: 9 to 13 December 2024",
              "Leaders know the area well."]
    assert send_title(blocks) == "Area SEND inspection of Dorset Local Area Partnership"
    assert read_outcome(blocks) == {}
    assert send_title(["Inspection of Dorset local authority children's services"]) is None


def test_older_framework_letter_states_a_written_statement_of_action() -> None:
    blocks = ["Joint local area SEND inspection in Dorset", "Dear Director",
              "As a result of the findings of this inspection, HMCI has determined that a Written Statement "
              "of Action (WSOA) is required because of significant areas of weakness in the local area's practice."]
    assert send_title(blocks) == "Joint local area SEND inspection in Dorset"
    assert read_outcome(blocks) == {LABEL: "A Written Statement of Action (WSOA) is required"}
