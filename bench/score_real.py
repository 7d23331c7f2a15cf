"""Score what the indexer extracted from real Ofsted reports against the published truth.

    python bench/score_real.py --index DIR [--truth PATH] [--pdfs DIR] [--json] [--show-errors]

The index is read through the project's own CLI (`info --json`, with and without `--passages`).
Running headers and footers were learnt from the PDFs themselves (pypdfium2, the top and bottom
lines of every page; only top lines repeat) and are re-learnt per file here, so the detectors follow
what each PDF prints:
- 2013-2018 single inspection framework, and ILACS up to mid-2021: the page number alone at the
  top of every page (page 1 too); no running title; footnotes at the foot of some pages.
- ILACS from late 2021: "Inspection of Dorset local authority children’s services" then
  "17 to 21 March 2025 2" (inspection dates, page number) at the top of every page but the first.
- Every generation ends with a back page (Ofsted's address, "© Crown copyright 2025"): boilerplate
  printed once, not a running footer.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from structure import structure_checks  # noqa: E402

from indexer.describe.authorities import gazetteer  # noqa: E402
from indexer.describe.dates import find_dates  # noqa: E402
from indexer.errors import UnknownAuthority  # noqa: E402

REAL = Path("/work/shared/real-ilacs")
FIELDS = ("overall", "leaders", "help", "in_care", "care_leavers")
GRADES = ("outstanding", "good", "requires improvement", "inadequate")
ABSENT = ("not_reported_post_reform", "inspection_pre_dates_judgement")  # truth: no such judgement
LABELS = [  # judgement label wording -> truth field, first match wins
    (re.compile(r"overall", re.I), "overall"),
    (re.compile(r"impact of leaders|leadership", re.I), "leaders"),
    (re.compile(r"help and protection", re.I), "help"),
    (re.compile(r"children in care|looked after", re.I), "in_care"),
    (re.compile(r"care leavers", re.I), "care_leavers"),
]
MONTHS = "January February March April May June July August September October November December".split()
GRADE_ONLY = re.compile(r"(outstanding|good|inadequate|requires? improvement( to be good)?)\W*", re.I)
BARE_NUMBER = re.compile(r"\s*\d{1,3}\.?\s*")
BROKEN_HYPHEN = re.compile(r"\b([a-z]+)- ([a-z]+)\b")
GLUED_NOTE = re.compile(r"\b([A-Za-z]*[a-z])(\d{1,2})(?=[\s.,;:)]|$)")
NOT_NOTES = {"covid", "ks", "y", "s", "m", "h", "sars", "year", "section", "mm", "km"}
JUDGEMENT_HEADING = re.compile(r":\s*(outstanding|good|inadequate|requires? improvement( to be good)?)$", re.I)
GRADE_WORD = re.compile(r"\b(Outstanding|Good|Inadequate|Requires? improvement)\b")
DOT_LEADER = re.compile(r"\.{5,}|…{2,}|(?:\. ){5,}")
TOC_ENTRY = re.compile(rf"[A-Za-z)]\s+\d{{1,3}}(?:\s+(?=[A-Z])(?!{'|'.join(MONTHS)})|\s*$)")
STARTS_NUMBERED = re.compile(r"\s*(\d{1,3})(\.?)\s")
BOILERPLATE = re.compile(r"Ofsted|Crown copyright|www\.|Textphone|Piccadilly|M1 2WD|Open Government|nationalarchives")


class Score:
    """Right/total per check, with what went wrong for --show-errors."""

    def __init__(self) -> None:
        self.right: Counter[str] = Counter()
        self.total: Counter[str] = Counter()
        self.counts: Counter[str] = Counter()
        self.errors: dict[str, list[str]] = defaultdict(list)

    def check(self, name: str, ok: bool, error: str) -> None:
        self.total[name] += 1
        self.right[name] += ok
        if not ok:
            self.errors[name].append(error)

    def ratio(self, name: str) -> dict[str, Any]:
        r, t = self.right[name], self.total[name]
        return {"right": r, "total": t, "accuracy": round(r / t, 4) if t else None}


def run_info(index: str, passages: bool) -> dict[str, Any]:
    cmd = [sys.executable, "-m", "indexer", "info", "--json", "--index", str(Path(index).resolve())] + (["--passages"] if passages else [])
    done = subprocess.run(cmd, capture_output=True, text=True, cwd=Path(__file__).resolve().parents[1])
    if done.returncode:
        sys.exit(f"{' '.join(cmd)} failed:\n{done.stderr}")
    out: dict[str, Any] = json.loads(done.stdout)
    return out


def read_pdfs(folder: Path, names: list[str]) -> dict[str, list[list[str]]]:
    """Each PDF's pages as lists of lines, by pypdfium2 (from the system python3 if not importable here)."""
    code = (
        "import json, sys, pypdfium2 as p\n"
        "print(json.dumps({n: [pg.get_textpage().get_text_range().split('\\r\\n') for pg in p.PdfDocument(f'{sys.argv[1]}/{n}')]"
        " for n in sys.argv[2:]}))"
    )
    try:
        import pypdfium2  # noqa: F401

        python = sys.executable
    except ImportError:
        python = "python3"
    names = [n for n in names if (folder / n).exists()]
    done = subprocess.run([python, "-c", code, str(folder), *names], capture_output=True, text=True, check=True)
    pages: dict[str, list[list[str]]] = json.loads(done.stdout)
    return pages


