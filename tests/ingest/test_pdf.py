"""PDF layout: a report drawn run by run as real Ofsted PDFs are (tests/pdf_fixtures.py), and
synthetic lines for the cases a drawing cannot make."""

from pathlib import Path

import pytest
from pdf_fixtures import AUTHORITY, DEJAVU, WRAPPED_SENTENCE, blocks, read_described, write_ofsted_pdf

from indexer.errors import ExtractionError
from indexer.ingest.chunking import chunk
from indexer.ingest.pdf.layout import Line, layout
from indexer.ingest.readers import read
from indexer.types import Cleaned, Document

HEADER = f"Inspection of {AUTHORITY} local authority children's services"


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Document, Cleaned]:
    return read_described(write_ofsted_pdf(tmp_path_factory.mktemp("pdf") / "3f9a.pdf"))


def test_judgement_table_read_from_separate_cells(report: tuple[Document, Cleaned]) -> None:
    doc, _ = report
    assert doc.judgements == {
        "The impact of leaders on social work practice with children and families": "Good",
        "The experiences and progress of children who need help and protection": "Requires improvement to be good",
        "The experiences and progress of children in care": "Outstanding",
        "The experiences and progress of care leavers": "Inadequate",
        "Overall effectiveness": "Good",
    }
    assert doc.doc_type == "inspection" and doc.authority == AUTHORITY
    assert doc.date == "2022-03-18" and doc.inspection_dates == "7 to 18 March 2022"


def test_no_bare_grades_or_numbers_as_paragraphs(report: tuple[Document, Cleaned]) -> None:
    for text in blocks(report[1]):
        assert text.strip() not in {"Good", "Outstanding", "Inadequate", "be good", "1", "1.", "2."}


def test_running_header_and_footer_never_inside_text(report: tuple[Document, Cleaned]) -> None:
    doc, cleaned = report
    assert blocks(cleaned)[0] == HEADER  # the title, drawn larger on the first page
    assert doc.text.count(HEADER) == 1
    assert "7 to 18 March 2022 3" not in doc.text and "March 2022 4" not in doc.text


def test_contents_page_is_not_text(report: tuple[Document, Cleaned]) -> None:
    assert "Information about this inspection 5" not in report[0].text
    assert not any(b.page == 2 for b in report[1].blocks)


def test_sentence_across_a_page_break_is_one_paragraph(report: tuple[Document, Cleaned]) -> None:
    _, cleaned = report
    [block] = [b for b in cleaned.blocks if WRAPPED_SENTENCE in cleaned.text[b.start : b.end]]
    assert cleaned.text[block.start : block.end] == "3. " + WRAPPED_SENTENCE
    assert block.page == 3


def test_hyphen_at_a_line_end_is_kept_and_joined(report: tuple[Document, Cleaned]) -> None:
    text = report[0].text
    assert "The multi-agency safeguarding hub responds quickly" in text
    assert "multi- agency" not in text and "multiagency" not in text


def test_footnote_marker_dropped_and_footnote_kept_apart(report: tuple[Document, Cleaned]) -> None:
    doc, cleaned = report
    assert "The Safeguarding Children Board meets monthly." in doc.text
    assert "Board1" not in doc.text
    texts = blocks(cleaned)
    note = texts.index("1 The board became a safeguarding partnership in 2019.")
    assert note == len(texts) - 1  # after the body, not spliced into it
    assert cleaned.blocks[note].page == 3


@pytest.mark.skipif(not Path(DEJAVU).exists(), reason="needs a font with bullet glyphs")
def test_bullets_are_list_items_and_wrapped_items_stay_whole(report: tuple[Document, Cleaned]) -> None:
    assert (
        "• The timeliness of initial child protection conferences for children who are at risk of harm.\n"
        "• The quality of supervision for social workers." in blocks(report[1])
    )
    assert "◼" not in report[0].text


def test_numbered_paragraphs_carry_ofsteds_numbers_once(report: tuple[Document, Cleaned]) -> None:
    doc, cleaned = report
    passages = chunk(doc, cleaned.blocks, lambda texts: [len(t.split()) for t in texts], 200)
    numbered = [p for p in passages if p.paragraph is not None]
    assert [p.paragraph for p in numbered] == [1, 2, 3, 4, 5, 6, 7]
    for p in numbered:
        assert p.text.startswith(f"{p.paragraph}. ") and not p.text[3:].lstrip().startswith(f"{p.paragraph}.")
    assert all(p.page is not None for p in passages)


def line(text: str, page: int, x: float, y: float, size: float = 12, lead: float | None = None) -> Line:
    return Line(text, page, x, y, y, 500, size, lead or size, 842)


def test_private_use_bullet_glyphs_and_side_column_numbers() -> None:
    pages = [[
        line("Summary", 1, 72, 750, 14),
        line("\uf06e The first finding, which runs on to", 1, 72, 720),
        line("a second line.", 1, 89, 705),
        line("\uf06e The second finding.", 1, 72, 680),
        line("7.", 1, 72, 640),
        line("Children are seen alone by social workers,", 1, 100, 640),
        line("who record their wishes.", 1, 100, 625),
        line("12", 1, 300, 40),
    ]]
    paragraphs = [text for text, _ in layout(pages).paragraphs]
    assert paragraphs == [
        "Summary",
        "• The first finding, which runs on to a second line.\n• The second finding.",
        "7. Children are seen alone by social workers, who record their wishes.",
    ]


def test_numbered_paragraph_runs_on_after_a_page_break_at_its_indent() -> None:
    pages = [
        [line("5. Plans are reviewed on time.", 1, 72, 100), line("Most are clear.", 1, 100, 85)],
        [line("Some lack contingency plans.", 2, 100, 750), line("6. Carers are well supported.", 2, 72, 720)],
    ]
    assert [t for t, _ in layout(pages).paragraphs] == [
        "5. Plans are reviewed on time. Most are clear. Some lack contingency plans.",
        "6. Carers are well supported.",
    ]


def test_an_html_page_saved_as_pdf_is_refused(tmp_path: Path) -> None:
    fake = tmp_path / "report.pdf"
    fake.write_text("<!DOCTYPE html><html><body>404 Not Found</body></html>")
    with pytest.raises(ExtractionError, match="not a PDF file"):
        read(fake)
