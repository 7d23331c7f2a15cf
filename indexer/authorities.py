"""The gazetteer of English local authorities with children's services, and finding them in text.

``authorities.csv`` beside this file lists each authority once, canonical name first, then its
aliases and former names. Matching in documents is case-sensitive (place names are proper
nouns); in questions and filters it is not, except for names that are also common words.
"""

from __future__ import annotations

import csv
import difflib
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from indexer.errors import UnknownAuthority

_DATA = Path(__file__).with_name("authorities.csv")
# Names that are ordinary English words too: in a question they count only when capitalised.
_COMMON_WORDS = frozenset({"reading", "bury", "poole", "derby", "brent", "kent", "stoke", "sutton"})


@dataclass(frozen=True)
class Mention:
    name: str
    surface: str
    start: int
    end: int


class Gazetteer:
    def __init__(self, rows: list[tuple[str, tuple[str, ...]]]) -> None:
        self.names: tuple[str, ...] = tuple(sorted(name for name, _ in rows))
        self._by_surface: dict[str, str] = {}
        for name, aliases in rows:
            for surface in (name, *aliases):
                self._by_surface[_key(surface)] = name
        surfaces = sorted({s for n, a in rows for s in (n, *a)}, key=len, reverse=True)
        alternation = "|".join(re.escape(s).replace(r"\ ", r"\s+") for s in surfaces)
        self._exact = re.compile(rf"(?<![\w&])(?:{alternation})(?![\w])")
        self._loose = re.compile(rf"(?<![\w&])(?:{alternation})(?![\w])", re.I)

    def canonical(self, name: str) -> str:
        """The canonical name for any alias, case-insensitively; ``UnknownAuthority`` if none."""
        found = self._by_surface.get(_key(name))
        if found:
            return found
        choices = list(self._by_surface)
        close = difflib.get_close_matches(_key(name), choices, n=5, cutoff=0.75)
        if not close:  # a part of a longer name: "Kingston", "Darwen"
            close = [c for c in choices if re.search(rf"\b{re.escape(_key(name))}\b", c)] if name.strip() else []
        suggestions = list(dict.fromkeys(self._by_surface[c] for c in close))[:3]
        raise UnknownAuthority(name.strip(), suggestions)

    def lookup(self, name: str) -> str | None:
        return self._by_surface.get(_key(name))

    def find(self, text: str, *, question: bool = False) -> list[Mention]:
        """Every mention of an authority; in a question, case-insensitively."""
        pattern = self._loose if question else self._exact
        out = []
        for m in pattern.finditer(text):
            surface = m.group(0)
            common = question and surface.lower() in _COMMON_WORDS
            if common and (not surface[0].isupper() or not text[: m.start()].strip()):
                continue
            out.append(Mention(self._by_surface[_key(surface)], surface, m.start(), m.end()))
        return out


_ORG_WORDS = frozenset(
    "Constabulary Police Fire NHS ICB CCG Integrated Clinical Hospital Hospitals Teaching "
    "University College FC Rovers United City's Healthcare Foundation Coroner Magistrates "
    "Crown Court Diocese Cathedral Airport Chamber".split()
)
_NOT_FIRST_NAMES = frozenset(
    "The A An In On At Of For From To By With And But Dear Across Within Throughout Both While "
    "When Since Unlike Like As That This These Those Inspection Council Visit Report Children "
    "Services Partnership Local Borough City County Although However Including Only Whereas "
    "Where Why How What Which Who Whilst Despite Under Over After Before During Around Outside "
    "Inside Into Than Until Via Near Towards Between Among Beyond Leader Leaders Director Chief "
    "Executive Members Member Ofsted Inspectors Inspector Today Yesterday Monitoring Focused "
    "Joint Targeted Area Improvement Safeguarding Sir Lady Lord Dame Letter Review Update Summary "
    "News Board Committee Scrutiny Cabinet Meeting Agenda Panel Plan Strategy Annual Visits "
    "Reports Inspections Findings Outcome Outcomes Progress Ofsted's Council's Care Social Family "
    "Families Young People Education Health Adult Adults Our Your Their His Her Its Welcome "
    "Greater".split()
)
_TITLES = frozenset("Mr Mrs Ms Miss Dr Cllr Councillor Prof Professor Sir Dame Lord Lady".split())
_SAID = re.compile(
    r"^\s*(said|says|told|added|explained|commented|wrote|went on|continued|admitted|insisted|"
    r"argued|claimed|stated|noted|warned|agreed|acknowledged|conceded|replied|responded)\b"
)


def is_place(text: str, m: Mention) -> bool:
    """False when the name is part of another body's name or a person's surname."""
    before = text[max(0, m.start - 40) : m.start]
    after = text[m.end : m.end + 80]
    prev_words = re.findall(r"[A-Za-z][\w'’.-]*", before)
    prev = prev_words[-1] if prev_words else ""
    if prev in ("NHS",) or (prev in _TITLES):
        return False
    if re.match(r"^(?:'s)?\s+(?:Borough |City |County |Metropolitan )*(?:Council|children.s services|local authority)",
                after, re.I):
        return True  # "Sefton Council", "Tameside children's services": the place, whoever precedes
    joined_before = before.rstrip()
    if prev and prev[0].isupper() and prev not in _NOT_FIRST_NAMES and joined_before.endswith(prev) \
            and not re.search(r"[.!?:;\n\"“‘(]\s*" + re.escape(prev) + r"$", joined_before) \
            and not prev.isupper():
        return False  # "Councillor Jane Blackburn", "Mohammed Kent"
    if _SAID.match(after):
        return False
    for word in re.findall(r"[\w&'’]+", after)[:6]:
        if word in _ORG_WORDS:
            return False
        if not (word[0].isupper() or word in ("and", "of", "&")):
            break
    return True


def _key(name: str) -> str:
    name = name.lower().replace("&", " and ").replace("-", " ").replace(".", " ").replace(",", " ")
    return " ".join(name.split())


@cache
def gazetteer() -> Gazetteer:
    with _DATA.open(encoding="utf-8") as handle:
        rows = [
            (row["name"].strip(), tuple(a.strip() for a in (row["aliases"] or "").split(";") if a.strip()))
            for row in csv.DictReader(handle)
        ]
    return Gazetteer(rows)
