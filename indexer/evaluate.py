"""recall@k, MRR, filter and abstention accuracy, and answer-hit rate on a question file.

Each line of the file is a JSON object: ``question``, ``kind``, ``evidence`` (strings, any of which
makes a result a hit), optional ``filters`` (``authority``: [...], ``year``: [from, to], ``type``),
``expect_authority``, ``expect_year`` and ``expect_answered``.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from statistics import mean
from typing import Any

from indexer.errors import IndexerError
from indexer.library import Library, make_filters
from indexer.types import Filters, Hit

_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "`": "'", "´": "'"})


def normalise(text: str) -> str:
    return " ".join(text.translate(_QUOTES).lower().split())


def contains_evidence(text: str, evidence: list[str]) -> bool:
    body = normalise(text)
    return any(normalise(e) in body for e in evidence)


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


def _inside(hit: Hit, filters: Filters) -> bool:
    doc = hit.document
    if filters.authorities and doc.authority not in filters.authorities:
        return False
    if filters.year_from is not None and (doc.year is None or doc.year < filters.year_from):
        return False
    if filters.year_to is not None and (doc.year is None or doc.year > filters.year_to):
        return False
    return not (filters.doc_types and doc.doc_type not in filters.doc_types)


def evaluate(library: Library, rows: list[dict[str, Any]], k: int = 10) -> dict[str, Any]:
    per_kind: dict[str, list[dict[str, float]]] = defaultdict(list)
    filter_checks: list[float] = []
    abstention: list[float] = []
    answer_hits: list[float] = []
    details = []
    for row in rows:
        question = row["question"]
        # ask() retrieves exactly what search() would, so its hits serve both measures.
        answer = library.ask(question, _filters(row), k=max(k, 10))
        hits, applied = list(answer.hits), answer.filters
        evidence = row.get("evidence") or []
        answerable = bool(evidence) and row.get("expect_answered", True)
        rank = next((i + 1 for i, h in enumerate(hits) if contains_evidence(h.passage.text, evidence)), None)
        if evidence:
            scores = {f"recall@{n}": float(rank is not None and rank <= n) for n in (1, 5, 10)}
            scores["mrr"] = 1.0 / rank if rank else 0.0
            per_kind[row.get("kind", "other")].append(scores)
            per_kind["overall"].append(scores)
        if "expect_authority" in row or "expect_year" in row:
            ok = all(_inside(h, applied) for h in hits)
            if "expect_authority" in row:
                ok = ok and row["expect_authority"] in applied.authorities
            if "expect_year" in row:
                lo, hi = row["expect_year"]
                ok = ok and applied.year_from is not None and applied.year_from <= lo \
                    and applied.year_to is not None and applied.year_to >= hi
            filter_checks.append(float(ok))
        abstention.append(float(answer.answered == answerable))
        if answerable:
            answer_hits.append(float(contains_evidence(answer.text, evidence)))
        details.append({
            "id": row.get("id"), "kind": row.get("kind"), "rank": rank, "answered": answer.answered,
            "answer_hit": contains_evidence(answer.text, evidence) if evidence else None,
            "filters": applied.as_dict(),
        })
    report: dict[str, Any] = {"questions": len(rows), "k": k}
    for kind, rows_scores in sorted(per_kind.items()):
        report[kind] = {
            name: round(mean(s[name] for s in rows_scores), 4) for name in rows_scores[0]
        } | {"n": len(rows_scores)}
    report["filter_accuracy"] = round(mean(filter_checks), 4) if filter_checks else None
    report["abstention_accuracy"] = round(mean(abstention), 4) if abstention else None
    report["answer_hit"] = round(mean(answer_hits), 4) if answer_hits else None
    report["details"] = details
    return report


