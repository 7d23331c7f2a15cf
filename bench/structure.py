"""Passage structure checks shared by ``score_real.py`` (ILACS) and ``score_send.py`` (area SEND).

What a reader of a passage notices first: a sentence cut in two (a passage that stops mid-sentence
and the next that carries it on in lower case), a passage that starts mid-sentence, the back page
or the complaints line glued onto the last paragraph, a table's heading or its "Responsible body"
cell run into the sentence beside it, and a section label that is no heading (half a sentence, a
table cell).
"""

from __future__ import annotations

import re
from typing import Any, Protocol

_ENDS = re.compile(r"[.!?:;)\"”’'…]$")
_LOWER_START = re.compile(r"^[a-z]")  # a list item may start in lower case ("• improving ..."), a sentence not
_COMPLAINTS = re.compile(r"If you are not happy with the inspection or the report, you can complain to Ofsted\.?")
_BACK_PAGE = re.compile(r"(?:T)?he Office for Standards in Education, Children.s Services and Skills \(Ofsted\)"
                        r"|If you would like a copy of this document in a different format|ofsted\.gov\.uk\.[A-Za-z]")
_TABLE_HEAD = re.compile(r"^(?:Responsible bod(?:y|ies)(?: Areas for priority action)?|Areas for (?:priority action|improvement))\s+\S")
_BODY = r"(?:Council|Board|ICB|Trust|Partnership)"
# "...Plymouth City Council Plymouth City Council leaders should", "...most. NHS Devon Integrated Care Board"
_CELL_GLUED = re.compile(rf"(?:[.!?]\s+(?:[A-Z][\w’',&-]*\s+){{0,10}}[\w’',&-]*{_BODY}\W*$)|(\b\w+(?: \w+){{1,5}} {_BODY}) \1\b")
_CONNECTIVE_END = re.compile(r"\b(?:and|or|of|the|a|an|to|with|in|for|by|on|are|is|that|who|which)\s*$", re.I)


class Checks(Protocol):
    def check(self, name: str, ok: bool, error: str) -> None: ...


def structure_checks(s: Checks, name: str, ps: list[dict[str, Any]]) -> None:
    """The passages of one document, in order."""
    texts = [" ".join(p["text"].split()) for p in ps]
    for i, (p, text) in enumerate(zip(ps, texts)):
        where = f"{name} p{p.get('page')}"
        nxt = texts[i + 1] if i + 1 < len(texts) else ""
        cut = bool(text) and not _ENDS.search(text) and bool(_LOWER_START.match(nxt))
        s.check("passages not ending mid-sentence", not cut, f"{where}: ...{text[-60:]!r} | {nxt[:50]!r}")
        s.check("passages not starting mid-sentence", not _LOWER_START.match(text), f"{where}: {text[:80]!r}")
        glued = len(_COMPLAINTS.sub("", text).split()) >= 3 if _COMPLAINTS.search(text) else False
        glued = glued or any(m.start() > 0 for m in _BACK_PAGE.finditer(text))
        s.check("passages without glued boilerplate", not glued, f"{where}: {text[:60]!r}...{text[-80:]!r}")
        # a table's rows are lines of "cell<TAB>cell": each cell on its own
        cells = [" ".join(c.split()) for row in p["text"].split("\n") for c in row.split("\t")]
        cell = any(_TABLE_HEAD.search(c) or _CELL_GLUED.search(c) for c in cells)
        s.check("passages without glued table headings or cells", not cell, f"{where}: {text[:60]!r}...{text[-80:]!r}")
        section = " ".join((p.get("section") or "").split())
        bad = section and (_CONNECTIVE_END.search(section) or section[0].islower() or section.startswith("Responsible body")
                           or re.search(r"(?:Council|Board|ICB|Trust)$", section))
        s.check("passages under a heading that is a heading", not bad, f"{where}: section {section!r}")
