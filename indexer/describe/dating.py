"""When a document is dated: a letter's date at the top, a council paper's meeting date, a
report's publication date or else its last inspection day, an article's publication date or
else the year of its first reader comment."""

from __future__ import annotations

import re
from datetime import date

from indexer.describe.dates import find_dates, find_month_years, parse_date
from indexer.types import Extracted

_INSPECTION_DATES = re.compile(r"^Inspection dates?:\s*(.+)$", re.I | re.M)
_MEETING_DATE = re.compile(r"^(?:Date of (?:Meeting|meeting|report|decision)|Meeting date|Date(?=\s*:|\s+\d))\s*:?\s*(.+)$", re.M)
# A date the report looks back to: "Dates of previous inspection: 23 to 27 May 2016", "the last
# inspection in March 2013". Never the document's own date.
_LOOKING_BACK = re.compile(r"\b(?:previous|last|earlier|prior|preceding)\b[^.\n]{0,30}\b(?:inspection|visit|review)|"
                           r"\bsince the\b|\bwas (?:last )?inspected\b", re.I)
_REPORTS = ("inspection", "area_send")
_PUBLISHED = re.compile(
    r"^(?:Report published|Published|Publication date|Date published|Posted)\s*:?\s*(.+)$", re.I | re.M
)
_FIELD = re.compile(r"^[A-Z][A-Za-z’' ]{2,28}:")
_TOOK_PLACE = re.compile(
    r"(?:took place|carried out|was undertaken|were carried out)\s+(?:from|on|between)\s+([^.]*?\d{4})", re.I
)
_VISIT_ON = re.compile(r"\bvisit to [^.]*? on ([^.]*?\d{4})", re.I)


def document_date(extracted: Extracted, blocks: list[str], doc_type: str) -> tuple[date | None, str | None]:
    """The document's date and, for inspections and visits, the inspection dates as printed."""
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
    published = _PUBLISHED.search(head)
    if published and parse_date(published.group(1)):
        return parse_date(published.group(1)), inspection_dates
    # A letter's date stands alone near the top.
    for block in blocks[:6]:
        dates = find_dates(block)
        if dates and len(block) < 40 and not _FIELD.match(block) and not _LOOKING_BACK.search(block):
            return dates[0][1], inspection_dates
    last_day = find_dates(inspection_dates) if inspection_dates else []
    if last_day and doc_type in _REPORTS:
        return last_day[-1][1], inspection_dates  # a report without its publication date: the last day
    found = _MEETING_DATE.search(head)
    if found and parse_date(found.group(1)):
        return parse_date(found.group(1)), inspection_dates
    if extracted.date:
        parsed = parse_date(extracted.date)
        if parsed:
            return parsed, inspection_dates
    if inspection_dates:
        dates = find_dates(inspection_dates)
        if dates:
            return dates[-1][1], inspection_dates  # a report without its publication date: the last day
    if doc_type == "news":
        return None, inspection_dates
    own = "\n\n".join(b for b in blocks[:12] if not _LOOKING_BACK.search(b))
    top = find_dates(own)
    return (top[0][1] if top else None), inspection_dates


def fallback_year(text: str, body_end: int) -> int | None:
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
