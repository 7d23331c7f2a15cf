"""PDF -> paragraphs, rebuilt from the layout that PDFium reports.

pypdfium2 (PDFium's bindings, Apache/BSD) extracts text at hundreds of pages a second and
gives each character's box and font size. That is what real Ofsted reports need: page furniture
repeated at the same place on every page, paragraph numbers hanging in a column of their own,
judgement tables whose cells come out as separate runs of text, footnotes in a smaller size at
the page foot, words hyphenated at a line end. Only layout is undone; the words are the page's.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from statistics import quantiles

from indexer.errors import ExtractionError
from indexer.ingest.pdf.columns import two_columns
from indexer.ingest.pdf.lines import BULLET, Line, page_lines
from indexer.ingest.pdf.tables import tables
from indexer.types import Extracted

_NUMBERED = re.compile(r"^\d{1,3}\.(?:\s+\S|(?=[A-Z‘“(]))")
_BARE_NUMBER = re.compile(r"^\d{1,3}\.?$")
_PAGE_NUMBER = re.compile(r"^(?:page\s+)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$", re.I)
_CONTENTS = re.compile(r"^(?:table of )?contents$", re.I)
_ENDS_WITH_PAGE = re.compile(r"\S.*?(?:\s|\.{3,}|…)\s*\d{1,3}$")
# "Inspection dates: ...", "Report published: ...", "Lead inspector: ...": a field of its own
_LABEL = re.compile(r"^[A-Z][A-Za-z’' ]{2,28}:\s+\S")
_TERMINAL = tuple(".!?:;")
_MARGIN = -1.0  # the key under which ``_pitches`` also holds the right margin


@dataclass
class _Para:
    lines: list[Line] = field(default_factory=list)
    text: str = ""
    numbered: bool = False
    bullet_x: float | None = None

    @property
    def first(self) -> Line:
        return self.lines[0]


def read_pdf(data: bytes) -> Extracted:
    import pypdfium2 as pdfium

    if not data.lstrip().startswith(b"%PDF"):
        raise ExtractionError("not a PDF file")
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise ExtractionError(f"damaged or unreadable PDF ({exc})") from exc
    try:
        pages = [list(page_lines(pdf, i)) for i in range(len(pdf))]
    finally:
        pdf.close()
    return layout(pages)


def layout(pages: list[list[Line]]) -> Extracted:
    """Lines of every page (in the order the PDF draws them) -> paragraphs and footnotes."""
    body_size = _body_size(pages)
    furniture = _furniture(pages)
    kept: list[list[Line]] = []
    footnotes: list[tuple[str, int]] = []
    for lines in pages:
        lines = [ln for ln in lines if _shape(ln) not in furniture or not _in_margin(ln)]
        lines = [ln for ln in lines if not (_in_margin(ln) and _PAGE_NUMBER.match(ln.text))]
        # a footnote marker drawn as a run of its own, in superscript
        lines = [ln for ln in lines if not (ln.text.isdigit() and ln.lead_size < 0.8 * body_size)]
        if _is_contents(lines):
            continue
        lines, notes = _split_footnotes(lines, body_size)
        footnotes.extend(notes)
        kept.append(_attach_side_numbers(lines))
    paragraphs = _paragraphs(kept)
    texts = tuple("\n\n".join(t for t, p in paragraphs if p == n) for n in range(1, len(pages) + 1))
    return Extracted(pages=texts, is_pdf=True, paragraphs=tuple(paragraphs), footnotes=tuple(footnotes))


def _body_size(pages: list[list[Line]]) -> float:
    sizes: Counter[float] = Counter()
    for lines in pages:
        for ln in lines:
            sizes[round(ln.size * 2) / 2] += len(ln.text)
    return sizes.most_common(1)[0][0] if sizes else 12.0


def _shape(line: Line) -> str:
    return re.sub(r"\d+", "#", line.text.lower())


def _in_margin(line: Line) -> bool:
    return line.y < 0.12 * line.height or line.y > 0.88 * line.height


def _furniture(pages: list[list[Line]]) -> set[str]:
    """Shapes of lines printed in the top or bottom margin of many pages: running heads and feet."""
    if len(pages) < 2:
        return set()
    seen: Counter[str] = Counter()
    for lines in pages:
        seen.update({_shape(ln) for ln in lines if _in_margin(ln)})
    threshold = max(2, math.ceil(0.3 * len(pages)))
    return {shape for shape, n in seen.items() if n >= threshold}


def _is_contents(lines: list[Line]) -> bool:
    if not any(_CONTENTS.match(ln.text) for ln in lines[:5]):
        return False
    listed = sum(1 for ln in lines if _ENDS_WITH_PAGE.match(ln.text))
    return listed >= 3 and listed >= 0.5 * (len(lines) - 1)


def _split_footnotes(lines: list[Line], body_size: float) -> tuple[list[Line], list[tuple[str, int]]]:
    """Footnotes: a run of small lines at the foot of the page that starts with a marker."""
    for i, ln in enumerate(lines):
        marked = ln.lead_size < 0.8 * ln.size or re.match(r"^\d{1,2}\s", ln.text)
        rest = lines[i:]
        if not (marked and re.match(r"^\d{1,2}\s*\S", ln.text) and ln.size <= 0.9 * body_size):
            continue
        above = [o.y for o in lines[:i] if o.size > 0.9 * body_size]
        if all(o.size <= 0.9 * body_size for o in rest) and (not above or ln.y < min(above)):
            notes: list[tuple[str, int]] = []
            for o in rest:
                if not notes or (o.lead_size < 0.8 * o.size and re.match(r"^\d", o.text)):
                    # the marker, in superscript, may touch the footnote's first word
                    notes.append((re.sub(r"^(\d{1,2})(?=[^\d\s])", r"\1 ", o.text), o.page))
                else:
                    notes[-1] = (_join(notes[-1][0], o.text), o.page)
            return lines[:i], notes
    return lines, []


def _attach_side_numbers(lines: list[Line]) -> list[Line]:
    """A paragraph number drawn as its own run ("12." beside a block) goes before the line level
    with it; a number with no such line (a table cell, a figure) stays where it was."""
    numbers = [ln for ln in lines if _BARE_NUMBER.match(ln.text) and not _in_margin(ln)]
    attached: set[int] = set()
    for num in numbers:
        level = [ln for ln in lines if ln not in numbers and abs(ln.y - num.y) < 2 and ln.x > num.x
                 and not _NUMBERED.match(ln.text)]
        if level:
            target = min(level, key=lambda ln: ln.x)
            target.text = f"{num.text.rstrip('.')}. {target.text}"
            target.x = num.x
            attached.add(id(num))
    return [ln for ln in lines if id(ln) not in attached]


def _pitches(pages: list[list[Line]]) -> dict[float, float]:
    """Usual distance between consecutive lines of a paragraph, per font size."""
    gaps: dict[float, list[float]] = {}
    for lines in pages:
        for a, b in zip(lines, lines[1:]):
            gap = a.y_end - b.y
            if abs(a.size - b.size) < 0.6 and 0.8 * a.size < gap < 2.5 * a.size:
                gaps.setdefault(round(a.size * 2) / 2, []).append(gap)
    # Lines within a paragraph outnumber breaks between paragraphs: the lower quartile is the former.
    return {size: quantiles(values, n=4)[0] if len(values) > 1 else values[0] for size, values in gaps.items()}


def _right_margin(pages: list[list[Line]]) -> float:
    """Where the body's full lines end: the upper decile of line ends."""
    rights = [ln.right for lines in pages for ln in lines if not _in_margin(ln)]
    return quantiles(rights, n=10)[-1] if len(rights) > 1 else (rights[0] if rights else 0.0)


