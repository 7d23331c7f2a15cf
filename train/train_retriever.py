"""Fine-tune all-MiniLM-L6-v2 on this field's questions: the retriever the index embeds with.

(question, the passage it was written for, a hard negative from the same report), with
sentence-transformers' MultipleNegativesRankingLoss: every other passage in the batch and the
hard negative are the negatives. Trains on the ``train`` split of ``train/data/questions.jsonl``;
the ``valid`` split (other reports) is scored before and after, by dense retrieval among every
passage the data holds. Deterministic for a seed on the same machine.

    python train/train_retriever.py [--epochs 2] [--out indexer/models/retriever]
"""

from __future__ import annotations

import json
import logging
import shutil
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "train"))

from options import RETRIEVER_LR, point_to_card, training_parser  # noqa: E402


def passage_input(text: str, section: str | None) -> str:
    """As the index embeds a passage (indexer/build.py embed_input): its section heading, then its text."""
    return f"{section}\n{text}" if section and section != text else text


def load(split: str | None = None) -> list[dict]:
    rows = [json.loads(line) for line in (ROOT / "train" / "data" / "questions.jsonl").open()]
    return [r for r in rows if split is None or r["split"] == split]


def fine_tune(model, rows: list[dict], epochs: float, batch_size: int, lr: float, seed: int) -> None:  # type: ignore[no-untyped-def]
    """MultipleNegativesRankingLoss over (question, its passage, a hard negative of the same report)."""
    from datasets import Dataset
    from sentence_transformers import SentenceTransformerTrainer, SentenceTransformerTrainingArguments
    from sentence_transformers.losses import MultipleNegativesRankingLoss
    from sentence_transformers.training_args import BatchSamplers

    data = Dataset.from_dict({
        "anchor": [r["question"] for r in rows],
        "positive": [passage_input(r["passage"], r.get("section")) for r in rows],
        "negative": [passage_input(r["negative"], r.get("negative_section")) for r in rows],
    })
    training = SentenceTransformerTrainingArguments(
        output_dir=str(ROOT / "train" / "out" / "retriever"), num_train_epochs=epochs,
        per_device_train_batch_size=batch_size, learning_rate=lr, warmup_ratio=0.1, seed=seed, data_seed=seed,
        batch_sampler=BatchSamplers.NO_DUPLICATES, save_strategy="no", logging_steps=10, report_to="none",
        dataloader_num_workers=0, use_cpu=True,
    )
    SentenceTransformerTrainer(model=model, args=training, train_dataset=data,
                               loss=MultipleNegativesRankingLoss(model)).train()


def corpus_of(rows: list[dict]) -> list[str]:
    """Every passage the data holds, as the index embeds it: the haystack of the figures."""
    return sorted({passage_input(r["passage"], r.get("section")) for r in rows}
                  | {passage_input(r["negative"], r.get("negative_section")) for r in rows if r["negative"]})


def dense_figures(model, rows: list[dict], corpus: list[str]) -> dict[str, float]:  # type: ignore[no-untyped-def]
    """recall@1/5/10 and MRR@10 of each question's own passage among ``corpus``."""
    where = {t: i for i, t in enumerate(corpus)}
    vectors = model.encode(corpus, batch_size=64, normalize_embeddings=True, convert_to_numpy=True)
    queries = model.encode([r["question"] for r in rows], batch_size=64, normalize_embeddings=True,
                           convert_to_numpy=True)
    ranks = []
    for q, r in zip(queries, rows):
        target = where[passage_input(r["passage"], r.get("section"))]
        scores = vectors @ q
        ranks.append(int((scores > scores[target]).sum()))
    ranks_ = np.array(ranks)
    return {
        "recall@1": round(float((ranks_ < 1).mean()), 3), "recall@5": round(float((ranks_ < 5).mean()), 3),
        "recall@10": round(float((ranks_ < 10).mean()), 3),
        "mrr@10": round(float(np.where(ranks_ < 10, 1.0 / (ranks_ + 1), 0.0).mean()), 3),
    }


def main() -> None:
    parser = training_parser(__doc__, RETRIEVER_LR)
    parser.add_argument("--out", type=Path, default=ROOT / "indexer" / "models" / "retriever")
    parser.add_argument("--valid-only", action="store_true", help="train on nothing: score --score's model")
    parser.add_argument("--score", default=None, help="with --valid-only: the model to score (default: the base)")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)

    import torch
    from sentence_transformers import SentenceTransformer

    from indexer.config import DEFAULT_BASE_MODEL
    from indexer.store.embedding import model_path

    torch.manual_seed(args.seed)
    train, valid = load("train"), load("valid")
    corpus = corpus_of(load())
    name = args.score if args.valid_only and args.score else DEFAULT_BASE_MODEL
    model = SentenceTransformer(model_path(name), device="cpu", model_kwargs={"dtype": torch.float32})
    before = dense_figures(model, valid, corpus)
    print(json.dumps({"model": name, "valid": before, "valid_questions": len(valid),
                      "corpus": len(corpus)}), flush=True)
    if args.valid_only:
        return
    started = time.perf_counter()
    fine_tune(model, train, args.epochs, args.batch_size, args.lr, args.seed)
    seconds = time.perf_counter() - started
    after = dense_figures(model, valid, corpus)
    # fp16 on disk halves the size; it loads as fp32, and the vectors agree to a cosine of 0.9999+.
    shutil.rmtree(args.out, ignore_errors=True)
    model.half().save(str(args.out))
    point_to_card(args.out, "children-retriever", "all-MiniLM-L6-v2 fine-tuned for questions about English "
                  "children's services.", "train_retriever.py")
    print(json.dumps({"model": "trained", "valid": after, "train_questions": len(train), "epochs": args.epochs,
                      "seconds": round(seconds), "out": str(args.out)}), flush=True)


if __name__ == "__main__":
    main()
