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
from datetime import date
from pathlib import Path

from indexer.authorities import Gazetteer, is_place
from indexer.dates import find_dates, find_month_years, parse_date
from indexer.errors import IndexerError, UnknownDocType
from indexer.types import DOC_TYPES, Cleaned, Document, Extracted

log = logging.getLogger(__name__)

SIDECAR = "metadata.csv"
GRADES = ("Requires improvement to be good", "Requires improvement", "Outstanding", "Good", "Inadequate")
_GRADE = "|".join(GRADES)
_JUDGEMENT_ROW = re.compile(rf"^(?P<label>[A-Z][^\t\n]{{8,160}}?)(?:\t+|\s{{2,}}|:\s*)(?P<grade>{_GRADE})\.?$", re.I)
_JUDGEMENT_LABEL = re.compile(
    r"^(The impact of leaders|The experiences and progress|Overall effectiveness|How well|"
    r"The effectiveness of|Leadership and management|Outcomes for)", re.I
)

_TYPE_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("jtai", re.compile(r"joint targeted area inspection|\bJTAI\b", re.I)),
    ("monitoring_visit", re.compile(r"\bmonitoring visit\b", re.I)),
    ("focused_visit", re.compile(r"\bfocused visit\b", re.I)),
    ("inspection", re.compile(
        r"\binspection of [\w ,'&-]+?(local authority )?children.s services\b|\bILACS\b|"
        r"\binspection of local authority children.s services\b|^inspection report\b", re.I)),
    ("committee_report", re.compile(
        r"^(?:report to|report of|relevant officer|date of meeting|meeting date|meeting|agenda item|"
        r"cabinet member|portfolio holder|lead member|report author|wards? affected|key decision)\b\s*:?|"
        r"^report to the\b|\bcommittee report\b", re.I | re.M)),
]
_BYLINE = re.compile(r"^(?:By|Written by|Words by)\s+[A-Z][a-z]+(?:\s+[A-Z][\w'-]+)+", re.M)
_COMMITTEE_WORDS = re.compile(
    r"\b(?:overview and scrutiny|scrutiny) (?:committee|panel|board|commission)\b|\bcabinet\b|"
    r"\bagenda item\b|\bcorporate parenting (?:panel|board|committee)\b", re.I
)



def describe(path: str, sha: str, extracted: Extracted, cleaned: Cleaned, gaz: Gazetteer) -> Document:
    text = cleaned.text
    body_end = cleaned.comments_start if cleaned.comments_start is not None else len(text)
    blocks = [text[b.start : b.end] for b in cleaned.blocks if b.start < body_end]
    title = _title(extracted, blocks)
    doc_type = _doc_type(title, blocks, cleaned, extracted)
    authority, mentioned = _authorities(text, body_end, title, blocks, gaz)
    when, inspection_dates = _date(extracted, blocks, text, body_end, doc_type)
    year = when.year if when else _fallback_year(text, body_end, doc_type)
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
        judgements=_judgements(blocks),
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


def _doc_type(title: str, blocks: list[str], cleaned: Cleaned, extracted: Extracted) -> str:
    if cleaned.comments_start is not None or extracted.comments:
        return "news"  # readers comment on articles, not on inspection letters or council papers
    top = "\n".join(blocks[:10])
    # An article about a monitoring visit is still an article: it quotes people and has a byline.
    official = any(re.match(r"^(Dear\b|Inspection dates?:)", b) for b in blocks[:12])
    quoting = len(re.findall(r"\b(said|says|told|added)\b", "\n".join(blocks[:15]))) >= 2
    journalism = not official and (quoting or bool(_BYLINE.search(top)))
    if not journalism:
        for kind, pattern in _TYPE_PATTERNS:
            if pattern.search(title):
                return kind
    best: tuple[int, str] | None = None
    for kind, pattern in _TYPE_PATTERNS:
        m = pattern.search(top)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), kind)
    if best and not (journalism and best[1] != "committee_report"):
        return best[1]
    if _COMMITTEE_WORDS.search(top) and not journalism:
        return "committee_report"
    if journalism or len(re.findall(r"\b(said|says|told)\b", "\n".join(blocks))) >= 2:
        return "news"
    return "other"


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


_INSPECTION_DATES = re.compile(r"^Inspection dates?:\s*(.+)$", re.I | re.M)
_MEETING_DATE = re.compile(r"^(?:Date of (?:Meeting|meeting|report|decision)|Meeting date|Date)\s*:?\s*(.+)$", re.M)
_PUBLISHED = re.compile(r"^(?:Published|Publication date|Posted|Date published)\s*:?\s*(.+)$", re.I | re.M)
_TOOK_PLACE = re.compile(
    r"(?:took place|carried out|was undertaken|were carried out)\s+(?:from|on|between)\s+([^.]*?\d{4})", re.I
)
_VISIT_ON = re.compile(r"\bvisit to [^.]*? on ([^.]*?\d{4})", re.I)


def _date(
    extracted: Extracted, blocks: list[str], text: str, body_end: int, doc_type: str
) -> tuple[date | None, str | None]:
    head = "\n\n".join(blocks[:12])
    inspection_dates = None
    m = _INSPECTION_DATES.search(head)
    if m:
        inspection_dates = m.group(1).strip()
    else:
        body = "\n\n".join(blocks[:20])
        found = _TOOK_PLACE.search(body) or _VISIT_ON.search(body)
        if found:
            inspection_dates = found.group(1).strip()
    # A letter's date stands alone near the top.
    for block in blocks[:6]:
        dates = find_dates(block)
        if dates and len(block) < 40:
            return dates[0][1], inspection_dates
    for pattern in (_MEETING_DATE, _PUBLISHED):
        found = pattern.search(head)
        if found and parse_date(found.group(1)):
            return parse_date(found.group(1)), inspection_dates
    if extracted.date:
        parsed = parse_date(extracted.date)
        if parsed:
            return parsed, inspection_dates
    if inspection_dates:
        dates = find_dates(inspection_dates)
        if dates:
            return dates[-1][1], inspection_dates
    if doc_type == "news":
        return None, inspection_dates
    top = find_dates(head)
    return (top[0][1] if top else None), inspection_dates


def _fallback_year(text: str, body_end: int, doc_type: str) -> int | None:
    """No full date: an article is dated by its first reader comment, else the latest month named."""
    if body_end < len(text):
        comment_dates = find_dates(text[body_end:])
        if comment_dates:
            return min(d for _, d in comment_dates).year
    months = find_month_years(text[:body_end])
    if months:
        return max(months)[0]
    years = [int(y) for y in re.findall(r"\b(20[0-4]\d|19[89]\d)\b", text[:body_end])]
    return max(years) if years else None


def _judgements(blocks: list[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for block in blocks[:40]:
        lines = block.split("\n")
        for i, line in enumerate(lines):
            m = _JUDGEMENT_ROW.match(line.strip())
            if m and (_JUDGEMENT_LABEL.match(m.group("label")) or "\t" in line):
                found.setdefault(m.group("label").strip(), _canonical_grade(m.group("grade")))
            elif i and line.strip() in GRADES and _JUDGEMENT_LABEL.match(lines[i - 1]):
                found.setdefault(lines[i - 1].strip(), line.strip())
        if found and not any("\t" in ln for ln in lines):
            break
    return found


def _canonical_grade(grade: str) -> str:
    return next(g for g in GRADES if g.lower() == grade.lower())


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
