"""Train the answer judge: a cross-encoder that scores (question, candidate sentence).

Initialised from the all-MiniLM-L6-v2 weights with a fresh one-logit head, trained with binary
cross-entropy on the pairs of ``judge_pairs.py`` from the ``train`` split, scored on the ``valid``
split (other reports): ROC AUC of answers against non-answers, and for each question whether its
best-scored candidate answers. Deterministic for a seed on the same machine.

    python train/train_judge.py [--epochs 3] [--out indexer/models/judge]
"""

from __future__ import annotations

import argparse
import json
import logging
import shutil
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "train"))

from judge_pairs import pairs  # noqa: E402
from options import JUDGE_LR, point_to_card, training_parser  # noqa: E402


def load(name: str, split: str | None = None) -> list[dict]:
    """The rows of ``train/data/NAME`` in ``split`` (every row: None)."""
    rows = [json.loads(line) for line in (ROOT / "train" / "data" / name).open()]
    return [r for r in rows if split is None or r["split"] == split]


def figures(model, data: list[tuple[str, str, int]]) -> dict[str, float]:  # type: ignore[no-untyped-def]
    scores = np.asarray(model.predict([(q, s) for q, s, _ in data], batch_size=64, show_progress_bar=False))
    labels = np.array([y for _, _, y in data])
    pos, neg = scores[labels == 1], scores[labels == 0]
    auc = float((pos[:, None] > neg[None, :]).mean() + 0.5 * (pos[:, None] == neg[None, :]).mean())
    best: dict[str, tuple[float, int]] = defaultdict(lambda: (-1e9, 0))
    for (q, _, y), score in zip(data, scores):
        if score > best[q][0]:
            best[q] = (float(score), y)
    answerable = {q for q, _, y in data if y == 1}
    top_right = np.mean([best[q][1] for q in answerable])
    return {"auc": round(auc, 3), "best_candidate_answers": round(float(top_right), 3), "pairs": len(data)}


def judge_parser(doc: str | None) -> argparse.ArgumentParser:
    """The options of training a judge, shared with its cross-validation."""
    parser = training_parser(doc, JUDGE_LR)
    parser.set_defaults(epochs=3)  # validation AUC 0.886 after one epoch, 0.933 after three
    parser.add_argument("--per-declined", type=int, default=4,
                        help="non-answers per question to decline (0: learn from answerable questions only)")
    parser.add_argument("--said-elsewhere", type=int, default=2,
                        help="answers per near miss from other authorities' reports that say its topic")
    return parser


def fit(train: list[tuple[str, str, int]], args: argparse.Namespace) -> Any:
    """A cross-encoder from the base MiniLM weights with a fresh one-logit head, trained on ``train``."""
    import torch
    from datasets import Dataset
    from sentence_transformers.cross_encoder import (
        CrossEncoder,
        CrossEncoderTrainer,
        CrossEncoderTrainingArguments,
    )
    from sentence_transformers.cross_encoder.losses import BinaryCrossEntropyLoss

    from indexer.config import DEFAULT_BASE_MODEL
    from indexer.store.embedding import model_path

    torch.manual_seed(args.seed)
    model = CrossEncoder(model_path(DEFAULT_BASE_MODEL), num_labels=1, max_length=160, device="cpu")
    data = Dataset.from_dict({"question": [q for q, _, _ in train], "sentence": [s for _, s, _ in train],
                              "label": [float(y) for *_, y in train]})
    training = CrossEncoderTrainingArguments(
        output_dir=str(ROOT / "train" / "out" / "judge"), num_train_epochs=args.epochs,
        per_device_train_batch_size=args.batch_size, learning_rate=args.lr, warmup_steps=0.1, seed=args.seed,
        data_seed=args.seed, save_strategy="no", logging_steps=20, report_to="none", dataloader_num_workers=0,
        use_cpu=True,
    )
    CrossEncoderTrainer(model=model, args=training, train_dataset=data, loss=BinaryCrossEntropyLoss(model)).train()
    return model


def main() -> None:
    parser = judge_parser(__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "indexer" / "models" / "judge")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)

    train = pairs(load("questions.jsonl", "train"), load("declined.jsonl", "train"), args.seed, args.per_declined,
                  args.said_elsewhere)
    valid = pairs(load("questions.jsonl", "valid"), load("declined.jsonl", "valid"), args.seed)
    print(json.dumps({"train_pairs": len(train), "positives": sum(y for *_, y in train),
                      "valid_pairs": len(valid)}), flush=True)
    started = time.perf_counter()
    model = fit(train, args)
    seconds = time.perf_counter() - started
    after = figures(model, valid)
    shutil.rmtree(args.out, ignore_errors=True)
    model.model.half()
    model.save(str(args.out))
    point_to_card(args.out, "children-judge", "A cross-encoder from the all-MiniLM-L6-v2 weights that rates whether a "
                  "sentence answers a question about English children's services.", "train_judge.py")
    print(json.dumps({"model": "judge", "valid": after, "epochs": args.epochs, "seconds": round(seconds),
                      "out": str(args.out)}), flush=True)


if __name__ == "__main__":
    main()