def _short(line: Line, margin: float) -> bool:
    """A line that stops well before the right margin: the last of its paragraph, or a heading."""
    return line.right < margin - 0.3 * max(margin - line.x, 1.0)


def _paragraphs(pages: list[list[Line]]) -> list[tuple[str, int]]:
    pitches = _pitches(pages)
    pitches[_MARGIN] = _right_margin(pages)
    out: list[tuple[str, int]] = []
    current: _Para | None = None
    for lines in pages:
        found, used = tables(lines)
        if not found:
            found, used = two_columns(lines)
        for i, line in enumerate(lines):
            if i in found:
                if current:
                    out.append((current.text, current.first.page))
                out.append((found[i], line.page))
                current = None
            if i in used:
                continue
            if current is not None and _continues(current, line, pitches):
                _extend(current, line, pitches)
                continue
            if current is not None:
                out.append((current.text, current.first.page))
            current = _start(line)
    if current is not None:
        out.append((current.text, current.first.page))
    return out


def _start(line: Line) -> _Para:
    # "10.Many children…": the number and its text are set apart by a tab PDFium drops
    text = re.sub(r"^(\d{1,3}\.)(?=[A-Z‘“(])", r"\1 ", line.text)
    para = _Para([line], BULLET.sub("• ", text), bool(_NUMBERED.match(text)))
    if BULLET.match(line.text):
        para.bullet_x = line.x
    return para


