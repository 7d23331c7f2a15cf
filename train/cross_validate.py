"""Cross-validation grouped by report: does the trained retriever's gain come from the training
reports themselves, or does it carry over to reports it never saw?

Every question of ``train/data/questions.jsonl`` (both splits) goes to one of ``--folds`` folds
by a hash of its report's file name, so a report's questions are all in one fold. For each fold
the base model is fine-tuned, exactly as ``train_retriever.py`` does, on the questions of the
other folds' reports, then the base and the fine-tuned model are scored by dense retrieval on the
fold's questions, among every passage the data holds. Prints one JSON line per fold, then the
means. Nothing is saved. About ten minutes a fold on two cores.

    python train/cross_validate.py [--folds 5] [--only 0 3]
"""

from __future__ import annotations

import hashlib
import json
import logging
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "train"))

from options import RETRIEVER_LR, training_parser  # noqa: E402
from train_retriever import corpus_of, dense_figures, fine_tune, load  # noqa: E402


def fold_of(file: str, folds: int) -> int:
    """A report's fold: stable across runs and machines (not Python's salted hash)."""
    return int(hashlib.sha256(file.encode("utf-8")).hexdigest(), 16) % folds


def main() -> None:
    parser = training_parser(__doc__, RETRIEVER_LR)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--only", type=int, nargs="*", default=None, help="run only these folds")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)

    import torch
    from sentence_transformers import SentenceTransformer

    from indexer.config import DEFAULT_BASE_MODEL
    from indexer.store.embedding import model_path

    rows = load()
    corpus = corpus_of(rows)
    base = SentenceTransformer(model_path(DEFAULT_BASE_MODEL), device="cpu", model_kwargs={"dtype": torch.float32})
    results: list[dict[str, Any]] = []
    for k in range(args.folds):
        if args.only is not None and k not in args.only:
            continue
        held = [r for r in rows if fold_of(r["file"], args.folds) == k]
        train = [r for r in rows if fold_of(r["file"], args.folds) != k]
        torch.manual_seed(args.seed)
        model = SentenceTransformer(model_path(DEFAULT_BASE_MODEL), device="cpu",
                                    model_kwargs={"dtype": torch.float32})
        started = time.perf_counter()
        fine_tune(model, train, args.epochs, args.batch_size, args.lr, args.seed)
        result = {
            "fold": k, "reports": len({r["file"] for r in held}), "questions": len(held),
            "train_questions": len(train), "base": dense_figures(base, held, corpus),
            "trained": dense_figures(model, held, corpus), "seconds": round(time.perf_counter() - started),
        }
        results.append(result)
        print(json.dumps(result), flush=True)
    if results:
        mean = {
            which: {m: round(sum(r[which][m] for r in results) / len(results), 3) for m in results[0][which]}
            for which in ("base", "trained")
        }
        print(json.dumps({"folds": [r["fold"] for r in results], "mean": mean}), flush=True)


if __name__ == "__main__":
    main()
