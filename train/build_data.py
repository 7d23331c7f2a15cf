"""Assemble the training questions into ``train/data/`` (run once; the result is committed).

Inputs: question files written for the real reports (each row: question, verbatim evidence, the
id of the passage it comes from, style, whether it names the authority; or a question to
decline), and passage dumps (``python -m indexer info --passages --json`` split one file per
document) of indexes built from ``../shared/real-ilacs``, ``../shared/real-send`` and ``corpus/``.

Every row is checked: the evidence stands verbatim in its passage, the passage is in the dumps, no
report that an evaluation file uses (``eval/real.jsonl``'s held-out split, ``eval/real-test.jsonl``)
contributes, and no question repeats an evaluation question. Each answerable question gets one
hard negative: the passage of the same document that BM25 ranks highest for the question among
those that do not hold the evidence. Reports are split into train and validation by a hash of
the file name, so a report's questions never straddle the split.

    python train/build_data.py --questions DIR... --passages DIR --out train/data
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

import bm25s
import Stemmer

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
VALID_SHARE = 0.15


def norm(text: str) -> str:
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return re.sub(r"\s+", " ", text.replace("\u2013", "-").replace("\u2014", "-")).strip().lower()


def split_of(file: str) -> str:
    share = int(hashlib.sha1(file.encode()).hexdigest()[:8], 16) / 0xFFFFFFFF
    return "valid" if share < VALID_SHARE else "train"


def family(file: str, send: set[str]) -> str:
    return "send" if file in send else "seed" if file.endswith(".txt") else "ilacs"


def evaluation_reports() -> tuple[set[str], set[str]]:
    """Reports that evaluation files use (never trained on) and their questions' text."""
    files, questions = set(), set()
    for path in [ROOT / "eval" / "real.jsonl", ROOT / "eval" / "real-test.jsonl"]:
        for line in path.open():
            row = json.loads(line)
            questions.add(norm(row["question"]))
            if row.get("file") and (path.name == "real-test.jsonl" or row.get("split") == "heldout"):
                files.add(row["file"])
    for path in [*(ROOT / "eval").glob("*.jsonl"), *(SHARED / "eval").glob("*.jsonl")]:
        questions.update(norm(json.loads(line)["question"]) for line in path.open())
    return files, questions


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--questions", nargs="+", type=Path, required=True, help="folders with questions.jsonl, declined.jsonl")
    parser.add_argument("--probe", type=Path, default=SHARED / "real-ilacs" / "probe-questions.jsonl")
    parser.add_argument("--passages", type=Path, required=True)
    parser.add_argument("--out", type=Path, default=ROOT / "train" / "data")
    args = parser.parse_args()

    passages: dict[str, dict] = {}
    by_file: dict[str, list[dict]] = defaultdict(list)
    for dump in sorted(args.passages.glob("*.jsonl")):
        for line in dump.open():
            p = json.loads(line)
            passages[p["passage_id"]] = p
            by_file[p["file"]].append(p)
    send_truth = {json.loads(x)["file"]: json.loads(x) for x in (SHARED / "real-send" / "truth.jsonl").open()}
    held, eval_questions = evaluation_reports()

    rows: list[dict] = []
    for line in args.probe.open():  # the probe questions carry their passage text
        q = json.loads(line)
        match = next((p for p in by_file.get(q["file"], []) if norm(q["evidence"]) in norm(p["text"])), None)
        if match is not None:
            rows.append({"question": q["question"], "evidence": q["evidence"], "passage_id": match["passage_id"],
                         "style": q["style"], "names_authority": None, "source": "probe"})
    for folder in args.questions:
        for line in (folder / "questions.jsonl").open():
            rows.append({**json.loads(line), "source": folder.name})

    kept: list[dict] = []
    dropped: Counter[str] = Counter()
    seen: set[str] = set()
    for r in rows:
        p = passages.get(r["passage_id"])
        key = norm(r["question"])
        if p is None or norm(r["evidence"]) not in norm(p["text"]):
            dropped["evidence not in its passage"] += 1
            continue
        if p["file"] in held:
            dropped["report used by an evaluation file"] += 1
            continue
        if key in eval_questions:
            dropped["an evaluation question"] += 1
            continue
        if key in seen:
            dropped["duplicate"] += 1
            continue
        seen.add(key)
        truth = send_truth.get(p["file"])
        year = int(truth["publication_date"][:4]) if truth else p["year"]
        kept.append({
            "question": r["question"], "evidence": r["evidence"], "style": r["style"],
            "names_authority": r["names_authority"], "file": p["file"], "family": family(p["file"], set(send_truth)),
            "authority": truth["authority"] if truth else p["authority"], "year": year,
            "split": split_of(p["file"]), "passage": p["text"], "section": p["section"], "source": r["source"],
        })
    mine_negatives(kept, by_file)

    declined = []
    for folder in args.questions:
        for line in (folder / "declined.jsonl").open():
            d = json.loads(line)
            if norm(d["question"]) in eval_questions or norm(d["question"]) in seen:
                dropped["declined: repeats a question"] += 1
                continue
            seen.add(norm(d["question"]))
            group = d.get("authority") or d["question"]
            declined.append({"question": d["question"], "kind": d["kind"], "authority": d.get("authority"),
                             "why": d["why"], "split": split_of(group), "source": folder.name})

    args.out.mkdir(parents=True, exist_ok=True)
    for name, data in (("questions.jsonl", kept), ("declined.jsonl", declined)):
        with (args.out / name).open("w") as f:
            for row in data:
                f.write(json.dumps(row, ensure_ascii=False) + "\n")
    write_valid_eval(kept, declined, args.out / "valid-eval.jsonl")
    by = Counter((r["family"], r["split"]) for r in kept)
    print(f"{len(kept)} answerable questions over {len({r['file'] for r in kept})} reports: {dict(by)}", file=sys.stderr)
    print(f"{len(declined)} to decline: {dict(Counter((d['kind'], d['split']) for d in declined))}", file=sys.stderr)
    print(f"dropped: {dict(dropped)}", file=sys.stderr)


