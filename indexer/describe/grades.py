"""Ofsted's grades: read a "judgement=grade" filter, match it against a document's judgements,
and group judgement labels into the columns of a judgements table.

Labels are Ofsted's own wording, which changed between frameworks ("children in care and care
leavers" became two judgements in 2023), so a filter names a judgement by any part of its label.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from indexer.errors import UnknownGrade

GRADES = ("outstanding", "good", "requires improvement", "inadequate")
# An area SEND inspection's outcome, by the word that tells the framework's three sentences apart
# (2023 on), and the older letters' written statement of action.
SEND_OUTCOMES = ("positive", "inconsistent", "systemic", "written statement of action")
_SEND_WORDS = (
    ("positive", re.compile(r"\bpositive\b", re.I)),
    ("inconsistent", re.compile(r"\binconsistent\b", re.I)),
    ("systemic", re.compile(r"\bsystemic\b|significant concerns", re.I)),
    ("written statement of action", re.compile(r"written statement of action|\bWSOA\b", re.I)),
)
ALL_GRADES = GRADES + SEND_OUTCOMES
# The grades as reports print them, 2013's plural "Require improvement" and pre-2013 "Adequate"
# included; the longest first.
PRINTED = r"Requires improvement to be good|Requires? improvement|Outstanding|Good|Inadequate|Adequate"
# Words that name a judgement in any framework's wording: a label cell, a table row, a heading.
JUDGEMENT_WORDS = re.compile(
    r"impact of leaders|help and protection|children in care|care leavers|looked after|"
    r"overall effectiveness|overall judgement|adoption performance|leadership|achieving permanence|"
    r"experiences and progress",
    re.I,
)
ANY = ""  # a filter on any judgement

# Short column name and the label words that put a judgement in it, first match wins: the
# pre-2023 "children in care and care leavers" is a children-in-care judgement.
COLUMNS = (
    ("Overall effectiveness", ("overall effectiveness",)),
    ("Leaders", ("impact of leaders", "leadership")),
    ("Help and protection", ("help and protection",)),
    ("Children in care", ("children in care", "looked after")),
    ("Care leavers", ("care leavers",)),
    ("SEND outcome", ("send",)),
)
# What a filter names each column by (a part of every label in it).
FILTER_NAMES = {
    "Overall effectiveness": "overall effectiveness",
    "Leaders": "impact of leaders",
    "Help and protection": "help and protection",
    "Children in care": "children in care",
    "Care leavers": "care leavers",
    "SEND outcome": "send",
}


def normalise_grade(grade: str) -> str:
    """"Requires improvement to be good" and "requires improvement" are one grade; a SEND outcome
    in the report's words is its outcome word ("lead to inconsistent experiences…" -> "inconsistent")."""
    words = " ".join(grade.lower().replace("-", " ").split()).rstrip(".")
    return send_outcome(words) or words.removesuffix(" to be good")


def send_outcome(value: str) -> str | None:
    """The outcome word of an area SEND outcome as printed, or None for any other grade."""
    return next((word for word, pattern in _SEND_WORDS if pattern.search(value)), None)


def parse_grade(spec: str) -> tuple[str, str]:
    """``"overall effectiveness=inadequate"`` -> ("overall effectiveness", "inadequate");
    ``"inadequate"`` alone means any judgement. ``UnknownGrade`` names the allowed grades."""
    sep = "=" if "=" in spec else ":" if ":" in spec else None
    name, grade = spec.rsplit(sep, 1) if sep else ("", spec)
    name = " ".join(name.lower().split())
    if name in ("any", "any judgement", "*"):
        name = ANY
    canonical = normalise_grade(grade)
    if canonical not in ALL_GRADES:
        raise UnknownGrade(grade.strip(), GRADES, SEND_OUTCOMES)
    return name, canonical


def spec(name: str, grade: str) -> str:
    """The filter as written in a URL or flag: the inverse of ``parse_grade``."""
    return f"{name}={grade}" if name else grade


def describe(name: str, grade: str) -> str:
    return f"{name or 'any judgement'}: {grade}"


def has_grade(judgements: Mapping[str, str], name: str, grade: str) -> bool:
    """Does one judgement whose label contains ``name`` have ``grade``? (both case-insensitive)"""
    return any(name in label.lower() and normalise_grade(value) == grade for label, value in judgements.items())


def passes(judgements: Mapping[str, str], grades: Iterable[tuple[str, str]]) -> bool:
    """Any of the given (judgement, grade) pairs, like several authorities or types: either one."""
    return any(has_grade(judgements, name, grade) for name, grade in grades)


def column(label: str) -> str:
    """The table column for one of Ofsted's judgement labels; an unknown label is its own column."""
    lowered = label.lower()
    for name, words in COLUMNS:
        if any(w in lowered for w in words):
            return name
    return label


def columns(judgement_sets: Iterable[Mapping[str, str]]) -> list[str]:
    """The known columns first, in Ofsted's order, then other labels as first seen."""
    seen = {column(label) for judgements in judgement_sets for label in judgements}
    known = [name for name, _ in COLUMNS if name in seen]
    return known + sorted(seen - set(known))


def by_column(judgements: Mapping[str, str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for label, grade in judgements.items():
        out.setdefault(column(label), grade)
    return out


def counts(judgement_sets: Iterable[Mapping[str, str]]) -> dict[str, int]:
    """How many reports each filter would admit: any judgement first, then by column, in
    Ofsted's order of grades. Keys are filter specs ("overall effectiveness=inadequate")."""
    found: dict[tuple[int, int], tuple[str, int]] = {}
    order = {name: i + 1 for i, (name, _) in enumerate(COLUMNS)}
    for judgements in judgement_sets:
        keys = set()
        for label, value in judgements.items():
            grade = normalise_grade(value)
            if grade not in ALL_GRADES:
                continue
            keys.add((0, ALL_GRADES.index(grade), spec(ANY, grade)))
            name = column(label)
            if name in FILTER_NAMES:
                keys.add((order[name], ALL_GRADES.index(grade), spec(FILTER_NAMES[name], grade)))
        for col, rank, key in keys:
            count = found.get((col, rank), (key, 0))[1]
            found[(col, rank)] = (key, count + 1)
    return dict(found[k] for k in sorted(found))


def label(filter_spec: str) -> str:
    """"overall effectiveness=inadequate" -> "Overall effectiveness: Inadequate"."""
    name, grade = parse_grade(filter_spec)
    shown = "SEND outcome" if name == FILTER_NAMES["SEND outcome"] else (name or "any judgement").capitalize()
    return f"{shown}: {grade.capitalize()}"
