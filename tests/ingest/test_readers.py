from pathlib import Path

import pytest
from fixtures import write_cp1252, write_docx, write_html, write_markdown, write_pdf

from indexer.errors import ExtractionError
from indexer.ingest.readers import decode_text, read


def test_text_encodings_utf8_bom_and_windows_1252(tmp_path: Path) -> None:
    assert decode_text("£5 café".encode()) == "£5 café"
    assert decode_text(b"\xef\xbb\xbf\xc2\xa35 caf\xc3\xa9") == "£5 café"
    assert decode_text("£5 café – ‘quoted’".encode("cp1252")) == "£5 café – ‘quoted’"
    text = "".join(read(write_cp1252(tmp_path / "budget.txt")).pages)
    assert "£2.1 million" in text and "£450,000" in text


def test_markdown_headings_become_paragraphs(tmp_path: Path) -> None:
    pages = read(write_markdown(tmp_path / "letter.md")).pages
    assert "# " not in pages[0]
    assert "\nHeadline findings\n" in pages[0]


def test_html_keeps_article_and_comments_drops_navigation(tmp_path: Path) -> None:
    extracted = read(write_html(tmp_path / "page.html"))
    body = extracted.pages[0]
    assert "Inspectors found that children in care have stable homes" in body
    for noise in ("We use cookies", "Subscribe", "Most popular", "All rights reserved"):
        assert noise not in body
    assert any("York" in c for c in extracted.comments)
    assert all("York" not in line for line in body.split("\n"))
    assert extracted.url and extracted.url.startswith("https://news.example.org/")


def test_pdf_pages_are_kept(tmp_path: Path) -> None:
    extracted = read(write_pdf(tmp_path / "report.pdf"))
    assert extracted.is_pdf and len(extracted.pages) >= 2
    assert "Private fostering arrangements" in " ".join(extracted.pages[-1].split())


def test_docx_headings_paragraphs_and_tables_in_order(tmp_path: Path) -> None:
    extracted = read(write_docx(tmp_path / "report.docx"))
    text = extracted.pages[0]
    assert extracted.title == "Inspection of Stockton-on-Tees local authority children's services"
    assert "The impact of leaders on social work practice with children and families\tGood" in text
    assert text.index("Judgement\tGrade") < text.index("1. Children and families")


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.md", b"   \n\t\n  ", "empty file"),
        ("noise.txt", bytes(range(256)) * 20, "binary data, not text"),
        ("truncated.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog", "damaged or unreadable PDF"),
        ("letter.docx", b"This is plain text that someone named .docx", "not a valid Word document"),
        ("sheet.xlsx", b"PK\x03\x04", "unsupported file type .xlsx"),
    ],
)
def test_bad_files_raise_a_reason(tmp_path: Path, name: str, content: bytes, reason: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ExtractionError, match=reason.replace(".", r"\.")):
        read(path)


def test_unreadable_file_is_a_reason(tmp_path: Path) -> None:
    with pytest.raises(ExtractionError, match="cannot be read"):
        read(tmp_path / "missing.txt")
