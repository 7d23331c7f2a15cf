"""Area SEND inspections (Ofsted with the Care Quality Commission, of a local area partnership):
the report's title block and its outcome.

The 2023 framework prints the title on page 1 ("Area SEND inspection of Dorset Local Area
Partnership", over two lines) under a cover line ("Local area partnership report"), then the
inspection dates, often the dates of the previous inspection, and an "Inspection outcome" that is
one of three sentences. The 2016–2022 framework wrote letters ("Joint local area SEND inspection
in Dorset") whose only stated outcome is whether a written statement of action is required.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

LABEL = "Area SEND outcome"
_TITLE = re.compile(
    r"^(?:(?:Joint )?(?:local )?area SEND (?:re-?)?(?:inspection|revisit) (?:of|in) [^\n]{3,120}?"
    r"(?: Local Area Partnership| local area)?|Area SEND inspection report: [^\n]{3,120}?)$",
    re.I,
)
# The outcome, in the 2023 framework's words (the longest wording that every report prints).
_OUTCOMES = re.compile(
    r"typically lead to positive experiences and outcomes|lead to inconsistent experiences and outcomes|"
    r"widespread and/or systemic failings leading to significant concerns",
    re.I,
)
_WSOA = re.compile(
    r"(?:a )?written statement of action (?:\(WSOA\) )?is (?:not )?required|"
    r"(?:has made|has not made) sufficient progress in addressing (?:all|each|any) of the (?:significant )?"
    r"(?:areas of )?weakness(?:es)?",
    re.I,
)


def send_title(blocks: Sequence[str]) -> str | None:
    """The report's own title from its first blocks, or None when it is not an area SEND report."""
    for block in blocks[:6]:
        line = " ".join(block.split())
        if len(line) <= 160 and _TITLE.match(line):
            return line.replace("Area SEND inspection report: ", "Area SEND inspection of ")
    return None


def read_outcome(blocks: Sequence[str]) -> dict[str, str]:
    """{LABEL: the outcome as printed} from the opening pages, or {} when the report states none.

    The outcome sentence comes within the first blocks, after "Inspection outcome"; a later
    sentence quoting the framework's words (a report looking back) is not the outcome."""
    for block in blocks[:20]:
        if m := _OUTCOMES.search(block):
            return {LABEL: _capital(m.group(0))}
    for block in blocks[:30]:
        if m := _WSOA.search(block):
            return {LABEL: _capital(m.group(0))}
    return {}


def _capital(words: str) -> str:
    words = " ".join(words.split())
    return words[0].upper() + words[1:]
