"""Filters said in a question: authorities (any alias) and years.

A year in a question usually dates an event, and documents are dated when written, often months
later; so a range read from the question admits documents dated up to a year after it, unless the
question names the document itself ("the 2022 inspection"), which pins the year: a document then
passes when it was published or inspected in it (the 2014 inspection of Hull was published in 2015).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from indexer.describe.authorities import Gazetteer, is_place
from indexer.types import Filters

_Y = r"((?:19|20)\d\d)"
_DOC_NOUN = (
    r"(?:(?:re-?)?inspections?|reports?|visits?|letters?|jtai|review|judgements?|judgments?|articles?|"
    r"assessments?|ilacs|monitoring visits?|focused visits?|minutes|papers?|findings|area send)"
)
_PIN = re.compile(rf"\b{_Y}(?:['’]s)?\s+(?:[\w-]+\s+){{0,2}}{_DOC_NOUN}\b", re.I)
_BETWEEN = re.compile(rf"\b(?:between|from)\s+{_Y}\s+(?:and|to|until|-|–)\s+{_Y}\b", re.I)
_RANGE = re.compile(rf"\b{_Y}\s*(?:-|–|—|/|to)\s*(\d{{4}}|\d\d)\b")
_SINCE = re.compile(rf"\b(since|from|after|post)\s+{_Y}\b", re.I)
_BEFORE = re.compile(rf"\b(before|until|up to|prior to|pre)\s+{_Y}\b", re.I)
_SINGLE = re.compile(rf"\b(?:in|during|for|of|by)?\s*{_Y}\b", re.I)


@dataclass(frozen=True)
class ParsedQuestion:
    query: str
    filters: Filters
    missing: tuple[str, ...]  # authorities named in the question that no indexed document is about


def parse_question(
    question: str,
    gaz: Gazetteer,
    explicit: Filters,
    indexed_authorities: set[str],
    read: frozenset[str] = frozenset({"authority", "year"}),
) -> ParsedQuestion:
    """Read filters from the question; filters given explicitly (flags, sidebar) win.

    ``read`` names the filters to take from the question: a user who removes one that was read
    from their question drops it from ``read``."""
    filters = explicit
    sources = dict(explicit.sources)
    missing: list[str] = []
    spans: list[tuple[int, int]] = []
    if not explicit.authorities and "authority" in read:
        named: list[str] = []
        for mention in gaz.find(question, question=True):
            if not is_place(question, mention):
                continue  # "What did Simon Blackburn say?", "Blackpool FC"
            spans.append((mention.start, mention.end))
            if mention.name not in named:
                named.append(mention.name)
        present = [n for n in named if n in indexed_authorities]
        missing = [n for n in named if n not in indexed_authorities]
        if present:
            filters = replace(filters, authorities=tuple(present))
            sources["authority"] = "question: " + ", ".join(present)
    if explicit.year_from is None and explicit.year_to is None and "year" in read:
        years = _years(question)
        if years is not None:
            year_from, year_to, said, span, pinned = years
            spans.append(span)
            filters = replace(filters, year_from=year_from, year_to=year_to, year_pinned=pinned)
            sources["year"] = f"question: {said!r}"
    return ParsedQuestion(
        query=_strip(question, spans) or question.strip(),
        filters=replace(filters, sources=sources),
        missing=tuple(missing),
    )


def _strip(question: str, spans: list[tuple[int, int]]) -> str:
    """The question without the words that became filters: they say where to look, not what."""
    merged: list[tuple[int, int]] = []  # "the 2023 Hull SEND inspection" holds "Hull": cut once
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    out = question
    for start, end in reversed(merged):
        out = out[:start] + " " + out[end:]
    out = re.sub(r"\b(?:in|of|for|from|about|at|by|since|during|the)\s+(?=[?.!,]|$)", " ", out)
    return " ".join(out.split())


def _years(question: str) -> tuple[int | None, int | None, str, tuple[int, int], bool] | None:
    """(from, to, the words said, their span, whether they name a document) or None."""
    m = _PIN.search(question)
    if m:
        year = int(m.group(1))
        return year, year, m.group(0), m.span(), True
    m = _BETWEEN.search(question)
    if m:
        a, b = sorted((int(m.group(1)), int(m.group(2))))
        return a, b + 1, m.group(0), m.span(), False
    m = _RANGE.search(question)
    if m:
        a = int(m.group(1))
        tail = m.group(2)
        b = int(tail) if len(tail) == 4 else (a // 100) * 100 + int(tail)
        if b >= a:
            return a, b + 1, m.group(0), m.span(), False
    m = _SINCE.search(question)
    if m:
        year = int(m.group(2)) + (1 if m.group(1).lower() in ("after", "post") else 0)
        return year, None, m.group(0), m.span(), False
    m = _BEFORE.search(question)
    if m:
        word = m.group(1).lower()
        year = int(m.group(2)) - (1 if word in ("before", "prior to", "pre") else 0)
        return None, year + 1, m.group(0), m.span(), False
    m = _SINGLE.search(question)
    if m:
        year = int(m.group(1))
        return year, year + 1, m.group(0).strip(), m.span(), False
    return None
