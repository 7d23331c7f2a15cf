"""Document -> Passages: one paragraph a passage, split at sentence ends when it is longer than
the model's window, each with its paragraph number, page, section heading and offsets."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence

from indexer.describe.dates import parse_date
from indexer.describe.grades import PRINTED
from indexer.ingest.sentences import LIST_ITEM, sentence_spans
from indexer.types import READER_COMMENTS, Block, Document, Passage

CountTokens = Callable[[Sequence[str]], list[int]]

_NUMBERED = re.compile(r"^(\d{1,3})\.\s+\S")
_DECIMAL = re.compile(r"^(\d{1,2}\.\d{1,2}[a-z]?)\s+\S")
_JUDGEMENT_HEADING = re.compile(rf":\s*(?:{PRINTED})$", re.I)
_QUESTION_HEADING = re.compile(r"^(?:What|How|Why|Where|When|Who|Which|Is|Are|Does|Do)\b")


def chunk(doc: Document, blocks: Sequence[Block], count_tokens: CountTokens, max_tokens: int) -> list[Passage]:
    text = doc.text
    comments_at = doc.comments_start if doc.comments_start is not None else len(text)
    pieces = [text[b.start : b.end] for b in blocks]
    numbered = _is_numbered(pieces, blocks, comments_at)
    decimal = not numbered and sum(1 for p in pieces if _DECIMAL.match(p)) >= 3
    section: str | None = None
    ordinal = 0
    planned: list[tuple[int, int, int | None, str | None, int | None, str | None]] = []
    for i, (block, piece) in enumerate(zip(blocks, pieces)):
        in_comments = block.start >= comments_at
        if in_comments:
            section = READER_COMMENTS
            if block.start == comments_at:
                if piece != READER_COMMENTS:  # the label we add above HTML comments is not text
                    planned.append((block.start, block.end, None, None, block.page, section))
                continue
        elif _looks_like_heading(piece, i, pieces):
            # A heading names the section of what follows; it is kept as a passage of its own
            # (headlines and standfirsts are text too) but is no numbered paragraph.
            section = piece.split("\n")[0].strip()
            planned.append((block.start, block.end, None, None, block.page, section))
            continue
        ordinal += 1
        label: str | None
        if numbered:
            m = _NUMBERED.match(piece)
            paragraph = int(m.group(1)) if m and not in_comments else None
            label = str(paragraph) if paragraph is not None else None
        elif decimal:
            # Council papers number paragraphs 1.1, 3.2a: cite those, never a count of our own.
            paragraph = ordinal
            m = _DECIMAL.match(piece)
            label = m.group(1) if m else None
        else:
            paragraph = ordinal
            label = str(ordinal)
        planned.append((block.start, block.end, paragraph, label, block.page, section))

    counts = count_tokens([text[p[0] : p[1]] for p in planned])
    passages: list[Passage] = []
    for (start, end, paragraph, label, page, sec), n in zip(planned, counts):
        if n <= max_tokens:
            passages.append(_passage(doc.path, text, start, end, paragraph, label, page, sec, n))
            continue
        spans = _split(text, start, end, count_tokens, max_tokens)
        for (s, e), size in zip(spans, count_tokens([text[s:e] for s, e in spans])):
            passages.append(_passage(doc.path, text, s, e, paragraph, label, page, sec, size))
    return passages


def _passage(
    path: str, text: str, s: int, e: int, paragraph: int | None, label: str | None, page: int | None,
    section: str | None, tokens: int,
) -> Passage:
    body = text[s:e]
    digest = hashlib.sha256(f"{path}\x00{s}\x00{body}".encode()).hexdigest()[:20]
    return Passage(digest, path, body, s, e, paragraph, page, section, label, tokens)


def _is_numbered(pieces: list[str], blocks: Sequence[Block], comments_at: int) -> bool:
    """Ofsted numbers the paragraphs of its reports; a short numbered list is not that."""
    numbers = [
        int(m.group(1))
        for piece, b in zip(pieces, blocks)
        if b.start < comments_at and len(piece) > 120 and (m := _NUMBERED.match(piece))
    ]
    rising = sum(1 for a, b in zip(numbers, numbers[1:]) if b == a + 1)
    return len(numbers) >= 5 and rising >= 0.7 * (len(numbers) - 1)


def _looks_like_heading(piece: str, i: int, pieces: list[str]) -> bool:
    if i + 1 >= len(pieces) or "\n" in piece or "\t" in piece or LIST_ITEM.match(piece):
        return False
    if _JUDGEMENT_HEADING.search(piece) and len(piece) < 200:
        return True
    if re.search(r":\s*\S", piece) or (parse_date(piece) and len(piece) < 40):
        return False
    words = piece.split()
    if piece.endswith("?") and _QUESTION_HEADING.match(piece):
        return len(words) <= 16  # "What is it like to be a child or young person with SEND in this area?"
    return len(words) <= 14 and piece[-1] not in ".!?,;" and not piece[0].islower() \
        and not re.match(r"^(Dear|Yours)\b", piece)


def _split(text: str, start: int, end: int, count_tokens: CountTokens, max_tokens: int) -> list[tuple[int, int]]:
    """Pack whole list items (whole sentences of an item too long for one span) into spans of at
    most ``max_tokens`` word pieces, so that a passage never starts inside a bullet."""
    items: list[list[tuple[int, int]]] = []
    for s, e in sentence_spans(text[start:end]):
        if not items or LIST_ITEM.match(text[start + s : start + e]) or text[start + s - 1] == "\n":
            items.append([])
        items[-1].append((start + s, start + e))
    whole = [(item[0][0], item[-1][1]) for item in items]
    pieces: list[tuple[int, int]] = []
    for item, (s, e), n in zip(items, whole, count_tokens([text[s:e] for s, e in whole])):
        if n <= max_tokens:
            pieces.append((s, e))
            continue
        for (s, e), n in zip(item, count_tokens([text[s:e] for s, e in item])):
            if n <= max_tokens:
                pieces.append((s, e))
            else:
                pieces.extend(_split_words(text, s, e, count_tokens, max_tokens))
    sizes = count_tokens([text[s:e] for s, e in pieces])
    spans: list[tuple[int, int]] = []
    budget = 0
    for (s, e), n in zip(pieces, sizes):
        if spans and budget + n + 1 <= max_tokens:
            spans[-1] = (spans[-1][0], e)
            budget += n + 1
        else:
            spans.append((s, e))
            budget = n
    return spans


def _split_words(text: str, start: int, end: int, count_tokens: CountTokens, max_tokens: int) -> list[tuple[int, int]]:
    words = [(start + m.start(), start + m.end()) for m in re.finditer(r"\S+", text[start:end])]
    sizes = count_tokens([text[s:e] for s, e in words])
    spans: list[tuple[int, int]] = []
    budget = 0
    for (s, e), n in zip(words, sizes):
        if spans and budget + n <= max_tokens:
            spans[-1] = (spans[-1][0], e)
            budget += n
        else:
            spans.append((s, e))
            budget = n
    return spans
