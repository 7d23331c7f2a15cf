"""Sweep the dense/BM25 fusion weight on question files and print recall@k and MRR for each.

    python bench/tune.py                     # eval/questions.jsonl and ../shared/eval/dev.jsonl
    python bench/tune.py --weights 0,0.3,0.45,0.6,1

Weight 0 is BM25 alone, 1 is dense alone. The chosen default (Settings.dense_weight) should sit
on a plateau for every question file, not on one file's peak.
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from indexer.build import build  # noqa: E402
from indexer.config import load_settings  # noqa: E402
from indexer.evaluate import evaluate, load_questions  # noqa: E402
from indexer.library import Library  # noqa: E402
from indexer.store.embedding import SentenceTransformerEmbedder  # noqa: E402

FILES = [ROOT / "eval" / "questions.jsonl", ROOT.parent / "shared" / "eval" / "dev.jsonl"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--weights", default="0,0.2,0.3,0.4,0.45,0.5,0.6,0.8,1")
    parser.add_argument("--index", default=str(ROOT / "bench" / "out" / "tune-index"))
    parser.add_argument("--corpus", default=str(ROOT / "corpus"), help="built into --index first")
    parser.add_argument("--no-build", action="store_true", help="use --index as it is (e.g. a real-PDF index)")
    parser.add_argument("files", nargs="*", help="question files (default: ours and shared dev)")
    args = parser.parse_args()
    embedder = SentenceTransformerEmbedder()
    settings = load_settings(index_dir=args.index)
    if not args.no_build:
        build(Path(args.corpus), settings, embedder, progress=False)
    library = Library.open(settings, embedder)
    files = [Path(f) for f in args.files] or [f for f in FILES if f.exists()]
    print("| weight | " + " | ".join(f"{f.name} R@1 / R@5 / MRR / answer-hit" for f in files) + " |")
    print("|---|" + "---|" * len(files))
    for weight in (float(w) for w in args.weights.split(",")):
        library.settings = replace(settings, dense_weight=weight)
        library.__dict__.pop("searcher", None)  # rebuilt with the new weight
        cells = []
        for path in files:
            r = evaluate(library, load_questions(path))
            o = r["overall"]
            cells.append(f"{o['recall@1']:.2f} / {o['recall@5']:.2f} / {o['mrr']:.3f} / {r['answer_hit']:.2f}")
        print(f"| {weight:g} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
