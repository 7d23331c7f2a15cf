"""The gazetteer of English local authorities with children's services, and finding them in text.

``authorities.csv`` beside this file lists each authority once, canonical name first, then its
aliases and former names. Matching in documents is case-sensitive (place names are proper
nouns), but a name in capitals counts ("NORTH YORKSHIRE COUNTY COUNCIL" heads committee papers);
in questions and filters it is not, except for names that are also common words.
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
# Names that are ordinary English words too: in a question they count only when capitalised, and
# at the start of a sentence only as "Reading's…" or "Reading Council"; lower case only after "in".
_COMMON_WORDS = frozenset({"reading", "bury", "derby", "stoke", "bath", "slough", "bucks", "staffs", "wilts"})
# Other places whose names begin with an authority's name (matched from the mention's start).
_OTHER_PLACES = re.compile(
    r"Newcastle[\s-]+under[\s-]+Lyme|Sutton[\s-]+Coldfield|Sutton[\s-]+in[\s-]+Ashfield|"
    r"Bury\s+St\.?\s+Edmunds|Stoke\s+(?:Newington|Mandeville|Poges)|Brent\s+Cross|"
    r"Richmond,?\s+(?:in\s+)?\(?(?:North\s+)?Yorks(?:hire)?\b|(?<=North Yorkshire's )Richmond|"
    r"(?<=North Yorkshire’s )Richmond",
    re.I,
)
_SENTENCE_END = re.compile(r"(?:^|[.!?:;\n\"“‘(])\s*$")
# Words of an authority's style ("Manchester City Council", "the London Borough of"), never of a
# name a service goes by.
STYLE_WORDS = frozenset("city county council borough london royal metropolitan district".split())
_PLACE_AFTER = re.compile(
    r"^(?:['’]s)?\s+(?:Borough |City |County |Metropolitan )*(?:Council|children.s services|local authority)",
    re.I,
)


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
        alternation = "|".join(dict.fromkeys(_pattern(s) for s in surfaces))  # longest first
        self._exact = re.compile(rf"(?<![\w&])(?:{alternation})(?![\w])")
        self._loose = re.compile(rf"(?<![\w&])(?:{alternation})(?![\w])", re.I)

    def canonical(self, name: str) -> str:
        """The canonical name for any alias, case-insensitively; ``UnknownAuthority`` if none."""
        found = self._by_surface.get(_key(name))
        if found:
            return found
        choices = list(self._by_surface)
        close = difflib.get_close_matches(_key(name), choices, n=5, cutoff=0.75)
        if not close:  # a part of a longer name: "Darwen"
            close = [c for c in choices if re.search(rf"\b{re.escape(_key(name))}\b", c)] if name.strip() else []
        suggestions = list(dict.fromkeys(self._by_surface[c] for c in close))[:3]
        raise UnknownAuthority(name.strip(), suggestions)

    def lookup(self, name: str) -> str | None:
        return self._by_surface.get(_key(name))

    def find(self, text: str, *, question: bool = False) -> list[Mention]:
        """Every mention of an authority; in a question, case-insensitively."""
        pattern = self._loose if question else self._exact
        out = []
        for m in pattern.finditer(text) if question else self._in_document(text):
            surface = m.group(0)
            if _OTHER_PLACES.match(text, m.start()):
                continue  # "Newcastle-under-Lyme", "Richmond, North Yorkshire"
            if question and surface.lower() in _COMMON_WORDS and not _common_word_is_place(text, m):
                continue  # "reading age", "Bath time"
            out.append(Mention(self._by_surface[_key(surface)], surface, m.start(), m.end()))
        return out


    def _in_document(self, text: str) -> list[re.Match[str]]:
        """Names as written, and names in capitals where no name as written overlaps them."""
        exact = list(self._exact.finditer(text))
        capitals = [m for m in self._loose.finditer(text) if m.group(0).isupper() and m.group(0).lower() not in _COMMON_WORDS
                    and not any(e.start() < m.end() and m.start() < e.end() for e in exact)]
        return sorted(exact + capitals, key=lambda m: m.start())


def _common_word_is_place(text: str, m: re.Match[str]) -> bool:
    if not m.group(0)[0].isupper():  # "in derby", "across slough"; never "in reading"
        before = text[max(0, m.start() - 8) : m.start()].lower().split()
        return bool(before) and before[-1] in ("in", "across", "around") and m.group(0).lower() != "reading"
    if _SENTENCE_END.search(text[: m.start()]):
        return bool(_PLACE_AFTER.match(text[m.end() :]) or re.match(r"['’]s\b", text[m.end() :]))
    return True


def _pattern(surface: str) -> str:
    """A name as a pattern: words apart by spaces or hyphens, "and" or "&", a comma allowed."""
    words = re.split(r"[\s,-]+", surface.strip())
    parts = ["(?:and|&)" if w in ("and", "&") else re.escape(w).replace(r"\.", r"\.?") for w in words]
    return r",?[\s-]+".join(parts)


_ORG_WORDS = frozenset(
    "Constabulary Police Fire NHS ICB CCG Integrated Clinical Hospital Hospitals Teaching "
    "University College FC Rovers United City's Healthcare Foundation Coroner Magistrates "
    "Crown Court Diocese Cathedral Airport Chamber City Town County Albion Wanderers Athletic "
    "Forest Wednesday Argyle Football Cricket Rugby Club".split()
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
    "Greater "
    # words that open a question or join names: "Has Redbridge…", "Do Southwark care leavers…"
    "Has Have Had Is Are Was Were Do Does Did Can Could Would Should Shall Must Might Hasn't "
    "Haven't Isn't Aren't Wasn't Weren't Don't Doesn't Didn't Can't Couldn't Wouldn't Shouldn't "
    "Tell Show Give List Find Compare Summarise Summarize Describe Explain Search Check Quote "
    "Also Still Now Then So Yet Or Nor If Whether Once Because Whose Whom Every Each All Some Any "
    "No Many Most Other Another About Against Regarding Concerning Following Versus Vs Per Upon "
    "Latest Recent Last Next First New Former Current Previous Please".split()
)
# Names too, but at the very start of a question an auxiliary: "Will Kent's plan work?"
_QUESTION_OPENERS = frozenset({"Will", "May"})
_PLACE_PREPOSITIONS = frozenset("in across at from within throughout around outside near".split())
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
    if _PLACE_AFTER.match(after):
        return True  # "Sefton Council", "Tameside children's services": the place, whoever precedes
    joined_before = before.rstrip()
    word = prev.replace("’", "'")
    if prev and prev[0].isupper() and word not in _NOT_FIRST_NAMES and joined_before.endswith(prev) \
            and not re.search(r"[.!?:;\n\"“‘(]\s*" + re.escape(prev) + r"$", joined_before) \
            and not prev.isupper() \
            and not (word in _QUESTION_OPENERS and m.start <= 40 and joined_before == prev):
        return False  # "Councillor Jane Blackburn", "Mohammed Kent"
    if _SAID.match(after) and prev not in _PLACE_PREPOSITIONS:
        return False  # "Blackburn said", but "are nurseries in North Yorkshire told…"
    for word in re.findall(r"[\w&'’]+", after)[:6]:
        if word in _ORG_WORDS or (word.isupper() and word.title() in _ORG_WORDS):
            return False  # "Lancashire Constabulary", "LANCASHIRE CONSTABULARY"
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
