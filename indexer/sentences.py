"""Sentence boundaries, from sentencex (fast, rule-based, knows "Dr." and "e.g.")."""

from __future__ import annotations

import sentencex


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence in ``text``, trailing white space excluded."""
    spans = []
    for start, end in _merged(text):
        while end > start and text[end - 1].isspace():
            end -= 1
        while start < end and text[start].isspace():
            start += 1
        if end > start:
            # list items and table rows are sentences of their own
            piece = text[start:end]
            offset = start
            for line in piece.split("\n"):
                if line.strip():
                    lead = len(line) - len(line.lstrip())
                    spans.append((offset + lead, offset + len(line.rstrip())))
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
