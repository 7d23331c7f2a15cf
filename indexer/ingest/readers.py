"""One reader per file format: bytes on disk -> ``Extracted`` pages of text.

Libraries do the parsing: pypdfium2 gives PDF text with its layout (``indexer.pdf`` rebuilds the
paragraphs from it), trafilatura finds an article's main text (and its reader comments) among navigation and
banners, python-docx walks headings, paragraphs and tables in document order.
"""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from indexer.errors import ExtractionError
from indexer.types import Extracted

log = logging.getLogger(__name__)

SUPPORTED = (".txt", ".md", ".markdown", ".html", ".htm", ".pdf", ".docx")


def read(path: Path) -> Extracted:
    """Read one file; raise ``ExtractionError`` with a short reason when it cannot be used."""
    suffix = path.suffix.lower()
    reader = _READERS.get(suffix)
    if reader is None:
        raise ExtractionError(f"unsupported file type {suffix or '(none)'}")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ExtractionError(f"cannot be read: {exc.strerror or exc}") from exc
    if not data.strip():
        raise ExtractionError("empty file")
    extracted = reader(data)
    if not "".join(extracted.pages).strip():
        raise ExtractionError("no text found")
    return extracted


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1252; refuse what is not text at all."""
    if b"\x00" in data:
        raise ExtractionError("binary data, not text")
    if data.startswith(b"\xef\xbb\xbf"):
        text = data[3:].decode("utf-8", errors="replace")
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
    bad = sum(1 for ch in text if ch == "\ufffd" or (ord(ch) < 32 and ch not in "\n\r\t\f"))
    if bad > max(2, len(text) // 200):
        raise ExtractionError("binary data, not text")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _read_txt(data: bytes) -> Extracted:
    return Extracted(pages=tuple(decode_text(data).split("\f")))


_MD_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+(.*?)[ \t]*#*[ \t]*$", re.M)
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")


def _read_md(data: bytes) -> Extracted:
    text = decode_text(data)
    text = _MD_HEADING.sub(r"\n\1\n", text)
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_EMPHASIS.sub(r"\2", text)
    return Extracted(pages=(text,))


def _read_html(data: bytes) -> Extracted:
    import trafilatura

    html = decode_text(data)
    doc: Any = trafilatura.bare_extraction(
        html,
        include_comments=True,
        include_tables=True,
        with_metadata=True,
        favor_recall=True,
    )
    if doc is None or not (doc.text or "").strip():
        raise ExtractionError("no article text found in the HTML")
    # trafilatura puts one paragraph a line; blank lines make them blocks for cleaning.
    body = "\n\n".join(line for line in doc.text.split("\n") if line.strip())
    comments = tuple(c for c in (doc.comments or "").split("\n") if c.strip())
    return Extracted(
        pages=(body,),
        title=doc.title or None,
        url=doc.url or None,
        date=doc.date or None,
        comments=comments,
    )


def _read_pdf(data: bytes) -> Extracted:
    from indexer.ingest.pdf.layout import read_pdf

    return read_pdf(data)


def _read_docx(data: bytes) -> Extracted:
    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        document = docx.Document(io.BytesIO(data))
    except Exception as exc:
        raise ExtractionError("not a valid Word document") from exc
    blocks: list[str] = []
    title = None
    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            text = item.text.strip()
            if not text:
                continue
            style = (item.style.name if item.style is not None else "") or ""
            if title is None and (style == "Title" or style.startswith("Heading")):
                title = text
            blocks.append(text)
        elif isinstance(item, Table):
            rows = []
            for row in item.rows:
                cells: list[str] = []
                for cell in row.cells:
                    value = " ".join(cell.text.split())
                    if value and (not cells or cells[-1] != value):  # merged cells repeat
                        cells.append(value)
                if cells:
                    rows.append("\t".join(cells))
            if rows:
                blocks.append("\n".join(rows))
    return Extracted(pages=("\n\n".join(blocks),), title=title)


_READERS: dict[str, Callable[[bytes], Extracted]] = {
    ".txt": _read_txt,
    ".md": _read_md,
    ".markdown": _read_md,
    ".html": _read_html,
    ".htm": _read_html,
    ".pdf": _read_pdf,
    ".docx": _read_docx,
}
