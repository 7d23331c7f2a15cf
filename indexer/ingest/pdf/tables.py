"""Judgement tables on a page, however PDFium orders their cells.

A table's label cell may take two or three lines and its grade cell sit level with the first of
them or between them, or wrap ("Requires improvement to" / "be good"); single inspection
framework reports number their rows ("2.1 Adoption performance") and repeat one row per section.
Rows come back as "label<TAB>grade" text, which ``judgements.py`` reads.
"""

from __future__ import annotations

import re

from indexer.describe.grades import JUDGEMENT_WORDS, PRINTED
from indexer.ingest.pdf.lines import BULLET, Line

_GRADE_END = re.compile(rf"^(?P<label>.*?)\s*\b(?P<grade>{PRINTED})$")
_TABLE_HEADER = re.compile(r"^(?:Key )?judgements?\s+(?:judgements? )?grades?$", re.I)



def tables(lines: list[Line]) -> tuple[dict[int, str], set[int]]:
    """Judgement tables: label cells (one or more lines) and a grade cell, however PDFium orders
    the runs. Returns {index of the first line: "label<TAB>grade" rows} and the lines used."""
    rows: list[tuple[int, str, str, bool]] = []
    used: set[int] = set()
    header: int | None = None
    buffer: list[int] = []
    skip: set[int] = set()
    for i, line in enumerate(lines):
        text = line.text
        if i in skip:
            continue
        if _TABLE_HEADER.match(text):
            header, buffer = i, []
            continue
        nxt = i + 1
        # a grade cell that wraps: "Requires improvement" / "to be good", "Requires improvement to" / "be good"
        if nxt < len(lines) and re.search(r"Requires improvement(?: to)?$", text):
            rest = lines[nxt].text
            if (text.endswith(" to") and rest == "be good") or (text.endswith("improvement") and rest == "to be good"):
                text = f"{text} {rest}"
                skip.add(nxt)
        m = _GRADE_END.match(text)
        if m and len(text) < 150 and not m.group("label").endswith((":", ".", ",")):
            near = [j for j in buffer if lines[j].page == line.page and abs(lines[j].y - line.y) < 60]
            label = " ".join([lines[j].text for j in near] + [m.group("label")]).strip()
            grade = m.group("grade")
            if label and JUDGEMENT_WORDS.search(label) and len(label) < 160:
                cell = not m.group("label") and bool(near) and line.x > lines[near[0]].x + 100
                rows.append((near[0] if near else i, label, grade, cell or len(label.split()) <= 12))
                used.update(near + [i] + [n for n in skip if n == nxt])
            buffer = []
            continue
        if len(text) < 90 and not text.endswith((".", ":")) and not BULLET.match(text):
            buffer = (buffer + [i])[-4:]
        else:
            buffer = []
    if not rows or (len(rows) == 1 and header is None and not rows[0][3]):
        return {}, set()
    first = min(rows[0][0], header if header is not None else rows[0][0])
    head = []
    if header is not None:
        used.add(header)
        head = ["\t".join(lines[header].text.split(None, 1))]
    table = "\n".join(head + [f"{label}\t{grade}" for _, label, grade, _ in rows])
    return {first: table}, used
