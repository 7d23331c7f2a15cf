"""Ranks of the first passage that holds the evidence, and their summary, for the bench scripts."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

import numpy as np

MISSED = 10**6  # the rank of evidence no passage holds


def first_gold(scores: np.ndarray, gold: Collection[int]) -> int:
    """The 1-based rank, by ``scores`` (highest first), of the first of the ``gold`` positions."""
    order = np.argsort(-np.asarray(scores), kind="stable")
    return next((k + 1 for k, i in enumerate(order) if int(i) in gold), MISSED)


def report(ranks: Mapping[str, Sequence[int]]) -> None:
    for name, values in ranks.items():
        r = np.array(values)
        print(
            f"  {name:36} recall@1 {np.mean(r <= 1):.3f}  @5 {np.mean(r <= 5):.3f}  @15 {np.mean(r <= 15):.3f}"
            f"  MRR@10 {np.mean(np.where(r <= 10, 1 / r, 0)):.3f}  (n={len(r)})"
        )