def _extend(para: _Para, line: Line, pitches: dict[float, float]) -> None:
    prev = para.lines[-1]
    if BULLET.match(line.text):
        para.text += "\n" + BULLET.sub("• ", line.text)
        para.bullet_x = line.x if para.bullet_x is None else para.bullet_x
    elif prev.page == line.page and prev.y_end - line.y > 1.45 * _pitch(prev, pitches) and para.numbered:
        para.text += "\n" + line.text  # a second paragraph under one number
    else:
        para.text = _join(para.text, line.text)
    para.lines.append(line)


def _pitch(line: Line, pitches: dict[float, float]) -> float:
    return pitches.get(round(line.size * 2) / 2) or 1.25 * line.size


def _continues(para: _Para, line: Line, pitches: dict[float, float]) -> bool:
    """Does ``line`` carry on ``para``, or start something new?"""
    prev = para.lines[-1]
    if _NUMBERED.match(line.text) or _LABEL.match(line.text) or abs(line.size - prev.size) > 0.6 and not line.text[:1].islower():
        return False
    indented = line.x > para.first.x + 6
    if BULLET.match(line.text):
        # a list runs on; under a numbered paragraph, its indented bullets belong to it
        return (para.bullet_x is not None and abs(line.x - para.bullet_x) < 3) or (para.numbered and indented)
    if para.bullet_x is not None and line.x <= para.bullet_x + 3:
        return False  # text back at the bullets' margin ends the list
    margin = pitches.get(_MARGIN, 0.0)
    same_page = line.page == prev.page
    if same_page:
        gap = prev.y_end - line.y
        pitch = _pitch(prev, pitches)
        if gap < -2 or gap > 3.2 * pitch:
            return False
        if gap > 1.2 * pitch and prev.text.endswith(_TERMINAL):
            return False  # a finished sentence, a little space: the next cell or item of a table
        if gap <= 1.45 * pitch:
            # a table's heading cell ("Areas for improvement") over the first line of its text
            return not (_heading_like(para) and not prev.text.endswith(_TERMINAL) and _short(prev, margin)
                        and not _short(line, margin) and line.text[:1].isupper() and len(para.text.split()) <= 8)
        return para.numbered and indented  # a paragraph break inside a numbered paragraph
    # across a page break
    if line.text[:1].islower():
        return True
    if para.numbered and indented:
        return True
    if para.bullet_x is not None and len(para.lines) > 1 and line.x > para.bullet_x + 6 \
            and abs(line.x - para.lines[-1].x) < 3:
        return True  # a list item carried on at its text's indent
    return not prev.text.endswith(_TERMINAL) and not _heading_like(para) and not _short(prev, margin)


def _heading_like(para: _Para) -> bool:
    return len(para.lines) == 1 and len(para.text.split()) <= 12


def _join(left: str, right: str) -> str:
    """Rejoin a line break: a word hyphenated at the line end stays one word ("multi-agency")."""
    if re.search(r"[A-Za-z]-$", left) and right[:1].islower():
        return left + right
    return f"{left} {right}"


