"""Raw pages -> clean paragraphs.

Repairs what page layout does to prose (running headers and footers, page numbers, a paragraph
cut in two by a page break) and drops publisher boilerplate. Words are never changed: only white
space is normalised, so every quote taken from the cleaned text is a quote from the source.
"""

from __future__ import annotations

import re
from collections import Counter

from indexer.ingest.sentences import LIST_ITEM
from indexer.types import READER_COMMENTS, Block, Cleaned, Extracted

_PAGE_NUMBER = re.compile(
    r"^(?:page\s+\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?|\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?|[-–]\s*\d{1,4}\s*[-–])$",
    re.I,
)
_LABEL = re.compile(r"^[A-Z][\w '’()/-]{1,30}:(\s|$)")
_TERMINAL = ".!?:;\"”’')]"
_CONNECTIVES = frozenset(
    "and or of the a an to with in for by on as that which who whom whose from at its their "
    "is are was were be been being but nor than this these those into onto upon about".split()
)

# Closing boilerplate of Ofsted letters and reports: from this paragraph on, nothing is findings.
_OFSTED_CLOSING = re.compile(
    r"^The Office for Standards in Education, Children.s Services and Skills \(Ofsted\) regulates"
)
_BOILERPLATE = [
    re.compile(p, re.I)
    for p in (
        r"^If you would like a copy of this document in a different format",
        r"^You may (re-?use|copy) this information",
        r"^This (report|letter|document|publication) is available at",
        r"^Interested in our work\?",
        r"^©\s*Crown copyright",
        r"^Crown copyright \d{4}",
        r"^(T|Tel|Textphone|E|W|Email|Web):\s*\S",
        r"^Piccadilly Gate\b",
        r"^More from \w",
        r"^Picture:\s",
        r"^(Share|Share this|Share this article)$",
        r"^(We use cookies|This (web)?site uses cookies)",
        r"^(Accept( all)? cookies|Cookie (settings|policy))$",
        r"^(Skip to (main )?content)$",
        r"^(Related articles|Related stories|Most popular)$",
        r"^(Sign up|Subscribe) (to|for) our newsletter",
    )
]
_COMMENTS_HEADING = re.compile(
    r"^(?:\d+\s+(?:Responses?|Comments?|Replies)\b.*|(?:Reader\s+)?Comments(?:\s*\(\d+\))?"
    r"|Leave a (?:comment|reply)|Join the (?:conversation|discussion))$",
    re.I,
)


def clean(extracted: Extracted) -> Cleaned:
    if extracted.paragraphs:
        return _clean_laid_out(extracted)
    pages = [_normalise(p) for p in extracted.pages]
    pages = _drop_running_lines(pages)
    paragraphs: list[tuple[str, int | None]] = []
    for number, page in enumerate(pages, start=1):
        for raw in re.split(r"\n\s*\n", page):
            for text in _paragraphs(raw):
                paragraphs.append((text, number if extracted.is_pdf else None))
    paragraphs = _rejoin_page_splits(paragraphs)
    paragraphs = _drop_boilerplate(paragraphs)
    comments_at = next(
        (i for i, (t, _) in enumerate(paragraphs) if _COMMENTS_HEADING.match(t)), None
    )
    if extracted.comments:
        if comments_at is None:
            comments_at = len(paragraphs)
            paragraphs.append((READER_COMMENTS, None))
        for comment in extracted.comments:
            paragraphs.extend((text, None) for text in _paragraphs(_normalise(comment)))
    return _assemble(paragraphs, comments_at)


def _clean_laid_out(extracted: Extracted) -> Cleaned:
    """Paragraphs that a layout-aware reader already rebuilt (page furniture gone, page splits
    rejoined): drop boilerplate, then put the footnotes after the body, each with its page."""
    paragraphs: list[tuple[str, int | None]] = [
        (text, page) for raw, page in extracted.paragraphs
        if (text := _normalise(raw).strip()) and not _is_boilerplate(text)
    ]
    paragraphs = _drop_boilerplate(paragraphs)
    paragraphs.extend((text, page) for raw, page in extracted.footnotes if (text := _normalise(raw).strip()))
    return _assemble(paragraphs, None)


