"""Ofsted's judgements, read from a report: label (in Ofsted's wording) -> grade.

Three generations print them differently. ILACS (2018 on) and post-reform reports have a
judgement table ("The impact of leaders on social work practice…  Good") and repeat each grade
in a section heading ("…help and protection: good"). Single inspection framework reports
(2013–2017) number the rows ("2.1 Adoption performance  Requires improvement"), give the overall
judgement as a sentence ("Children's services in Cornwall are good"), and repeat a row per
section. Readers turn tables into "label<TAB>grade" rows (PDF cells rebuilt from their positions,
DOCX cells); this module reads those rows, the headings and the overall sentence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from indexer.describe.grades import JUDGEMENT_WORDS, PRINTED

GRADES = ("Requires improvement to be good", "Requires improvement", "Outstanding", "Good", "Inadequate", "Adequate")
OVERALL = "Overall effectiveness"
_ROW = re.compile(rf"^(?P<label>[A-Z0-9][^\t\n]{{6,160}}?)(?:\t+|\s{{2,}}|:\s*|\s)(?P<grade>{PRINTED})\.?$", re.I)
_HEADING = re.compile(rf"^(?P<label>The (?:experiences|impact|effectiveness)[^\n:]{{10,140}}):\s*(?P<grade>{PRINTED})$", re.I)
_NUMBERING = re.compile(r"^\d+(?:\.\d+)*\.?\s+")
_GRADE = rf"{PRINTED}|require improvement(?: to be good)?"  # as printed, and in a sentence ("services … require")
# "Children's services in Oldham require improvement to be good", alone or, as single inspection
# framework PDFs are read, run into the table's first row ("Children's services in Cornwall are
# good 1. Children who need help and protection<TAB>Requires improvement") or after the date
# ("Report published: 8 August 2014 The overall judgement is requires improvement").
_OVERALL_SENTENCE = re.compile(
    r"^(?:Report published:[^\n]{4,40}?\d{4}\s+)?"
    r"(?:The overall judgement is (?:that children.s services (?:are )?)?"
    r"|Children.s services in [^\n.]{2,80}? (?:are |is |(?=requires? improvement)))"
    rf"(?P<grade>{_GRADE})(?=\.?$|\s+\d+\.(?:\s|$))",
    re.I,
)
# Numbered rows run together on one line ("2. Children looked after … Requires Improvement 2.1
# Adoption performance<TAB>Good"): a grade followed by the next row's number ends a row.
_RUN_ON_ROW = re.compile(rf"\b({_GRADE})[ \t]+(?=\d+(?:\.\d+)*\.?\s+[A-Z])", re.I)
_LSCB = re.compile(r"safeguarding children board|\bLSCB\b", re.I)


def read_judgements(blocks: Sequence[str]) -> dict[str, str]:
    """Judgements of a report, the first wording of each kept; {} for documents without any."""
    found: dict[str, tuple[str, str]] = {}

    def add(label: str, grade: str) -> None:
        label = " ".join(_NUMBERING.sub("", label).split())
        if _LSCB.search(label) or not JUDGEMENT_WORDS.search(label):
            return
        found.setdefault(_key(label), (label, canonical_grade(grade)))

    for i, block in enumerate(blocks):
        if i < 15 and (m := _OVERALL_SENTENCE.match(block)):
            add(OVERALL, m.group("grade"))
        if "\t" in block:
            for line in _RUN_ON_ROW.sub(r"\1\n", block).split("\n"):
                if overall := _OVERALL_SENTENCE.match(line):  # the table's first row after it
                    line = line[overall.end() :]
                row = _ROW.match(line.strip())
                if row:
                    add(row.group("label"), row.group("grade"))
        elif (m := _HEADING.match(block)) and "\n" not in block:
            add(m.group("label"), m.group("grade"))
        elif len(block) < 200 and "\n" not in block and (row := _ROW.match(block)) and _is_row_label(row.group("label")):
            add(row.group("label"), row.group("grade"))
    return dict(found.values())


def canonical_grade(grade: str) -> str:
    grade = " ".join(grade.split())
    if m := re.fullmatch(r"requires? improvement( to be good)?", grade, re.I):  # "services in Oldham require …"
        return "Requires improvement" + (" to be good" if m.group(1) else "")
    return next(g for g in GRADES if g.lower() == grade.lower())


def _is_row_label(label: str) -> bool:
    """A plain-text table row ("Overall effectiveness Good"), not a sentence that ends in a grade."""
    return len(label.split()) <= 14 and not re.search(r"\b(is|are|was|were|be|been)$", label.strip(), re.I)


def _key(label: str) -> str:
    """One key per judgement, whichever of Ofsted's wordings names it."""
    key = label.lower().replace("’", "'")
    key = re.sub(r"^(?:the )?experiences and progress of ", "", key)
    return "overall" if key.startswith(("overall effectiveness", "overall judgement")) else key
