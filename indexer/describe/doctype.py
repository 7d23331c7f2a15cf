"""What kind of document this is: inspection report, area SEND inspection report or letter,
monitoring or focused visit letter, JTAI letter, council committee paper, press article, or other."""

from __future__ import annotations

import re

from indexer.types import Cleaned, Extracted

_TYPE_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("jtai", re.compile(r"joint targeted area inspection|\bJTAI\b", re.I)),
    ("area_send", re.compile(r"\b(?:local )?area SEND (?:re-?)?inspection\b|\bjoint local area SEND\b", re.I)),
    ("monitoring_visit", re.compile(r"\bmonitoring visit\b", re.I)),
    ("focused_visit", re.compile(r"\bfocused visit\b", re.I)),
    ("inspection", re.compile(
        r"\binspection of [\w ,'&-]+?(local authority )?children.s (?:social care )?services\b|\bILACS\b|"
        r"\binspection of local authority children.s services\b|^inspection report\b|"
        r"\b(?:re-)?inspection of services for children in need of help and protection|"
        r"\binspection of [\w ,'&-]+? children and families trust\b|"
        r"^review of the effectiveness of the local safeguarding children board", re.I | re.M)),
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


def doc_type(
    title: str, blocks: list[str], cleaned: Cleaned, extracted: Extracted, has_judgements: bool = False,
    send_title: str | None = None,
) -> str:
    if cleaned.comments_start is not None or extracted.comments:
        return "news"  # readers comment on articles, not on inspection letters or council papers
    if send_title:
        return "area_send"  # the report's own title block names the inspection
    top = "\n".join(blocks[:10])
    # An article about a monitoring visit is still an article: it quotes people and has a byline.
    official = any(re.match(r"^(Dear\b|Inspection dates?:)", b) for b in blocks[:12])
    quoting = len(re.findall(r"\b(said|says|told|added)\b", "\n".join(blocks[:15]))) >= 2
    journalism = not official and (quoting or bool(_BYLINE.search(top)))
    if has_judgements and official:
        return "inspection"  # only an inspection report grades a service
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
