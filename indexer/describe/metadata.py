"""Describe a cleaned document: title, authority, date, year, type, judgements.

Nothing is read from the file's name: real corpora have opaque names. A sidecar
``metadata.csv`` in the corpus folder (see README) overrides any field for any file.
"""

from __future__ import annotations

import csv
import logging
import re
from collections import Counter
from dataclasses import replace
from pathlib import Path

from indexer.describe.authorities import Gazetteer, is_place
from indexer.describe.dates import parse_date
from indexer.describe.dating import document_date, fallback_year
from indexer.describe.doctype import doc_type as find_doc_type
from indexer.describe.judgements import read_judgements
from indexer.describe.send import read_outcome, send_title
from indexer.errors import IndexerError, UnknownDocType
from indexer.types import DOC_TYPES, Cleaned, Document, Extracted

log = logging.getLogger(__name__)

SIDECAR = "metadata.csv"


def describe(path: str, sha: str, extracted: Extracted, cleaned: Cleaned, gaz: Gazetteer) -> Document:
    text = cleaned.text
    body_end = cleaned.comments_start if cleaned.comments_start is not None else len(text)
    blocks = [text[b.start : b.end] for b in cleaned.blocks if b.start < body_end]
    send = send_title(blocks)
    title = send or _title(extracted, blocks)
    judgements = read_outcome(blocks) if send else read_judgements(blocks)
    doc_type = find_doc_type(title, blocks, cleaned, extracted, bool(judgements), send)
    authority, mentioned = _authorities(text, body_end, title, blocks, gaz)
    when, inspection_dates = document_date(extracted, blocks, doc_type)
    year = when.year if when else fallback_year(text, body_end)
    return Document(
        path=path,
        sha=sha,
        title=title,
        authority=authority,
        authorities_mentioned=mentioned,
        date=when.isoformat() if when else None,
        year=year,
        doc_type=doc_type,
        text=text,
        judgements=judgements,
        inspection_dates=inspection_dates,
        url=extracted.url,
        comments_start=cleaned.comments_start,
    )


def _title(extracted: Extracted, blocks: list[str]) -> str:
    if extracted.title:
        return " ".join(extracted.title.split())
    head = blocks[:12]
    for i, block in enumerate(head):
        if re.match(r"^Dear\b", block) and i + 1 < len(head):
            nxt = head[i + 1]
            if len(nxt) < 200 and nxt[-1] not in ".":
                return nxt
    for block in head[:6]:
        line = block.split("\n")[0]
        if line.isupper() and len(line) > 10 and ":" not in line:
            return line
    for block in head:
        line = block.split("\n")[0].strip()
        if len(line) >= 10 and not (parse_date(line) and len(line) < 30) and "\t" not in line:
            return line[:200]
    return blocks[0].split("\n")[0][:200] if blocks else ""


def _authorities(
    text: str, body_end: int, title: str, blocks: list[str], gaz: Gazetteer
) -> tuple[str | None, tuple[str, ...]]:
    scores: Counter[str] = Counter()
    mentioned: set[str] = set()
    head_end = len("\n\n".join(blocks[:6]))
    for m in gaz.find(title):
        if is_place(title, m):
            scores[m.name] += 10
    for m in gaz.find(text):
        if not is_place(text, m):
            continue
        mentioned.add(m.name)
        if m.start >= body_end:
            continue  # reader comments say nothing about what the article is about
        weight = 3 if m.start < head_end else 1
        after = text[m.end : m.end + 40]
        if re.match(r"^(?:'s)?\s+(?:Borough |City |County |Metropolitan Borough )?(?:Council|children.s services|local authority)", after, re.I):
            weight += 2
        scores[m.name] += weight
    if not scores:
        return None, tuple(sorted(mentioned))
    top, score = scores.most_common(1)[0]
    if score < 2:
        return None, tuple(sorted(mentioned))
    return top, tuple(sorted(mentioned - {top}))


def read_sidecar(corpus: Path) -> dict[str, dict[str, str]]:
    """``metadata.csv``: a ``path`` column (relative to the corpus folder) and any fields to override."""
    sidecar = corpus / SIDECAR
    if not sidecar.exists():
        return {}
    with sidecar.open(encoding="utf-8-sig", newline="") as handle:
        return {
            row["path"].strip(): {k: (v or "").strip() for k, v in row.items() if k and k != "path" and (v or "").strip()}
            for row in csv.DictReader(handle)
            if row.get("path")
        }


def apply_overrides(doc: Document, fields: dict[str, str], gaz: Gazetteer) -> Document:
    changes: dict[str, object] = {}
    for key, value in fields.items():
        if key == "authority":
            changes[key] = gaz.canonical(value)
        elif key == "authorities_mentioned":
            changes[key] = tuple(gaz.canonical(v) for v in value.split(";") if v.strip())
        elif key == "date":
            parsed = parse_date(value)
            if parsed is None:
                raise IndexerError(f"metadata.csv: {value!r} is not a date (write it as 2022-07-19).")
            changes["date"] = parsed.isoformat()
            changes.setdefault("year", parsed.year)
        elif key == "year":
            changes["year"] = int(value)
        elif key == "doc_type":
            if value not in DOC_TYPES:
                raise UnknownDocType(value, DOC_TYPES)
            changes[key] = value
        elif key == "judgements":
            pairs = [part.split("=", 1) for part in value.split(";") if "=" in part]
            changes[key] = {label.strip(): grade.strip() for label, grade in pairs}
        elif key in ("title", "url", "inspection_dates"):
            changes[key] = value
        else:
            log.warning("metadata.csv: unknown column %r ignored", key)
    return replace(doc, **changes)  # type: ignore[arg-type]
