"""Records -> JSON-ready dicts and terminal text, per the command-line contract."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import numpy as np

from indexer.across import Column, Entry
from indexer.ask.citations import reference
from indexer.build import BuildReport
from indexer.store.index import Index
from indexer.types import Answer, Document, Filters, Hit, Passage


def document(doc: Document, passages: int) -> dict[str, Any]:
    return {
        "id": doc.id, "path": doc.path, "title": doc.title, "authority": doc.authority,
        "authorities_mentioned": list(doc.authorities_mentioned), "date": doc.date, "year": doc.year,
        "doc_type": doc.doc_type, "judgements": doc.judgements, "inspection_dates": doc.inspection_dates,
        "url": doc.url, "passages": passages,
    }


def passage(p: Passage) -> dict[str, Any]:
    return {
        "id": p.id, "path": p.path, "text": p.text, "paragraph": p.paragraph, "paragraph_label": p.label,
        "page": p.page, "section": p.section,
    }


def info(index: Index, with_passages: bool) -> dict[str, Any]:
    counts = np.bincount(index.row_doc, minlength=len(index.documents)).tolist()
    out: dict[str, Any] = {
        "model": index.model,
        "passages": index.size,
        "built_at": index.manifest.get("built_at"),
        "documents": [document(d, n) for d, n in zip(index.documents, counts)],
    }
    if with_passages:
        out["passages"] = [passage(p) for i in range(len(index.documents)) for p in index.passages_of(i)]
    return out


def document_passages(index: Index, doc_index: int) -> dict[str, Any]:
    """One document with the list of its passages (as ``info --passages`` lists them)."""
    found = index.passages_of(doc_index)
    return {**document(index.documents[doc_index], len(found)), "passages": [passage(p) for p in found]}


def health(index: Index) -> dict[str, Any]:
    return {"status": "ok", "model": index.model, "generation": index.generation,
            "documents": len(index.documents), "passages": index.size}


def hit(h: Hit) -> dict[str, Any]:
    d, p = h.document, h.passage
    return {
        "text": p.text, "score": round(h.score, 4), "title": d.title, "authority": d.authority,
        "date": d.date, "year": d.year, "doc_type": d.doc_type, "path": d.path,
        "paragraph": p.paragraph, "paragraph_label": p.label, "page": p.page, "section": p.section,
        "reference": reference(d, p),
    }


def search(hits: list[Hit], filters: Filters) -> dict[str, Any]:
    return {"filters": filters.as_dict(), "results": [hit(h) for h in hits]}


def answer(a: Answer) -> dict[str, Any]:
    return {
        "answered": a.answered,
        "answer": a.text,
        "message": a.message,
        "sentences": [{"text": s.text, "citation": s.citation} for s in a.sentences],
        "citations": [{"n": c.n, **hit(c.hit), "reference": c.reference} for c in a.citations],
        "closest": [] if a.answered else [hit(h) for h in a.hits[:5]],
        "filters": a.filters.as_dict(),
        # a decline under filters when documents outside them discuss the topic: search these
        "wider": a.wider.as_dict() if a.wider is not None else None,
    }


def build_text(report: BuildReport) -> str:
    lines = [report.summary()]
    lines += [f"skipped {p}: {r}" for p, r in report.skipped]
    return "\n".join(lines)


def info_text(index: Index) -> str:
    lines = [f"{index.size} passages from {len(index.documents)} documents (model {index.model})"]
    for d in index.documents:
        lines.append(f"- {d.path}: {d.title} | {d.authority} | {d.date or d.year} | {d.doc_type}")
    return "\n".join(lines)


def _filters_text(f: Filters) -> str:
    parts = [f"{name}: {value}" for name, value in f.describe().items()]
    return "filters: " + ("; ".join(parts) if parts else "none")


def search_text(hits: list[Hit], filters: Filters) -> str:
    lines = [_filters_text(filters)]
    for i, h in enumerate(hits, start=1):
        lines.append(f"{i}. [{h.score:.3f}] {reference(h.document, h.passage)}\n   {h.passage.text[:300]}")
    return "\n".join(lines) if hits else lines[0] + "\nNo passages found."


def answer_text(a: Answer) -> str:
    lines = [_filters_text(a.filters)]
    if a.answered:
        lines.append(a.text)
        lines += [f"[{c.n}] {c.reference}" for c in a.citations]
    else:
        lines.append(a.message)
        lines += [f"- {reference(h.document, h.passage)}: {h.passage.text[:200]}" for h in a.hits[:3]]
    return "\n".join(lines)


def eval_text(report: dict[str, Any]) -> str:
    groups = ("abstention_near_miss", "abstention_off_topic")
    lines = []
    for key, value in report.items():
        if isinstance(value, dict) and key not in groups:
            lines.append(f"{key}: " + ", ".join(f"{k}={v}" for k, v in value.items()))
    lines.append(f"filter_accuracy: {report.get('filter_accuracy')} (n={report.get('filter_n')})")
    lines += [f"  {f['id']}: {f['question']} -- {'; '.join(f['problems'])}" for f in report.get("filter_failures", [])]
    lines.append(f"abstention_accuracy: {report.get('abstention_accuracy')}")
    for key in groups:
        group = report.get(key) or {}
        lines.append(f"  {key.removeprefix('abstention_')} declined: {group.get('declined')} (n={group.get('n')})")
    lines.append(f"answer_hit: {report.get('answer_hit')}")
    lines.append(f"answer_precision: {report.get('answer_precision')} (n={report.get('answer_sentences')} sentences)")
    return "\n".join(lines)


def report(doc: Document) -> dict[str, Any]:
    return {
        "path": doc.path, "title": doc.title, "authority": doc.authority, "date": doc.date,
        "year": doc.year, "doc_type": doc.doc_type, "judgements": dict(doc.judgements),
    }


def judgements(docs: list[Document]) -> dict[str, Any]:
    return {"reports": [report(d) for d in docs]}


def judgements_text(docs: list[Document]) -> str:
    if not docs:
        return "No inspection report with judgements matches the filters."
    lines = []
    for d in docs:
        lines.append(f"{d.authority or 'Authority unknown'} | {d.date or d.year or 'undated'} | {d.doc_type} | {d.title}")
        lines += [f"  {label}: {grade}" for label, grade in d.judgements.items()]
    return "\n".join(lines)


def _cited(a: Answer) -> dict[str, Any]:
    full = answer(a)
    return {key: full[key] for key in ("answered", "answer", "sentences", "citations", "message")}


def compare(columns: tuple[Column, ...]) -> dict[str, Any]:
    return {"columns": [{"authority": c.authority, **_cited(c.answer)} for c in columns]}


def compare_text(columns: tuple[Column, ...]) -> str:
    lines = [_filters_text(replace(columns[0].answer.filters, authorities=())) if columns else "filters: none"]
    for c in columns:
        lines += ["", f"== {c.authority} =="]
        if c.answer.answered:
            lines.append(c.answer.text)
            lines += [f"[{cite.n}] {cite.reference}" for cite in c.answer.citations]
        else:
            lines.append(c.answer.message)
    return "\n".join(lines)


def timeline(authority: str, entries: tuple[Entry, ...]) -> dict[str, Any]:
    return {
        "authority": authority,
        "documents": [
            {**report(e.document), "answer": _cited(e.answer) if e.answer is not None else None} for e in entries
        ],
    }


def timeline_text(authority: str, entries: tuple[Entry, ...]) -> str:
    if not entries:
        return f"No document about {authority} matches the filters."
    lines = []
    for e in entries:
        d = e.document
        grades = "; ".join(f"{label}: {grade}" for label, grade in d.judgements.items())
        lines.append(f"{d.date or d.year or 'undated'} | {d.doc_type} | {d.title}" + (f" | {grades}" if grades else ""))
        if e.answer is not None:
            text = e.answer.text if e.answer.answered else e.answer.message
            lines.append(f"  {text}")
            lines += [f"  [{c.n}] {c.reference}" for c in e.answer.citations]
    return "\n".join(lines)
