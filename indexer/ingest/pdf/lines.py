"""PDFium's lines of a page, each with where it sits and its font size.

PDFium orders text as the PDF draws it and breaks it into lines; for each line this keeps the
first character's box and font size (and the first letter's, since a superscript footnote marker
is smaller), which is all the layout pass needs, at a few calls a line rather than a few a
character.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

# Private-use bullet glyphs (Wingdings, Symbol) and the usual bullet characters.
BULLETS = "\uf06e\uf02d\uf0b7\uf0a7\uf0d8\uf076\uf0fc\uf0a8\u25fc\u25aa\u25a0\u2022\u25cf\u25e6\u2023\u2043"
BULLET = re.compile(rf"^[{BULLETS}]\s*")
_MARKER = re.compile(r"(?<=[A-Za-z)’'”.,;:])\d{1,2}(?=[\s.,;:)]|$)")


@dataclass
class Line:
    text: str
    page: int
    x: float
    y: float  # baseline of the first character, in points from the foot of the page
    y_end: float  # baseline of the last character (PDFium joins a line hyphenated at its end to the next)
    right: float
    size: float  # font size of the first letter
    lead_size: float  # font size of the first character (a superscript marker is smaller)
    height: float


def page_lines(pdf: object, index: int) -> Iterator[Line]:
    import pypdfium2.raw as raw

    page = pdf[index]  # type: ignore[index]
    height = page.get_height()
    textpage = page.get_textpage()
    full = textpage.get_text_range()
    pos = 0
    for raw_line in full.split("\r\n"):
        start, pos = pos, pos + len(raw_line) + 2
        stripped = raw_line.strip()
        if not stripped:
            continue
        first = start + len(raw_line) - len(raw_line.lstrip())
        last = start + len(raw_line.rstrip()) - 1
        try:
            x, _, _, _ = textpage.get_charbox(first)
            _, _, right, _ = textpage.get_charbox(last)
            # the baseline, not the glyph's box: a line that starts with "p" or ends with "’" is no
            # further from its neighbours than one that starts with "A"
            y, y_end = _baseline(textpage, first, raw), _baseline(textpage, last, raw)
        except Exception:  # a character PDFium cannot place: keep the text, guess the place
            x, y, y_end, right = 0.0, 0.0, 0.0, 0.0
        letter = next((i for i, ch in enumerate(raw_line) if ch.isalpha()), len(raw_line) - len(raw_line.lstrip()))
        size = raw.FPDFText_GetFontSize(textpage, start + letter)
        lead_size = raw.FPDFText_GetFontSize(textpage, first)
        text = _drop_markers(raw_line, start, textpage, raw)
        # PDFium marks a hyphen at a line end as U+FFFE and joins the lines: the page shows "-".
        text = " ".join(text.replace("\ufffe", "-").split())
        yield Line(text, index + 1, x, y, y_end, right, size, lead_size, height)
    textpage.close()
    page.close()


def _baseline(textpage: object, index: int, raw: object) -> float:
    import ctypes

    x, y = ctypes.c_double(), ctypes.c_double()
    if not raw.FPDFText_GetCharOrigin(textpage, index, ctypes.byref(x), ctypes.byref(y)):  # type: ignore[attr-defined]
        raise ValueError("no origin")
    return y.value


def _drop_markers(line: str, start: int, textpage: object, raw: object) -> str:
    """Footnote markers are superscript digits glued to a word ("Board1"): drop them."""
    out, at = [], 0
    for m in _MARKER.finditer(line):
        size = raw.FPDFText_GetFontSize(textpage, start + m.start())  # type: ignore[attr-defined]
        before = raw.FPDFText_GetFontSize(textpage, start + m.start() - 1)  # type: ignore[attr-defined]
        if size < 0.8 * before:
            out.append(line[at : m.start()])
            at = m.end()
    out.append(line[at:])
    return "".join(out)
