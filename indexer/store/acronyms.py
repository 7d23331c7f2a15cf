"""The abbreviations a library defines for itself: "Family Drug and Alcohol Court (FDAC)".

Reports spell a name out once and use its initials after that, so a question that says "family
drug and alcohol court" must find "FDAC", and one that says "LADO" must find "local authority
designated officer". An abbreviation counts when the words before the brackets start with its
letters, in order ("and", "of" and the like may come between); the commonest spelling-out wins.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

_BRACKETED = re.compile(r"\(([A-Z][A-Za-z]{1,7}?)(s?)\)")
_WORDS_BEFORE = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_SMALL = frozenset("and of for the in to with on at by a an".split())


def spelled_out(before: str, letters: str) -> str | None:
    """The words at the end of ``before`` whose initials are ``letters``, or None."""
    words = _WORDS_BEFORE.findall(before[-200:])
    want = list(letters.lower())
    taken: list[str] = []
    while want and words:
        word = words.pop().strip("'’")
        parts = [p for p in word.split("-") if p]
        initials = [p[0].lower() for p in parts]
        if initials == want[-len(initials):]:
            del want[-len(initials):]
            taken.append(word)
        elif word.lower() in _SMALL and taken:
            taken.append(word)
        else:
            return None
    if want or len(taken) < 2 or taken[-1].lower() in _SMALL:
        return None
    return " ".join(reversed(taken)).lower().replace("’", "'")


def find_acronyms(texts: Iterable[str]) -> dict[str, str]:
    """Abbreviation as printed (singular: "PA" for "PAs") -> its commonest spelling-out, lower case."""
    seen: dict[str, Counter[str]] = {}
    for text in texts:
        for match in _BRACKETED.finditer(text):
            short = match.group(1)
            if sum(c.isupper() for c in short) < 2:
                continue
            long = spelled_out(text[: match.start()], short)
            if long is not None:
                if match.group(2):  # "personal advisers (PAs)" -> PA: personal adviser
                    long = long[:-3] + "y" if long.endswith("ies") else long.removesuffix("s")
                seen.setdefault(short, Counter())[long] += 1
    return {short: counts.most_common(1)[0][0] for short, counts in seen.items()}
