"""The options every training command shares: epochs, batch size, learning rate, seed."""

from __future__ import annotations

import argparse
from pathlib import Path

RETRIEVER_LR = 4e-5  # train_retriever.py and the cross-validation, which must train alike
JUDGE_LR = 5e-5


def training_parser(doc: str | None, lr: float) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--epochs", type=float, default=1)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--lr", type=float, default=lr)
    parser.add_argument("--seed", type=int, default=16)
    return parser


def point_to_card(folder: Path, name: str, what: str, script: str) -> None:
    """Replace the model card sentence-transformers writes (training logs, a hub widget) with a
    pointer to ours, ``indexer/models/README.md``."""
    (folder / "README.md").write_text(
        f"# {name}\n\n{what} The model card, with its data, method, licence and figures, is\n"
        f"`../README.md`; `train/{script}` made it.\n")