def _normalise(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    text = text.replace("\u200b", "").replace("\ufeff", "")
    lines = [re.sub(r"\t+", "\t", re.sub(r"[ \u2000-\u200a\u202f]+", " ", ln)).strip() for ln in text.split("\n")]
    return "\n".join(lines)


def _drop_running_lines(pages: list[str]) -> list[str]:
    """Remove page numbers anywhere, and lines repeated at the top or bottom of many pages."""
    split = [[ln for ln in p.split("\n")] for p in pages]
    repeated: set[str] = set()
    if len(pages) >= 2:
        seen: Counter[str] = Counter()
        for lines in split:
            content = [ln for ln in lines if ln]
            edges = {_shape(ln) for ln in content[:3] + content[-3:]}
            seen.update(edges)
        threshold = max(2, int(0.4 * len(pages) + 0.999))
        repeated = {shape for shape, n in seen.items() if n >= threshold and shape}
    else:
        counts = Counter(_shape(ln) for ln in split[0] if len(ln) >= 15 and not LIST_ITEM.match(ln))
        repeated = {shape for shape, n in counts.items() if n >= 3 and not shape.endswith(".")}
    out = []
    for number, lines in enumerate(split):
        content_idx = [i for i, ln in enumerate(lines) if ln]
        edge = set(content_idx[:3] + content_idx[-3:]) if len(pages) >= 2 else set(content_idx)
        kept = []
        for i, ln in enumerate(lines):
            if ln and _PAGE_NUMBER.match(ln):
                kept.append("")
                continue
            if i in edge and ln and _shape(ln) in repeated:
                # Where a running header first appears, at the very top, it is the title.
                is_title = number == 0 and i == content_idx[0]
                kept.append(ln if is_title and (len(pages) < 2 or not re.search(r"\d", ln)) else "")
                continue
            kept.append(ln)
        out.append("\n".join(kept))
    return out


def _shape(line: str) -> str:
    return re.sub(r"\d+", "#", line.strip().lower())


def _paragraphs(block: str) -> list[str]:
    """Split a run of lines into paragraphs: rejoin wrapped lines, keep tables and short-line
    groups (addresses, signatures) together, and start a new paragraph after a finished
    sentence or at a list item."""
    lines = [ln for ln in block.split("\n") if ln and not _is_boilerplate(ln)]
    out: list[str] = []
    for line in lines:
        if not out:
            out.append(line)
            continue
        last = out[-1].rsplit("\n", 1)[-1]
        if ("\t" in line and "\t" in last) or (_LABEL.match(line) and _LABEL.match(last)):
            out[-1] += "\n" + line
        elif _LABEL.match(line) or _LABEL.match(last) or last[-1] in ".!?" or LIST_ITEM.match(line) or "\t" in line or "\t" in last:
            out.append(line)
        elif len(last) >= 40 or last[-1] == ",":
            out[-1] += " " + line
        else:
            out[-1] += "\n" + line
    return out


def _is_boilerplate(line: str) -> bool:
    return any(p.match(line) for p in _BOILERPLATE)


def _is_continuation(prev: str, nxt: str) -> bool:
    """Does ``nxt`` carry on the sentence that ``prev`` left unfinished at a page break?"""
    if not prev or not nxt or LIST_ITEM.match(nxt) or _COMMENTS_HEADING.match(nxt):
        return False
    if nxt[0].islower():
        return prev[-1] not in ".!?"
    if prev[-1] in _TERMINAL:
        return False
    last_word = re.split(r"\s+", prev)[-1].lower()
    long_enough = len(prev.rsplit("\n", 1)[-1]) >= 40
    return long_enough and (prev.endswith(",") or last_word in _CONNECTIVES) and nxt[0].isalnum()


def _rejoin_page_splits(paragraphs: list[tuple[str, int | None]]) -> list[tuple[str, int | None]]:
    out: list[tuple[str, int | None]] = []
    for text, page in paragraphs:
        if out and _is_continuation(out[-1][0], text):
            out[-1] = (out[-1][0] + " " + text, out[-1][1])
        else:
            out.append((text, page))
    return out


def _drop_boilerplate(paragraphs: list[tuple[str, int | None]]) -> list[tuple[str, int | None]]:
    total = sum(len(t) for t, _ in paragraphs) or 1
    seen = 0
    out = []
    for text, page in paragraphs:
        if _OFSTED_CLOSING.match(text) and seen > total * 0.4:
            break
        seen += len(text)
        out.append((text, page))
    return out


def _assemble(paragraphs: list[tuple[str, int | None]], comments_at: int | None) -> Cleaned:
    parts: list[str] = []
    blocks: list[Block] = []
    offset = 0
    comments_start = None
    for i, (text, page) in enumerate(paragraphs):
        if i == comments_at:
            comments_start = offset
        blocks.append(Block(offset, offset + len(text), page))
        parts.append(text)
        offset += len(text) + 2
    return Cleaned(text="\n\n".join(parts), blocks=tuple(blocks), comments_start=comments_start)
