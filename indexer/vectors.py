"""The vectors of a build: each passage's, and each of its sentences' (which the reranker and
the answer read instead of embedding them at question time), reusing the last index's where the
text is unchanged."""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence

import numpy as np

from indexer.config import Settings
from indexer.ingest.sentences import sentence_spans
from indexer.store.embedding import Embedder
from indexer.store.index import Index
from indexer.types import Passage


def passage_vectors(
    inputs: Sequence[str], hashes: Sequence[str], old: Index | None, known: Mapping[str, int],
    embedder: Embedder, settings: Settings, show: bool,
) -> tuple[np.ndarray, list[int]]:
    """Vectors for every input, reusing the old index's where the text is unchanged (``known``:
    its rows by embed hash); returns them with the positions that had to be embedded."""
    old_matrix = old.vector_matrix() if old is not None else None
    todo = [i for i, h in enumerate(hashes) if h not in known]
    dim = old_matrix.shape[1] if old_matrix is not None and old_matrix.size else embedder.dimension
    vectors = np.zeros((len(inputs), dim), dtype=np.float32)
    for i, h in enumerate(hashes):
        if h in known and old_matrix is not None:
            vectors[i] = old_matrix[known[h]]
    _embed_into(vectors, todo, inputs, embedder, settings, show, "passage")
    return vectors, todo


def sentence_vectors(
    flat: Sequence[Passage], hashes: Sequence[str], old: Index | None, known: Mapping[str, int],
    embedder: Embedder, settings: Settings, show: bool,
) -> tuple[np.ndarray, np.ndarray]:
    """Each passage's sentence vectors, which the reranker and the answer read instead of
    embedding them at question time, reusing the old index's for unchanged passages:
    (offsets, one more than passages; matrix)."""
    texts = [[p.text[s:e] for s, e in sentence_spans(p.text)] for p in flat]
    offsets = np.zeros(len(flat) + 1, dtype=np.int64)
    offsets[1:] = np.cumsum([len(t) for t in texts])
    every = [t for group in texts for t in group]
    matrix = np.zeros((len(every), embedder.dimension if every else 0), dtype=np.float32)
    todo: list[int] = []
    for i, (h, group) in enumerate(zip(hashes, texts)):
        before = old.sentence_vectors(known[h]) if old is not None and h in known else None
        if before is not None and len(before) == len(group) and before.shape[1:] == matrix.shape[1:]:
            matrix[offsets[i] : offsets[i + 1]] = before
        else:
            todo.extend(range(int(offsets[i]), int(offsets[i + 1])))
    _embed_into(matrix, todo, every, embedder, settings, show, "sentence")
    return offsets, matrix


def _embed_into(
    out: np.ndarray, todo: Sequence[int], texts: Sequence[str], embedder: Embedder, settings: Settings,
    show: bool, unit: str,
) -> None:
    """``out[i] = embed(texts[i])`` for each ``i`` of ``todo``, with a progress bar on a terminal."""
    bar = None
    if show and todo:
        from tqdm import tqdm

        bar = tqdm(total=len(todo), unit=unit, desc=f"Embedding {unit}s", file=sys.stderr)
    # Large steps: sentence-transformers sorts each call's texts by length to pad less.
    step = 4096
    for at in range(0, len(todo), step):
        batch = list(todo[at : at + step])
        out[batch] = embedder.embed([texts[i] for i in batch], batch_size=settings.batch_size)
        if bar is not None:
            bar.update(len(batch))
    if bar is not None:
        bar.close()
