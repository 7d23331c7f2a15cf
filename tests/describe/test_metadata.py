from pathlib import Path

import pytest
from conftest import CORPUS
from fixtures import write_cp1252, write_docx, write_html, write_markdown, write_pdf

from indexer.describe.authorities import gazetteer
from indexer.describe.metadata import apply_overrides, describe
from indexer.ingest.cleaning import clean
from indexer.ingest.readers import read
from indexer.types import Document


def describe_file(path: Path) -> Document:
    extracted = read(path)
    return describe(path.name, "sha", extracted, clean(extracted), gazetteer())


def seed(prefix: str) -> Document:
    return describe_file(next(CORPUS.glob(f"{prefix}_*")))


@pytest.mark.parametrize(
    ("prefix", "authority", "date", "year", "doc_type"),
    [
        ("000", "Blackpool", "2022-07-19", 2022, "monitoring_visit"),
        ("001", "Blackpool", "2025-01-31", 2025, "jtai"),
        ("002", "Blackpool", "2020-01-09", 2020, "committee_report"),
        ("003", "Blackpool", None, 2019, "news"),
        ("004", "Blackburn with Darwen", "2022-02-04", 2022, "inspection"),
    ],
)
def test_seed_documents(prefix: str, authority: str, date: str | None, year: int, doc_type: str) -> None:
    doc = seed(prefix)
    assert (doc.authority, doc.date, doc.year, doc.doc_type) == (authority, date, year, doc_type)


def test_titles() -> None:
    assert seed("000").title == "Monitoring visit to Blackpool children's services"
    assert seed("001").title == "Joint targeted area inspection of Blackpool"
    assert seed("004").title == "Inspection of Blackburn with Darwen local authority children's services"


def test_judgements_come_from_the_table() -> None:
    assert seed("004").judgements == {
        "The impact of leaders on social work practice with children and families": "Requires improvement to be good",
        "The experiences and progress of children who need help and protection": "Requires improvement to be good",
        "The experiences and progress of children in care and care leavers": "Requires improvement to be good",
        "Overall effectiveness": "Requires improvement to be good",
    }
    assert seed("000").judgements == {}


def test_not_fooled_by_police_forces_surnames_or_comments() -> None:
    jtai = seed("001")
    assert jtai.authority == "Blackpool" and "Lancashire" not in jtai.authorities_mentioned
    news = seed("003")  # its council leader is called Blackburn; a reader writes about York
    assert news.authority == "Blackpool"
    assert "Blackburn with Darwen" not in news.authorities_mentioned
    assert "York" in news.authorities_mentioned


def test_inspection_dates() -> None:
    assert seed("004").inspection_dates == "24 January to 4 February 2022"
    assert seed("000").inspection_dates == "14 and 15 June 2022"


@pytest.mark.parametrize(
    ("writer", "name", "authority", "year", "doc_type"),
    [
        (write_pdf, "x1.pdf", "Tameside", 2022, "inspection"),
        (write_docx, "x2.docx", "Stockton-on-Tees", 2022, "inspection"),
        (write_html, "x3.html", "Bath and North East Somerset", 2023, "news"),
        (write_markdown, "x4.md", "St Helens", 2023, "focused_visit"),
        (write_cp1252, "x5.txt", "Kingston upon Hull", 2021, "committee_report"),
    ],
)
def test_other_formats_and_authorities(tmp_path: Path, writer, name: str, authority: str, year: int, doc_type: str) -> None:  # type: ignore[no-untyped-def]
    doc = describe_file(writer(tmp_path / name))
    assert (doc.authority, doc.year, doc.doc_type) == (authority, year, doc_type)


def test_docx_judgement_table(tmp_path: Path) -> None:
    doc = describe_file(write_docx(tmp_path / "r.docx"))
    assert doc.judgements["The experiences and progress of children in care"] == "Outstanding"
    assert doc.date == "2022-07-08"


def test_person_named_after_a_place_is_not_the_authority(tmp_path: Path) -> None:
    doc = describe_file(write_html(tmp_path / "a.html"))  # quotes "Councillor Jane Reading"
    assert "Reading" not in doc.authorities_mentioned


def test_sidecar_overrides() -> None:
    doc = seed("003")
    changed = apply_overrides(doc, {"date": "2019-01-22", "authority": "blackpool", "doc_type": "news"}, gazetteer())
    assert (changed.date, changed.year, changed.authority) == ("2019-01-22", 2019, "Blackpool")


@pytest.mark.parametrize(
    ("text", "authority", "doc_type"),
    [
        ("Ofsted monitoring visit finds progress in Tameside\n\nBy Jane Smith\n\nInspectors said Tameside had "
         "improved. The director said she was pleased.", "Tameside", "news"),
        ("Focused Visit Letter Tameside\n\n3 March 2023\n\nDear Ms Smith\n\nThis letter summarises the findings "
         "of the focused visit to Tameside children's services.", "Tameside", "focused_visit"),
        ("Cabinet\n\n12 March 2024\n\nChildren's Services Improvement Plan\n\nReport of the Director of "
         "Children's Services, Wigan Council\n\n1.1 This report updates Cabinet on progress.", "Wigan", "committee_report"),
        ("Council leader Cllr Anne Wigan praised staff in Bolton.\n\nBolton Council said its children's "
         "services had improved.", "Bolton", "other"),
    ],
)
def test_type_and_authority_from_text_alone(text: str, authority: str, doc_type: str) -> None:
    from indexer.types import Extracted

    extracted = Extracted(pages=(text,))
    doc = describe("x.txt", "sha", extracted, clean(extracted), gazetteer())
    assert (doc.authority, doc.doc_type) == (authority, doc_type)
    assert "Wigan" not in doc.authorities_mentioned or authority == "Wigan"


def test_committee_page_whose_heading_names_the_council_in_capitals(tmp_path: Path) -> None:
    # held-out: a North Yorkshire committee page got no authority, as its name is in capitals
    heading = "NORTH YORKSHIRE COUNTY COUNCIL"
    page = tmp_path / "nyc.html"
    page.write_text(f"""<!doctype html><html><head><title>{heading} - Committee report</title></head><body>
<main><h1>{heading}</h1><h2>CHILDREN AND YOUNG PEOPLE'S SERVICES SCRUTINY COMMITTEE</h2>
<p>Report to the committee. Date of meeting: 12 March 2021</p>
<p>{heading} asks members to note the progress of the fostering service and the placement sufficiency strategy.</p>
<p>The County Council's plans for residential children's homes are set out below for members of the committee.</p>
<p>{heading}. Recommendation: that the committee notes the report.</p></main></body></html>""", encoding="utf-8")
    doc = describe_file(page)
    assert (doc.authority, doc.doc_type, doc.date) == ("North Yorkshire", "committee_report", "2021-03-12")


def test_a_2014_report_is_not_dated_by_an_earlier_inspection_it_mentions(tmp_path: Path) -> None:
    report = tmp_path / "h14.txt"
    report.write_text("\n\n".join([
        "London Borough of Hillingdon",
        "Inspection of services for children in need of help and protection, children looked after and care leavers",
        "Previous inspection 14 May 2013",
        "Date of last inspection: 14 May 2013",
        "Inspection date: 13 January 2014 – 4 February 2014",
        "The overall judgement is requires improvement",
        "Children in Hillingdon who need help and protection are seen promptly by social workers.",
    ]) + "\n", encoding="utf-8")
    doc = describe_file(report)
    assert (doc.doc_type, doc.date, doc.year) == ("inspection", "2014-02-04", 2014)
