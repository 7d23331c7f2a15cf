"""recall@k, MRR, filters, abstention and answer quality on a question file.

Each line of the file is a JSON object: ``question``, ``kind``, ``evidence`` (strings, any of which
makes a result a hit), optional ``filters`` (``authority``: [...], ``year``: [from, to], ``type``),
``expect_authority``, ``expect_year`` and ``expect_answered``.

What is measured, each over the rows it applies to:

* ``recall@1/5/10`` and ``mrr``, overall and per ``kind``: rank of the first retrieved passage that
  contains an evidence string (case, white space and quote marks normalised).
* ``filter_accuracy``: rows with ``expect_authority`` / ``expect_year``; right when the expected
  authority is among those applied, the years applied admit documents published in every year of
  ``expect_year`` (a year pinned by naming a document, "the 2014 inspection", also admits those
  inspected in it and published the next year), the row's ``file``, when indexed, passes the
  filters, and so does every result. ``filter_failures`` says what went wrong, row by row.
* ``abstention_accuracy``: every row; right when the product answers exactly the answerable rows
  (those with evidence and without ``"expect_answered": false``). Beside it, the share correctly
  declined of near-miss questions (``abstention_near_miss``: unanswerable rows of kind
  ``unanswerable`` or ``near-miss``: about the corpus's subject, with no answer in it) and of
  off-topic ones (``abstention_off_topic``: kind ``offtopic`` or ``off-topic``).
* ``answer_hit``: answerable rows; the answer's text contains an evidence string.
* ``answer_precision``: the quoted sentences of answers to answerable rows; the share supported.
  A sentence is supported when (1) it contains an evidence string (normalised as above), or
  (2) it and an evidence string share content words (lower case, stop words dropped, stemmed, as
  BM25 sees them) amounting to at least half of the smaller of the two sets of words, and at least
  two unless one of them has a single content word, or (3) the passage it is quoted from contains
  an evidence string. ``answer_sentences`` is how many sentences were judged.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from statistics import mean
from typing import Any

from indexer.ask.search import inspection_years
from indexer.describe.authorities import gazetteer
from indexer.errors import IndexerError
from indexer.library import Library, make_filters
from indexer.store.lexical import tokenize
from indexer.types import Answer, Document, Filters, Hit

_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "`": "'", "´": "'"})
NEAR_MISS = frozenset({"unanswerable", "near-miss", "near_miss", "nearmiss"})
OFF_TOPIC = frozenset({"offtopic", "off-topic", "off_topic"})


def normalise(text: str) -> str:
    return " ".join(text.translate(_QUOTES).lower().split())


def contains_evidence(text: str, evidence: Sequence[str]) -> bool:
    body = normalise(text)
    return any(normalise(e) in body for e in evidence)


def evidence_rank(hits: Sequence[Hit], evidence: Sequence[str]) -> int | None:
    """The 1-based rank of the first hit whose passage holds an evidence string, or None."""
    return next((i + 1 for i, h in enumerate(hits) if contains_evidence(h.passage.text, evidence)), None)


def content_words(text: str) -> set[str]:
    return set(tokenize([text])[0])


def sentence_supported(sentence: str, passage: str, evidence: Sequence[str]) -> bool:
    """Does the evidence support this quoted sentence (taken from ``passage``)? See the module."""
    if contains_evidence(sentence, evidence) or contains_evidence(passage, evidence):
        return True
    words = content_words(sentence)
    for item in evidence:
        wanted = content_words(item)
        smaller = min(len(words), len(wanted))
        if smaller and len(words & wanted) >= max(smaller / 2, min(2, smaller)):
            return True
    return False


def answer_support(answer: Answer, evidence: Sequence[str]) -> tuple[int, int]:
    """(supported sentences, quoted sentences) of one answer."""
    passages = {c.n: c.hit.passage.text for c in answer.citations}
    supported = sum(sentence_supported(s.text, passages.get(s.citation, ""), evidence) for s in answer.sentences)
    return supported, len(answer.sentences)


def abstention_group(row: dict[str, Any]) -> str | None:
    """"near_miss" or "off_topic" for the unanswerable rows of those kinds, else None."""
    if is_answerable(row):
        return None
    kind = str(row.get("kind", "")).lower()
    if kind in NEAR_MISS:
        return "near_miss"
    if kind in OFF_TOPIC:
        return "off_topic"
    return None


def is_answerable(row: dict[str, Any]) -> bool:
    return bool(row.get("evidence")) and row.get("expect_answered", True) is not False


def passes(doc: Document, filters: Filters) -> bool:
    """The rule ``Searcher.admitted_documents`` applies, for one document."""
    if filters.authorities and doc.authority not in filters.authorities:
        return False
    if filters.doc_types and doc.doc_type not in filters.doc_types:
        return False
    if filters.year_from is None and filters.year_to is None:
        return True
    low = filters.year_from if filters.year_from is not None else 0
    high = filters.year_to if filters.year_to is not None else 9999
    if doc.year is not None and low <= doc.year <= high:
        return True
    return filters.year_pinned and any(low <= y <= high for y in inspection_years(doc.inspection_dates))


def admits_years(filters: Filters, low: int, high: int) -> bool:
    """Do the years applied admit documents published in every year from ``low`` to ``high``?"""
    if filters.year_from is None and filters.year_to is None:
        return False
    start = filters.year_from if filters.year_from is not None else low
    end = filters.year_to if filters.year_to is not None else high
    return start <= low and end + int(filters.year_pinned) >= high


def filter_problems(
    row: dict[str, Any], applied: Filters, hits: Sequence[Hit], expected: Document | None = None
) -> list[str]:
    """What is wrong with the filters applied to a row with ``expect_authority`` / ``expect_year``;
    ``expected`` is the document the row is about, when it is known and indexed."""
    problems = []
    if "expect_authority" in row:
        name = gazetteer().lookup(row["expect_authority"]) or row["expect_authority"]
        if name not in applied.authorities:
            read = ", ".join(applied.authorities) or "none"
            problems.append(f"authority: expected {name}, applied {read}")
    if "expect_year" in row:
        lo, hi = row["expect_year"]
        if not admits_years(applied, lo, hi):
            pinned = " (pinned)" if applied.year_pinned else ""
            problems.append(f"year: expected {lo}–{hi}, applied {applied.year_from or '…'}–{applied.year_to or '…'}{pinned}")
    if expected is not None and not passes(expected, applied):
        problems.append(
            f"the expected document {expected.path} ({expected.authority}, {expected.year}, "
            f"inspected {expected.inspection_dates or 'when unknown'}) is outside the filters"
        )
    outside = [h.document for h in hits if not passes(h.document, applied)]
    if outside:
        doc = outside[0]
        problems.append(f"{len(outside)} results outside the filters, e.g. {doc.path} ({doc.authority}, {doc.year})")
    return problems


def score_row(row: dict[str, Any], answer: Answer, expected: Document | None = None) -> dict[str, Any]:
    """Every measure for one row, from the answer ``ask`` gave (its hits are the search results);
    ``expected`` is the indexed document named by the row's ``file``, if any."""
    hits, evidence = list(answer.hits), row.get("evidence") or []
    rank = evidence_rank(hits, evidence)
    scored: dict[str, Any] = {
        "id": row.get("id"), "kind": row.get("kind"), "question": row["question"], "rank": rank,
        "answered": answer.answered, "answerable": is_answerable(row),
        "answer_hit": contains_evidence(answer.text, evidence) if evidence else None,
        "filters": answer.filters.as_dict(), "group": abstention_group(row),
    }
    if evidence:
        scored["retrieval"] = {f"recall@{n}": float(rank is not None and rank <= n) for n in (1, 5, 10)}
        scored["retrieval"]["mrr"] = 1.0 / rank if rank else 0.0
    if "expect_authority" in row or "expect_year" in row:
        scored["filter_problems"] = filter_problems(row, answer.filters, hits, expected)
    if scored["answerable"] and answer.answered:
        scored["supported_sentences"], scored["sentences"] = answer_support(answer, evidence)
    return scored


