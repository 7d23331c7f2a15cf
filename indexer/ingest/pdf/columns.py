"""Tables of two text columns ("Responsible body" | "Areas for priority action", "Local authority" |
"Integrated care board"): PDFium draws a row's left cell, line by line, then its right cell, so
read in order the cell on the left runs into the sentence on the right. Each row comes back as
"left cell<TAB>right cell" text, the header line above the rows (if any) before them."""

from __future__ import annotations

from indexer.ingest.pdf.lines import Line

_GUTTER = 100.0  # the right column starts at least this far right of the left one
_SAME_X = 10.0


def two_columns(lines: list[Line]) -> tuple[dict[int, str], set[int]]:
    """{index of the table's first line: its rows as text}, and the lines it used."""
    starts = [(i, j) for i, a in enumerate(lines) for j, b in enumerate(lines)
              if b.x > a.x + _GUTTER and abs(a.y - b.y) < 2 and a.right < b.x - 5
              and a.right - a.x < 0.5 * (b.right - a.x)]  # a narrow cell, not a run after a superscript
    if not starts:
        return {}, set()
    left_x, right_x = lines[starts[0][0]].x, lines[starts[0][1]].x
    starts = [(i, j) for i, j in starts if abs(lines[i].x - left_x) < _SAME_X and abs(lines[j].x - right_x) < _SAME_X]
    top = max(lines[i].y for i, _ in starts)
    table = _rows(lines, (left_x, right_x), top)
    left = [k for k in table if abs(lines[k].x - left_x) < _SAME_X]
    right = [k for k in table if abs(lines[k].x - right_x) < _SAME_X]
    level = {round(lines[i].y) for i, _ in starts}
    # a row starts where a left cell starts: level with a right line, a row's gap below the line above
    row_tops = [lines[k].y for n, k in enumerate(left) if round(lines[k].y) in level
                and (n == 0 or lines[left[n - 1]].y - lines[k].y > 1.25 * lines[k].size)]
    bottom = min(lines[k].y for k in left + right) - 1
    rows: list[str] = []
    for n, top in enumerate(row_tops):
        below = row_tops[n + 1] + 1 if n + 1 < len(row_tops) else bottom
        cells = [" ".join(lines[k].text for k in column if below < lines[k].y <= top + 2) for column in (left, right)]
        rows.append("\t".join(cells))
    used = set(left + right)
    first = min(used)
    head = first - 1
    if head >= 0 and head not in used and 0 < lines[head].y - row_tops[0] < 2.5 * lines[head].size \
            and abs(lines[head].x - left_x) < _SAME_X and lines[head].right < right_x + 0.6 * (lines[starts[0][1]].right - right_x):
        used.add(head)  # the header row, which PDFium gives as one line ("Responsible body Areas for priority action")
        rows.insert(0, lines[head].text)
        first = head
    return {first: "\n".join(rows)}, used


def _rows(lines: list[Line], xs: tuple[float, float], top: float) -> list[int]:
    """The lines of either column from the first row down, while they follow one another closely."""
    column = sorted((k for k, ln in enumerate(lines) if any(abs(ln.x - x) < _SAME_X for x in xs) and ln.y <= top + 2),
                    key=lambda k: -lines[k].y)
    kept: list[int] = []
    for k in column:
        if kept and lines[kept[-1]].y - lines[k].y > 2.2 * lines[k].size:
            break
        kept.append(k)
    return kept
