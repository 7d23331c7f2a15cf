"""Sentence boundaries, from sentencex (fast, rule-based, knows "Dr." and "e.g.")."""

from __future__ import annotations

import re

import sentencex

# The bullets documents print; a line that starts with one, or with "(a)", "1.", is a list item.
BULLET = "[-•●▪◦*–]"
LIST_ITEM = re.compile(rf"^(?:{BULLET}\s|\(?[0-9a-z]{{1,3}}[.)]\s)")
# sentencex leaves a line that starts with "•" or "●" in one piece: the bullet is hidden from it.
_BULLETED = re.compile(rf"^\s*{BULLET}(?=\s)")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence in ``text``, trailing white space excluded. A line never
    runs into the next: list items and table rows are sentences of their own, each split into
    its sentences."""
    spans: list[tuple[int, int]] = []
    offset = 0
    for line in text.split("\n"):
        if line.strip():
            marker = _BULLETED.match(line)
            body = " " * marker.end() + line[marker.end() :] if marker else line  # same offsets
            first = len(spans)
            for start, end in _merged(body):
                while end > start and body[end - 1].isspace():
                    end -= 1
                while start < end and body[start].isspace():
                    start += 1
                if end > start:
                    spans.append((offset + start, offset + end))
            if marker and len(spans) > first:  # the item's first sentence keeps its marker
                spans[first] = (offset + len(line) - len(line.lstrip()), spans[first][1])
        offset += len(line) + 1
    return spans


def _merged(text: str) -> list[tuple[int, int]]:
    """sentencex's boundaries, rejoined where a full stop sat inside a token ("window.open")
    or the next piece starts in lower case ("e.g. the")."""
    out: list[tuple[int, int]] = []
    for b in sentencex.get_sentence_boundaries("en", text):
        start, end = int(b["start_index"]), int(b["end_index"])
        if out:
            prev_start, prev_end = out[-1]
            glued = prev_end < len(text) and not text[prev_end - 1].isspace() and not text[prev_end].isspace()
            piece = text[start:end].lstrip()
            if glued or (piece[:1].islower()):
                out[-1] = (prev_start, end)
                continue
        out.append((start, end))
    return out
