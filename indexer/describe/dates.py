"""Dates as English documents write them: "19 July 2022", "July 19, 2022", "2022-07-19", "19/07/2022"."""

from __future__ import annotations

import contextlib
import re
from datetime import date

MONTHS = {
    m.lower(): i
    for i, names in enumerate(
        [
            ("January", "Jan"), ("February", "Feb"), ("March", "Mar"), ("April", "Apr"),
            ("May",), ("June", "Jun"), ("July", "Jul"), ("August", "Aug"),
            ("September", "Sep", "Sept"), ("October", "Oct"), ("November", "Nov"),
            ("December", "Dec"),
        ],
        start=1,
    )
    for m in names
}
_MONTH = r"(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
_DAY_FIRST = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH}\s*,?\s+((?:19|20)\d\d)\b", re.I)
_MONTH_FIRST = re.compile(rf"\b{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)\b", re.I)
_ISO = re.compile(r"\b((?:19|20)\d\d)-(\d\d)-(\d\d)\b")
_NUMERIC = re.compile(r"\b(\d{1,2})/(\d{1,2})/((?:19|20)\d\d)\b")
_MONTH_YEAR = re.compile(rf"\b{_MONTH}\s+((?:19|20)\d\d)\b", re.I)


def find_dates(text: str) -> list[tuple[int, date]]:
    """Every full date in ``text`` with its offset, in order of appearance."""
    found: list[tuple[int, date]] = []
    for m in _DAY_FIRST.finditer(text):
        _add(found, m.start(), int(m.group(3)), MONTHS[m.group(2).lower()], int(m.group(1)))
    for m in _MONTH_FIRST.finditer(text):
        _add(found, m.start(), int(m.group(3)), MONTHS[m.group(1).lower()], int(m.group(2)))
    for m in _ISO.finditer(text):
        _add(found, m.start(), int(m.group(1)), int(m.group(2)), int(m.group(3)))
    for m in _NUMERIC.finditer(text):
        _add(found, m.start(), int(m.group(3)), int(m.group(2)), int(m.group(1)))
    return sorted(found, key=lambda pair: pair[0])


def find_month_years(text: str) -> list[tuple[int, int]]:
    """(year, month) for every "November 2019" in ``text``."""
    return [(int(m.group(2)), MONTHS[m.group(1).lower()]) for m in _MONTH_YEAR.finditer(text)]


def parse_date(text: str) -> date | None:
    found = find_dates(text)
    return found[0][1] if found else None


def _add(found: list[tuple[int, date]], at: int, y: int, mo: int, d: int) -> None:
    with contextlib.suppress(ValueError):  # 31 February is not a date
        found.append((at, date(y, mo, d)))