def write_valid_eval(kept: list[dict], declined: list[dict], path: Path) -> None:
    """The validation split as an ``indexer eval`` question file, to score whole pipelines on
    reports the models never trained on."""
    with path.open("w") as f:
        for i, r in enumerate(r for r in kept if r["split"] == "valid"):
            row = {"id": f"v{i:04d}", "kind": r["style"], "question": r["question"], "evidence": [r["evidence"]],
                   "file": r["file"]}
            if r["names_authority"]:
                row["expect_authority"] = r["authority"]
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
        for i, d in enumerate(d for d in declined if d["split"] == "valid"):
            row = {"id": f"d{i:04d}", "kind": "unanswerable" if d["kind"] == "near_miss" else "offtopic",
                   "question": d["question"], "expect_answered": False}
            f.write(json.dumps(row, ensure_ascii=False) + "\n")


def mine_negatives(rows: list[dict], by_file: dict[str, list[dict]]) -> None:
    """One hard negative a question: BM25's best passage of the same document without the evidence."""
    stemmer = Stemmer.Stemmer("english")
    retrievers: dict[str, tuple[bm25s.BM25, list[dict]]] = {}
    for r in rows:
        if r["file"] not in retrievers:
            docs = [p for p in by_file[r["file"]] if len(p["text"].split()) >= 12]
            model = bm25s.BM25()
            model.index(bm25s.tokenize([p["text"] for p in docs], stemmer=stemmer, show_progress=False),
                        show_progress=False)
            retrievers[r["file"]] = (model, docs)
        model, docs = retrievers[r["file"]]
        ids, _ = model.retrieve(bm25s.tokenize([r["question"]], stemmer=stemmer, show_progress=False),
                                k=min(10, len(docs)), show_progress=False)
        evidence = norm(r["evidence"])
        for i in ids[0]:
            text = docs[int(i)]["text"]
            if evidence not in norm(text) and norm(text) != norm(r["passage"]):
                r["negative"], r["negative_section"] = text, docs[int(i)]["section"]
                break
        else:
            r["negative"] = r["negative_section"] = None


if __name__ == "__main__":
    main()
