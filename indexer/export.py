"""An answer and its cited extracts as Markdown, CSV and Word, and as one block of copy text; a
comparison of authorities, every column; the judgements table as CSV."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any

from indexer.across import Column
from indexer.ask.citations import copy_text
from indexer.describe import grades
from indexer.types import Answer, Document

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
    _docx_answer(document, answer, "Cited extracts")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _docx_answer(document: Any, answer: Answer, extracts_heading: str | None = None) -> None:
    """An answer, then each cited extract as a quote with its reference."""
    document.add_paragraph(" ".join(answer.text.split()))
    if extracts_heading:
        document.add_heading(extracts_heading, level=2)
    quoted = dict(quotes(answer))
    for c in answer.citations:
        document.add_paragraph(f"\u201c{quoted[c.n]}\u201d", style="Intense Quote")
        document.add_paragraph(f"[{c.n}] {c.reference}")


def compare_copy_text(column: Column) -> str:
    """One column to paste: its answer with references, or its decline."""
    if not column.answer.answered:
        return f"{column.authority}: {column.answer.message}"
    return f"{column.authority}\n{answer_copy_text(column.answer)}"


def compare_markdown(columns: Sequence[Column]) -> str:
    question = columns[0].answer.question if columns else ""
    lines = [f"## {question}", ""]
    for column in columns:
        lines += [f"### {column.authority}", ""]
        if column.answer.answered:
            lines += to_markdown(column.answer).split("\n")[2:]  # its own answer, without the question
        else:
            lines += [f"*{column.answer.message}*", ""]
    return "\n".join(lines)


def compare_csv(columns: Sequence[Column]) -> str:
    """One row per cited extract, the authority compared first; a declined column is one row with
    its message as the quote and no reference."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=["compared_authority", "answered", *_CSV_FIELDS])
    writer.writeheader()
    for column in columns:
        if not column.answer.answered:
            writer.writerow({"compared_authority": column.authority, "answered": False, "quote": column.answer.message})
            continue
        for row in csv.DictReader(io.StringIO(to_csv(column.answer))):
            writer.writerow({"compared_authority": column.authority, "answered": True, **row})
    return buffer.getvalue()


def compare_docx(columns: Sequence[Column]) -> bytes:
    import docx

    document = docx.Document()
    document.add_heading(columns[0].answer.question if columns else "Comparison", level=1)
    for column in columns:
        document.add_heading(column.authority, level=2)
        answer = column.answer
        if not answer.answered:
            document.add_paragraph(answer.message)
            continue
        _docx_answer(document, answer)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def judgements_rows(docs: Sequence[Document]) -> list[dict[str, str | int | None]]:
    """One row per report: authority, date, type, then each judgement in Ofsted's wording."""
    names = grades.columns(d.judgements for d in docs)
    rows: list[dict[str, str | int | None]] = []
    for d in docs:
        graded = grades.by_column(d.judgements)
        rows.append({
            "authority": d.authority, "date": d.date, "year": d.year, "doc_type": d.doc_type,
            **{name: graded.get(name) for name in names}, "title": d.title, "path": d.path,
        })
    return rows


def judgements_csv(docs: Sequence[Document]) -> str:
    rows = judgements_rows(docs)
    buffer = io.StringIO()
    fields = list(rows[0]) if rows else ["authority", "date", "year", "doc_type", "title", "path"]
    writer = csv.DictWriter(buffer, fieldnames=fields)
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()
