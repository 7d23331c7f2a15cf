"""The answer judge: does this sentence answer this question? A cross-encoder trained for the
field (train/train_judge.py) reads the two together and gives a probability; the answer quotes
the sentences it rates highest, and declines when none reaches the calibrated threshold."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from indexer.config import BUNDLED_JUDGE
from indexer.errors import IndexerError
from indexer.store.embedding import MODELS, in_background, on_model_thread


class Judge(Protocol):
    def score(self, question: str, sentences: Sequence[str]) -> np.ndarray:
        """The probability that each sentence answers the question, in (0, 1)."""
        ...


def judge_path(name: str) -> Path:
    return MODELS / "judge" if name == BUNDLED_JUDGE else Path(name).expanduser()


class CrossEncoderJudge:
    """Loaded once, on first use, from disk; it runs on the encoder's thread."""

    def __init__(self, name: str = BUNDLED_JUDGE) -> None:
        self.name = name
        self._model: Any = None
        self._lock = threading.Lock()

    def _load(self) -> Any:
        with self._lock:
            if self._model is None:
                import torch
                from sentence_transformers.cross_encoder import CrossEncoder

                path = judge_path(self.name)
                if not (path / "config.json").exists():
                    raise IndexerError(f"The answer judge {self.name!r} is not at {path}; set INDEXER_JUDGE to a "
                                       "model folder, or to an empty value to answer without it.")
                self._model = CrossEncoder(str(path), device="cpu", model_kwargs={"dtype": torch.float32})
            return self._model

    def preload(self) -> None:
        """Start loading the judge in the background; the first answer it reads waits for it."""
        in_background(self._load)

    def score(self, question: str, sentences: Sequence[str]) -> np.ndarray:
        if not sentences:
            return np.zeros(0, dtype=np.float32)
        pairs = [(question, s) for s in sentences]
        scores = on_model_thread(lambda: self._load().predict(pairs, batch_size=32, show_progress_bar=False))
        return np.asarray(scores, dtype=np.float32)


class MemoJudge:
    """A judge that rates each (question, sentence) once: an answer asks about the sentences it
    rescues and those it doubts, which can be the same ones."""

    def __init__(self, judge: Judge) -> None:
        self.judge = judge
        self.memo: dict[tuple[str, str], float] = {}

    def score(self, question: str, sentences: Sequence[str]) -> np.ndarray:
        missing = [s for s in dict.fromkeys(sentences) if (question, s) not in self.memo]
        if missing:
            for s, p in zip(missing, self.judge.score(question, missing)):
                self.memo[(question, s)] = float(p)
        return np.array([self.memo[(question, s)] for s in sentences], dtype=np.float32)
