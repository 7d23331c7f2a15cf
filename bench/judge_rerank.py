"""The answer judge as a passage ranker: does a passage's best-judged sentence rank it better than
the second stage (rerank.py) does? Recall@5 and MRR@10 of the search results, and how often the
sentence the judge rates highest among the top five passages holds the evidence, for each weight
of the judge in a blend with the search's own score (0 = the search as shipped).

    python bench/judge_rerank.py --index DIR FILES... [--depth 15] [--weights 0 0.2 0.5 1]

The judge reads every sentence of the top ``depth`` passages once a question; passages below the
depth keep their order after them. Figures: README, "The trained retriever" (measured, not
shipped).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from statistics import mean
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from indexer.ask.judge import Judge  # noqa: E402
from indexer.config import load_settings  # noqa: E402
from indexer.evaluate import _filters, contains_evidence, is_answerable, load_questions  # noqa: E402
from indexer.ingest.sentences import sentence_spans  # noqa: E402
from indexer.library import Library  # noqa: E402

# One question's passages, best first: (search score, holds the evidence, [(judge score, the
# sentence holds it)] for the top ``depth``).
Ranked = list[tuple[float, bool, list[tuple[float, bool]]]]


def judged_hits(library: Library, judge: Judge, row: dict[str, Any], depth: int) -> Ranked:
    hits, _ = library.search(row["question"], _filters(row), k=30)
    evidence = row["evidence"]
    spans = [sentence_spans(h.passage.text) if i < depth else [] for i, h in enumerate(hits)]
    sentences = [[h.passage.text[s:e] for s, e in found] for h, found in zip(hits, spans)]
    scores = iter(judge.score(row["question"], [s for each in sentences for s in each]).tolist())
    return [(hit.score, contains_evidence(hit.passage.text, evidence),
             [(next(scores), contains_evidence(s, evidence)) for s in each]) for hit, each in zip(hits, sentences)]


def measure(ranked: Ranked, weight: float) -> tuple[float, float, float]:
    """(recall@5, reciprocal rank within 10, the best-judged sentence of the top five holds it)."""
    if not ranked:
        return 0.0, 0.0, 0.0
    top = max(score for score, _, _ in ranked) or 1.0
    judged = [i for i, (_, _, sentences) in enumerate(ranked) if sentences]
    blend = {i: (1 - weight) * ranked[i][0] / top + weight * max(p for p, _ in ranked[i][2]) for i in judged}
    order = sorted(judged, key=lambda i: -blend[i]) + [i for i in range(len(ranked)) if i not in blend]
    rank = next((n + 1 for n, i in enumerate(order) if ranked[i][1]), None)
    best = max((pair for i in order[:5] for pair in ranked[i][2]), default=(0.0, False))
    return float(rank is not None and rank <= 5), 1.0 / rank if rank and rank <= 10 else 0.0, float(best[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", type=Path, nargs="+")
    parser.add_argument("--index", required=True)
    parser.add_argument("--depth", type=int, default=15)
    parser.add_argument("--weights", type=float, nargs="*", default=[0.0, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8, 1.0])
    args = parser.parse_args()
    library = Library.open(load_settings(index_dir=args.index))
    judge = library.judge
    if judge is None:
        sys.exit("This needs the answer judge; INDEXER_JUDGE is empty.")
    for path in args.files:
        questions = [row for row in load_questions(path) if is_answerable(row)]
        ranked = [judged_hits(library, judge, row, args.depth) for row in questions]
        print(f"{path} ({len(questions)} answerable questions, judge over the top {args.depth} passages)")
        print("  weight  recall@5  MRR@10  best-judged sentence holds the evidence")
        for weight in args.weights:
            r5, rr, best = (mean(values) for values in zip(*(measure(r, weight) for r in ranked)))
            print(f"  {weight:6.2f}  {r5:8.3f}  {rr:6.3f}  {best:.3f}")


if __name__ == "__main__":
    main()
