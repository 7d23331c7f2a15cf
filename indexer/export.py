"""An answer and its cited extracts as Markdown, CSV and Word, and as one block of copy text."""

from __future__ import annotations

import csv
import io

from indexer.citations import copy_text
from indexer.types import Answer

_CSV_FIELDS = ["n", "quote", "authority", "title", "date", "year", "doc_type", "paragraph", "page", "reference", "path"]


def answer_copy_text(answer: Answer) -> str:
    """The answer with its [n] markers, then the numbered references."""
    lines = [" ".join(answer.text.split()), "", "References"]
    lines += [f"[{c.n}] {c.reference}" for c in answer.citations]
    return "\n".join(lines)


def quotes(answer: Answer) -> list[tuple[int, str]]:
    """(citation number, the sentences quoted from it) in citation order."""
    by_n: dict[int, list[str]] = {}
    for s in answer.sentences:
        by_n.setdefault(s.citation, []).append(" ".join(s.text.split()))
    return [(c.n, " ".join(by_n.get(c.n, []))) for c in answer.citations]


def citation_copy_texts(answer: Answer) -> dict[int, str]:
    quoted = dict(quotes(answer))
    return {c.n: copy_text(quoted[c.n], c.hit.document, c.hit.passage) for c in answer.citations}


def to_markdown(answer: Answer) -> str:
    lines = [f"## {answer.question}", "", " ".join(answer.text.split()), "", "### Cited extracts", ""]
    quoted = dict(quotes(answer))
    for c in answer.citations:
        lines.append(f"{c.n}. > {quoted[c.n]}")
        lines.append(f"   {c.markdown}")
        lines.append("")
    return "\n".join(lines)


def to_csv(answer: Answer) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=_CSV_FIELDS)
    writer.writeheader()
    quoted = dict(quotes(answer))
    for c in answer.citations:
        d, p = c.hit.document, c.hit.passage
        writer.writerow({
            "n": c.n, "quote": quoted[c.n], "authority": d.authority, "title": d.title, "date": d.date,
            "year": d.year, "doc_type": d.doc_type, "paragraph": p.paragraph, "page": p.page,
            "reference": c.reference, "path": d.path,
        })
    return buffer.getvalue()


def to_docx(answer: Answer) -> bytes:
    import docx

    document = docx.Document()
    document.add_heading(answer.question, level=1)
    document.add_paragraph(" ".join(answer.text.split()))
    document.add_heading("Cited extracts", level=2)
    quoted = dict(quotes(answer))
    for c in answer.citations:
        document.add_paragraph(f"\u201c{quoted[c.n]}\u201d", style="Intense Quote")
        document.add_paragraph(f"[{c.n}] {c.reference}")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
