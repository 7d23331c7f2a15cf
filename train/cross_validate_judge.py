"""Cross-validation of the answer judge grouped by authority: does it carry over to reports, and
councils, it never saw?

Every question of ``train/data/questions.jsonl`` and ``train/data/declined.jsonl`` (both splits)
goes to one of ``--folds`` folds by a hash of its authority (of its report's file where it names
none), so all of a council's reports and near misses are in one fold. For each fold a judge is
trained, as ``train_judge.py`` trains one, on the pairs of the other folds, then scored on the
fold's pairs: ROC AUC of answers against non-answers, and for each answerable question whether
its best-rated sentence answers. Beside it, the same figures for the cosine of the base MiniLM
(never trained here) and of the shipped retriever (trained on the ``train`` split, so some of each
fold's questions: a baseline that flatters itself). One JSON line per fold, then the means.
Nothing is saved.

    python train/cross_validate_judge.py [--folds 5] [--epochs 1] [--only 0 3]
"""

from __future__ import annotations

import json
import logging
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "train"))

from cross_validate import fold_of  # noqa: E402
from judge_pairs import pairs  # noqa: E402
from train_judge import figures, fit, judge_parser, load  # noqa: E402

from indexer.config import DEFAULT_BASE_MODEL, TRAINED_MODEL  # noqa: E402
from indexer.store.embedding import SentenceTransformerEmbedder  # noqa: E402


def group(row: dict) -> str:
    return row.get("authority") or row.get("file") or row["question"]


def part(data: list[dict], k: int, folds: int, held_out: bool = True) -> list[dict]:
    """The rows of fold ``k`` (or, not ``held_out``, of the other folds)."""
    return [r for r in data if (fold_of(group(r), folds) == k) == held_out]


class CosineScorer:
    """An embedding model's cosine between question and sentence, with a cross-encoder's predict()."""

    def __init__(self, name: str) -> None:
        self.embedder = SentenceTransformerEmbedder(name)

    def predict(self, data: list[tuple[str, str]], **_: Any) -> np.ndarray:
        return np.einsum("ij,ij->i", self.embedder.embed([a for a, _ in data]), self.embedder.embed([b for _, b in data]))


def main() -> None:
    parser = judge_parser(__doc__)
    parser.set_defaults(epochs=1)  # about six minutes a fold on two cores
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--only", type=int, nargs="*", default=None, help="run only these folds")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)

    questions, declined = load("questions.jsonl"), load("declined.jsonl")
    baselines = {"base_cosine": CosineScorer(DEFAULT_BASE_MODEL), "retriever_cosine": CosineScorer(TRAINED_MODEL)}
    results: list[dict[str, Any]] = []
    for k in range(args.folds):
        if args.only is not None and k not in args.only:
            continue
        held = pairs(part(questions, k, args.folds), part(declined, k, args.folds), args.seed)
        started = time.perf_counter()
        model = fit(pairs(part(questions, k, args.folds, False), part(declined, k, args.folds, False), args.seed,
                          args.per_declined, args.said_elsewhere), args)
        result: dict[str, Any] = {
            "fold": k, "authorities": len({group(r) for r in part(questions, k, args.folds)}),
            "questions": len(part(questions, k, args.folds)), "declined": len(part(declined, k, args.folds)),
            "judge": figures(model, held),
            **{name: figures(scorer, held) for name, scorer in baselines.items()},
            "seconds": round(time.perf_counter() - started),
        }
        results.append(result)
        print(json.dumps(result), flush=True)
    if results:
        mean = {which: {m: round(sum(r[which][m] for r in results) / len(results), 3)
                        for m in ("auc", "best_candidate_answers")} for which in ("judge", *baselines)}
        print(json.dumps({"folds": [r["fold"] for r in results], "epochs": args.epochs, "mean": mean}), flush=True)


if __name__ == "__main__":
    main()
