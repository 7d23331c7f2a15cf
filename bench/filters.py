"""How often the authority and year filters are read right from a question: no index, no model.

Every row of the question files with ``expect_authority`` or ``expect_year`` is parsed as ``ask``
parses it (the row's own ``filters`` act as flags; every gazetteer name counts as indexed), and
checked as ``python -m indexer eval`` checks it, short of the documents themselves: the
authorities read are exactly those expected, and the years read admit documents published in
every expected year (a year pinned by naming a document, "the 2014 inspection", also admits
those inspected in it and published the next year; whether they were is for ``indexer eval``).

    .venv/bin/python bench/filters.py                       # the default files
    .venv/bin/python bench/filters.py eval/real.jsonl       # one file
    # the same questions against another version of the code, e.g. the last commit:
    rm -rf /tmp/old && mkdir /tmp/old && git archive HEAD indexer | tar -x -C /tmp/old
    PYTHONPATH=/tmp/old .venv/bin/python bench/filters.py
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

import indexer.ask.query as query_module
from indexer.ask.query import parse_question
from indexer.describe.authorities import gazetteer
from indexer.types import Filters

ROOT = Path(__file__).resolve().parent.parent
FILES = [ROOT / "eval" / "real.jsonl", ROOT.parent / "shared" / "eval" / "dev.jsonl", ROOT / "eval" / "questions.jsonl"]


def explicit(row: dict[str, Any]) -> Filters:
    given = row.get("filters") or {}
    names = tuple(gazetteer().canonical(a) for a in given.get("authority") or [])
    years = given.get("year") or [None, None]
    return Filters(authorities=names, year_from=years[0], year_to=years[1])


def expected_authorities(row: dict[str, Any]) -> set[str] | None:
    if "expect_authority" not in row:
        return None
    value = row["expect_authority"]
    names = value if isinstance(value, list) else [value]
    return {gazetteer().canonical(n) for n in names if n}


def admits_years(filters: Filters, low: int, high: int) -> bool:
    if filters.year_from is None and filters.year_to is None:
        return False
    start = filters.year_from if filters.year_from is not None else low
    end = filters.year_to if filters.year_to is not None else high
    pinned = getattr(filters, "year_pinned", False)  # older versions have no such field
    return start <= low and end + int(pinned) >= high


def check(row: dict[str, Any]) -> tuple[bool | None, bool | None, Filters]:
    """(authority right, year right, filters read); None where the row expects nothing."""
    g = gazetteer()
    filters = parse_question(row["question"], g, explicit(row), set(g.names)).filters
    authority_ok = year_ok = None
    want = expected_authorities(row)
    if want is not None:
        authority_ok = set(filters.authorities) == want
    if "expect_year" in row:
        lo, hi = row["expect_year"]
        year_ok = admits_years(filters, lo, hi)
    return authority_ok, year_ok, filters


def run(path: Path) -> dict[str, Any]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    checked = [r for r in rows if "expect_authority" in r or "expect_year" in r]
    results = {"authority": [0, 0], "year": [0, 0], "both": [0, 0]}
    failures = []
    for row in checked:
        authority_ok, year_ok, filters = check(row)
        for name, ok in (("authority", authority_ok), ("year", year_ok)):
            if ok is not None:
                results[name][0] += ok
                results[name][1] += 1
        both = authority_ok is not False and year_ok is not False
        results["both"][0] += both
        results["both"][1] += 1
        if not both:
            failures.append({
                "id": row.get("id"), "question": row["question"],
                "expected": {"authority": row.get("expect_authority"), "year": row.get("expect_year")},
                "read": {"authority": list(filters.authorities), "year": [filters.year_from, filters.year_to],
                         "pinned": getattr(filters, "year_pinned", False)},
            })
    return {"file": str(path), "questions": len(checked), "results": results, "failures": failures}


def _share(right: int, n: int) -> str:
    return f"{right}/{n} = {right / n:.3f}" if n else "n/a"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--json", action="store_true", help="one JSON object on stdout")
    args = parser.parse_args()
    paths = [p for p in (args.files or FILES) if args.files or p.exists()]
    reports = [run(p) for p in paths]
    if args.json:
        print(json.dumps({"code": query_module.__file__, "files": reports}, indent=1))
        return
    print(f"code: {query_module.__file__}")
    for report in reports:
        r = report["results"]
        print(f"\n{report['file']} ({report['questions']} questions with expected filters)")
        print(f"  authority {_share(*r['authority'])}; year {_share(*r['year'])}; both {_share(*r['both'])}")
        for f in report["failures"]:
            print(f"  ✗ {f['id']}: {f['question']}")
            print(f"      expected {f['expected']}, read {f['read']}")


if __name__ == "__main__":
    main()