def summarise(scored: Sequence[dict[str, Any]], k: int = 10) -> dict[str, Any]:
    per_kind: dict[str, list[dict[str, float]]] = defaultdict(list)
    for s in scored:
        if "retrieval" in s:
            per_kind[s["kind"] or "other"].append(s["retrieval"])
            per_kind["overall"].append(s["retrieval"])
    report: dict[str, Any] = {"questions": len(scored), "k": k}
    for kind, rows_scores in sorted(per_kind.items()):
        report[kind] = {name: round(mean(r[name] for r in rows_scores), 4) for name in rows_scores[0]} | {
            "n": len(rows_scores)
        }
    checked = [s for s in scored if "filter_problems" in s]
    report["filter_accuracy"] = _share([not s["filter_problems"] for s in checked])
    report["filter_n"] = len(checked)
    report["filter_failures"] = [
        {"id": s["id"], "question": s["question"], "problems": s["filter_problems"]}
        for s in checked if s["filter_problems"]
    ]
    report["abstention_accuracy"] = _share([s["answered"] == s["answerable"] for s in scored])
    for group in ("near_miss", "off_topic"):
        declined = [not s["answered"] for s in scored if s["group"] == group]
        report[f"abstention_{group}"] = {"declined": _share(declined), "n": len(declined)}
    report["answer_hit"] = _share([bool(s["answer_hit"]) for s in scored if s["answerable"]])
    judged = [s for s in scored if "sentences" in s]
    total = sum(s["sentences"] for s in judged)
    report["answer_precision"] = round(sum(s["supported_sentences"] for s in judged) / total, 4) if total else None
    report["answer_sentences"] = total
    report["details"] = list(scored)
    return report


def _share(values: Sequence[bool]) -> float | None:
    return round(mean(float(v) for v in values), 4) if values else None


def load_questions(path: Path) -> list[dict[str, Any]]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise IndexerError(f"Cannot read the question file {path}: {exc.strerror}.") from exc
    rows = []
    for number, line in enumerate(lines, start=1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise IndexerError(f"Line {number} of {path} is not JSON.") from exc
    return rows


def _filters(row: dict[str, Any]) -> Filters:
    given = row.get("filters") or {}
    years = given.get("year") or [None, None]
    types = given.get("type") or []
    return make_filters(given.get("authority"), years[0], years[1], [types] if isinstance(types, str) else types)


def evaluate(library: Library, rows: list[dict[str, Any]], k: int = 10) -> dict[str, Any]:
    by_name = {Path(d.path).name: d for d in library.index.documents}
    # ask() retrieves exactly what search() would, so its hits serve every measure.
    scored = [
        score_row(row, library.ask(row["question"], _filters(row), k=max(k, 10)), by_name.get(Path(row.get("file") or "").name))
        for row in rows
    ]
    return summarise(scored, k)