def norm_grade(grade: str) -> str:
    g = re.sub(r"\s+to be good$", "", " ".join(grade.lower().split()))
    return "requires improvement" if g == "require improvement" else g


def date_forms(d: date) -> list[str]:
    month = MONTHS[d.month - 1]
    return [f"{d.day} {month} {d.year}", f"{d.day:02d} {month} {d.year}", f"{d.day:02d}/{d.month:02d}/{d.year}",
            f"{month} {d.day}, {d.year}"]


def flexible(text: str) -> str:
    """A regex for ``text`` with any run of spaces and either apostrophe."""
    return re.sub(r"['’]", "['’]", r"\s+".join(re.escape(w) for w in text.split()))


def running_key(line: str) -> str:
    """A page's top line with a trailing page number written as "#"."""
    return re.sub(r"\s\d{1,3}$", " #", line.strip())


def running_lines(pages: list[list[str]]) -> set[str]:
    """Lines (as ``running_key``) among the top two of most pages after the first, other than bare numbers."""
    tops = Counter(running_key(ln) for lines in pages[1:] for ln in [x for x in lines if x.strip()][:2])
    return {k for k, n in tops.items() if n >= max(2, (len(pages) - 1) // 2) and not re.fullmatch(r"[\d #]*", k)}


def header_detectors(pages: list[list[str]]) -> list[tuple[re.Pattern[str], int | None]]:
    """Each running line (a page number ending one matched with any number), and, where a page starts with
    its number alone, that number between the words either side of it (or starting a passage of that page)."""
    found: list[tuple[re.Pattern[str], int | None]] = [
        (re.compile(flexible(k.removesuffix(" #")) + (r"\s+\d{1,3}\b" if k.endswith(" #") else "")), None)
        for k in running_lines(pages)
    ]
    for n, lines in enumerate(pages[1:], start=2):
        lines = [ln.strip() for ln in lines if ln.strip()]
        before = [ln.strip() for ln in pages[n - 2] if ln.strip()]
        if len(lines) > 1 and lines[0] == str(n) and before:
            prev, nxt = before[-1].split()[-1], lines[1].split()[0]
            found.append((re.compile(rf"(?:^|{re.escape(prev)}\s+){n}\s+{re.escape(nxt)}(?!\w)"), n))
    return found


def judgement_checks(s: Score, name: str, doc: dict[str, Any], row: dict[str, str]) -> None:
    mapped: dict[str, str] = {}
    for label, grade in (doc.get("judgements") or {}).items():
        field = next((f for pattern, f in LABELS if pattern.search(label)), None)
        if field:
            mapped.setdefault(field, norm_grade(grade))
    for field in FIELDS:
        want = (row.get(field) or "").lower()
        if want in GRADES:
            got = mapped.get(field)
            s.check(f"judgement {field}", got == want, f"{name}: {field} expected {want!r}, found {got!r}")
            s.check("judgements (all)", got == want, f"{name}: {field} expected {want!r}, found {got!r}")
        elif field in mapped and want in ABSENT:
            s.errors["judgements read that truth says do not exist"].append(f"{name}: {field}={mapped[field]!r}, truth {want!r}")
            s.counts["judgements read that truth says do not exist"] += 1


def document_checks(s: Score, name: str, doc: dict[str, Any] | None, row: dict[str, Any], text: str) -> None:
    gaz = gazetteer()
    try:
        want = gaz.canonical(row["authority"])
    except UnknownAuthority:
        s.errors["SCRIPT ERROR: truth authority not in gazetteer"].append(f"{name}: {row['authority']!r}")
        want = None
    if doc is None:
        for check in ("authority", "doc_type", "date", "year"):
            s.check(check, False, f"{name}: not in the index")
        return
    if want is not None:
        s.check("authority", doc.get("authority") == want, f"{name}: expected {want!r}, found {doc.get('authority')!r}")
    s.check("doc_type", doc.get("doc_type") == "inspection", f"{name}: found {doc.get('doc_type')!r}, title {doc.get('title')!r}")
    published = date.fromisoformat(row["published"])
    end = date.fromisoformat(row["end"]) if row.get("end") else None
    prints_published = any(form in text for form in date_forms(published))
    for check, got, pub, fin in (("date", doc.get("date"), published.isoformat(), end and end.isoformat()),
                                 ("year", doc.get("year"), published.year, end and end.year)):
        by_end = fin is not None and got == fin and got != pub and not prints_published
        s.check(check, got == pub or by_end, f"{name}: expected {pub} (or {fin}), found {got!r}")
        s.counts[f"{check} right by published"] += got == pub
        s.counts[f"{check} right by end (report does not print its publication date)"] += by_end
    said = doc.get("inspection_dates")
    if said and row.get("start") and row.get("end"):
        start, end = date.fromisoformat(row["start"]), date.fromisoformat(row["end"])
        ends = [at for at, d in find_dates(said) if d == end]
        ok = bool(ends) and re.search(rf"(?<!\d)0?{start.day}(?!\d)", said[: ends[0]] if start != end else said) is not None
        s.check("inspection dates", ok, f"{name}: expected {start} to {end}, found {said!r}")
    judgement_checks(s, name, doc, row)


def passage_checks(s: Score, name: str, ps: list[dict[str, Any]], pages: list[list[str]], doc_text: str) -> None:
    detectors = header_detectors(pages) if pages else []
    for i, p in enumerate(ps):
        text = " ".join(p["text"].split())
        where = f"{name} p{p.get('page')}"
        s.check("passages with a page", p.get("page") is not None, f"{where}: {text[:80]!r}")
        s.check("passages of 8 words or more", len(text.split()) >= 8, f"{where}: {text[:80]!r}")
        s.check("passages not a bare number or grade", not (BARE_NUMBER.fullmatch(text) or GRADE_ONLY.fullmatch(text)),
                f"{where}: {text!r}")
        broken = [m.group(0) for m in BROKEN_HYPHEN.finditer(text)
                  if f"{m[1]}-{m[2]}" in doc_text or f"{m[1]}{m[2]}" in doc_text]
        s.check("passages without broken hyphens", not broken, f"{where}: {broken[:3]}")
        notes = [m.group(0) for m in GLUED_NOTE.finditer(text) if m[1].lower() not in NOT_NOTES]
        s.check("passages without glued footnote markers", not notes, f"{where}: {notes[:3]}")
        toc = DOT_LEADER.search(text) or (len(TOC_ENTRY.findall(text)) >= 3 and len(re.findall(r"[a-z]\. [A-Z]", text)) < 2)
        s.check("passages not contents lines", not toc, f"{where}: {text[:100]!r}")
        leaks = [m for d, n in detectors for m in d.finditer(text)
                 if not (i == 0 and m.start() == 0) and (n is None or m.start() or p.get("page") in (n - 1, n))]
        s.check("passages without running headers", not leaks,
                f"{where}: {[text[max(0, m.start() - 30):m.end() + 30] for m in leaks[:2]]}")


def paragraph_checks(s: Score, name: str, ps: list[dict[str, Any]]) -> None:
    numbered = [i for i, p in enumerate(ps) if p.get("paragraph") is not None]
    s.check("2018+ reports with numbered paragraphs", bool(numbered), f"{name}: none")
    if not numbered:
        return
    for i, p in enumerate(ps[numbered[0]:], start=numbered[0]):
        text = " ".join(p["text"].split())
        words = text.split()
        lead, number = STARTS_NUMBERED.match(text), p.get("paragraph")
        bad = BARE_NUMBER.fullmatch(text) or (lead and (int(lead[1]) != number if number is not None else lead[2]))
        s.check("paragraph numbers agree with text", not bad, f"{name}: paragraph {number} {text[:60]!r}")
        heading = len(words) <= 12 and not re.search(r"[.:;?!)\"”’]$", text) or JUDGEMENT_HEADING.search(text)
        table = len(GRADE_WORD.findall(text)) >= 2 and len(words) <= 60
        if not (heading or table or (i > numbered[-1] and BOILERPLATE.search(text))):
            s.check("body passages with a paragraph number", number is not None, f"{name} p{p.get('page')}: {text[:80]!r}")
    found = {int(p["paragraph"]) for p in ps if p.get("paragraph") is not None}
    gaps = sorted(set(range(1, max(found) + 1)) - found)
    s.check("2018+ reports numbered 1..max without gaps", not gaps, f"{name}: max {max(found)}, missing {gaps[:15]}")


def page_checks(s: Score, name: str, ps: list[dict[str, Any]], pages: list[list[str]]) -> None:
    held, running = {p.get("page") for p in ps}, running_lines(pages)
    for n, lines in enumerate(pages, start=1):
        lines = [ln.strip() for ln in lines if ln.strip() and ln.strip() != str(n) and running_key(ln) not in running]
        ok = n in held
        s.check("pages holding a passage", ok, f"{name} page {n}/{len(pages)}: {lines[0][:70] if lines else '(blank)'!r}")
        back_page = n == len(pages) and any("Crown copyright" in ln for ln in lines)
        if not ok and lines and not back_page and not any("Contents" in ln for ln in lines[:3]):
            s.counts["pages without passages, neither blank, contents nor back page"] += 1


def load(description: str | None, real: Path) -> tuple[argparse.Namespace, list[dict[str, Any]],
                                                    dict[str, dict[str, Any]], dict[str, list[dict[str, Any]]],
                                                    dict[str, list[list[str]]], Score]:
    """The command line, the truth rows, the index's documents and passages by file name, the
    PDFs' own lines, and a score with the document counts: what every scorer starts from."""
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("--index", required=True)
    ap.add_argument("--truth", type=Path, default=real / "truth.jsonl")
    ap.add_argument("--pdfs", type=Path, default=real / "pdfs")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--show-errors", action="store_true")
    args = ap.parse_args()
    truth = [json.loads(line) for line in args.truth.read_text().splitlines() if line.strip()]
    docs = {Path(d["path"]).name: d for d in run_info(args.index, False)["documents"]}
    by_doc: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for p in run_info(args.index, True)["passages"]:
        by_doc[Path(p["path"]).name].append(p)
    pdfs = read_pdfs(args.pdfs, [row["file"] for row in truth])
    s = Score()
    s.counts["documents in truth"], s.counts["documents indexed"] = len(truth), sum(r["file"] in docs for r in truth)
    return args, truth, docs, by_doc, pdfs, s


def main() -> None:
    args, truth, docs, by_doc, pdfs, s = load(__doc__.splitlines()[0] if __doc__ else None, REAL)
    s.counts["judgements read that truth says do not exist"] = 0
    for row in truth:
        name, ps, pages = row["file"], by_doc.get(row["file"], []), pdfs.get(row["file"], [])
        text = " ".join(" ".join(p["text"] for p in ps).split())
        pdf_text = " ".join(" ".join(ln for page in pages for ln in page).replace("\ufffe", "-").split())
        document_checks(s, name, docs.get(name), row, text)
        passage_checks(s, name, ps, pages, text + " " + pdf_text)
        if row["published"][:4] >= "2018":
            paragraph_checks(s, name, ps)
        page_checks(s, name, ps, pages)
        structure_checks(s, name, ps)
    report(s, args.json, args.show_errors)


def report(s: Score, as_json: bool, show_errors: bool) -> None:
    script_errors = {k: v for k, v in s.errors.items() if k.startswith("SCRIPT ERROR")}
    if as_json:
        out: dict[str, Any] = {"checks": {name: s.ratio(name) for name in s.total}, "counts": dict(s.counts)}
        if show_errors or script_errors:
            out["errors"] = {k: v[:40] for k, v in s.errors.items()} if show_errors else script_errors
        print(json.dumps(out, indent=1))
    else:
        names = [n for n in s.total if n != "judgements (all)"]
        last = max((i for i, n in enumerate(names) if n.startswith("judgement ")), default=len(names) - 1)
        for name in names[: last + 1] + ["judgements (all)"] * ("judgements (all)" in s.total) + names[last + 1:]:
            r = s.ratio(name)
            print(f"{name:<46} {r['right']:>6}/{r['total']:<6} {100 * (r['accuracy'] or 0):6.1f}%")
        for key, value in s.counts.items():
            print(f"{key}: {value}")
        for key, errors in script_errors.items():
            print(f"{key}: {errors}")
        examples = ["passages without broken hyphens", "passages without glued footnote markers",
                    "passages without running headers"]
        for key in [k for k in s.errors if k not in script_errors] if show_errors else examples:
            limit = 40 if show_errors else 8
            print(f"\n{key}: {len(s.errors[key])} failing, first {min(limit, len(s.errors[key]))}:")
            for error in s.errors[key][:limit]:
                print(f"  {error}")
    if script_errors:
        sys.exit(1)


if __name__ == "__main__":
    main()
