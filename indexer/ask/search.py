"""Hybrid retrieval under filters: dense (faiss, cosine) and BM25, fused by weighted scores.

Filters are applied before ranking: the dense side scores only the admitted rows, BM25 scores of
other rows are zeroed, so a filtered query returns k results whenever k exist.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from functools import cached_property

import faiss
import numpy as np
import torch

from indexer.ask.rerank import rerank
from indexer.ask.topic import Topic
from indexer.config import Settings
from indexer.describe import grades
from indexer.describe.dates import find_dates, find_month_years
from indexer.ingest.sentences import sentence_spans
from indexer.store.embedding import Embedder, WithKnown, on_model_thread
from indexer.store.index import Index
from indexer.types import READER_COMMENTS, Filters, Hit

log = logging.getLogger(__name__)

ALSO_WEIGHT = 1.0  # 0.3, 0.5 and 1.0 measured on the real dev questions: 1.0 is best (README)


class Searcher:
    def __init__(
        self, index: Index, embedder: Embedder, dense_weight: float = Settings.dense_weight,
        ef_search: int = Settings.ann_ef_search, rerank_depth: int = Settings.rerank_depth,
    ) -> None:
        self.index = index
        self.embedder = embedder
        self.dense_weight = dense_weight
        self.ef_search = ef_search
        self.rerank_depth = rerank_depth

    @cached_property
    def _doc_fields(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        docs = self.index.documents
        authority = np.array([d.authority or "" for d in docs], dtype=object)
        year = np.array([d.year if d.year is not None else -1 for d in docs], dtype=np.int32)
        kind = np.array([d.doc_type for d in docs], dtype=object)
        return authority, year, kind

    def admitted_documents(self, filters: Filters) -> np.ndarray:
        """Boolean per document: does it pass the filters?"""
        authority, year, kind = self._doc_fields
        keep = np.ones(len(self.index.documents), dtype=bool)
        if filters.authorities:
            keep &= np.isin(authority, list(filters.authorities))
        unyeared = keep.copy()
        if filters.year_from is not None:
            keep &= year >= filters.year_from
        if filters.year_to is not None:
            keep &= (year <= filters.year_to) & (year >= 0)
        if filters.year_pinned:  # "Hull's 2014 inspection", published in 2015
            keep |= unyeared & self._inspected_in(filters.year_from, filters.year_to)
        if filters.doc_types:
            keep &= np.isin(kind, list(filters.doc_types))
        if filters.grades:
            keep &= np.array([grades.passes(d.judgements, filters.grades) for d in self.index.documents], dtype=bool)
        return keep

    @cached_property
    def _inspection_years(self) -> list[frozenset[int]]:
        return [inspection_years(d.inspection_dates) for d in self.index.documents]

    def _inspected_in(self, year_from: int | None, year_to: int | None) -> np.ndarray:
        low, high = year_from if year_from is not None else 0, year_to if year_to is not None else 9999
        return np.array([any(low <= y <= high for y in ys) for ys in self._inspection_years], dtype=bool)

    def row_mask(self, filters: Filters) -> np.ndarray | None:
        if filters.empty:
            return None
        return self.admitted_documents(filters)[self.index.row_doc]

    def search(
        self, query: str, filters: Filters, k: int = 10, query_vector: np.ndarray | None = None,
        topic: Topic | None = None,
    ) -> list[Hit]:
        """``topic``: what the query asks about (topic.py). Its other words ("FDAC" for "family drug
        and alcohol court", "madrassah" for "mosque school") are matched by BM25 at ``ALSO_WEIGHT``,
        and the second stage prefers passages that speak to it."""
        index = self.index
        if index.size == 0 or not query.strip():
            return []
        mask = self.row_mask(filters)
        if mask is not None and not mask.any():
            return []
        qv = query_vector if query_vector is not None else self.embedder.embed([query])[0]
        pool = max(4 * k, 40)
        dense_rows = self._dense(qv, mask, pool)
        lexical = index.lexical.scores(query)
        also = topic.other_words() if topic is not None else ""
        if also:
            lexical = lexical + ALSO_WEIGHT * index.lexical.scores(also)
        if mask is not None:
            lexical = np.where(mask, lexical, 0.0)
        lexical_rows = _top(lexical, pool)
        rows = np.union1d(dense_rows, lexical_rows[lexical[lexical_rows] > 0]).astype(np.int64)
        if rows.size == 0:
            return []
        picked, q_tensor = torch.from_numpy(rows), torch.from_numpy(qv)
        dense = on_model_thread(lambda: (self._matrix.index_select(0, picked) @ q_tensor).numpy())
        lex = lexical[rows]
        fused = self.dense_weight * _minmax(dense) + (1 - self.dense_weight) * _scaled(lex)
        passages = index.passages(rows.tolist())
        fused = fused * np.array([_prior(p.text, p.section) for p in passages])
        depth = max(k, self.rerank_depth)
        order = np.argsort(-fused, kind="stable")[:depth]
        hits = [
            Hit(
                passage=passages[i],
                document=index.documents[int(index.row_doc[rows[i]])],
                score=float(fused[i]),
                dense=float(dense[i]),
                lexical=float(lex[i]),
                row=int(rows[i]),
            )
            for i in order
        ]
        if self.rerank_depth:
            hits = rerank(hits, qv, self.with_sentences(hits), topic)
        return hits[:k]

    def with_sentences(self, hits: Sequence[Hit]) -> Embedder:
        """The embedder, told the vectors the index holds for the hits' sentences: a question
        then embeds only itself (and the rare sentence an answer joins to the one before)."""
        known: dict[str, np.ndarray] = {}
        for hit in hits:
            vectors = self.index.sentence_vectors(hit.row)
            if vectors is None:
                continue
            texts = [hit.passage.text[s:e] for s, e in sentence_spans(hit.passage.text)]
            if len(texts) == len(vectors):  # else built with other sentence boundaries: embed them
                known.update(zip(texts, vectors))
        return WithKnown(self.embedder, known) if known else self.embedder

    @cached_property
    def _matrix(self) -> torch.Tensor:
        return torch.from_numpy(self.index.vector_matrix())  # shares the memory faiss holds

    def _dense(self, qv: np.ndarray, mask: np.ndarray | None, pool: int) -> np.ndarray:
        """Exact cosine over the admitted rows.

        One matrix-vector product in torch: on two cores it is twice as fast as faiss's flat
        search, and it shares the encoder's thread pool, where numpy's BLAS threads would fight
        it for the cores (bench/README.md)."""
        query = torch.from_numpy(np.ascontiguousarray(qv, dtype=np.float32))
        if self.index.approximate:
            share = 1.0 if mask is None else float(mask.mean())
            if share >= 0.05:
                return self._graph(query.numpy(), mask, pool, share)
        if mask is None:
            return _top(on_model_thread(lambda: (self._matrix @ query).numpy()), pool)
        rows = np.flatnonzero(mask)
        if rows.size > 0.05 * mask.size:  # gathering many rows costs more than scoring them all
            scores = on_model_thread(lambda: (self._matrix @ query).numpy())
            return rows[_top(scores[rows], pool)]
        index = torch.from_numpy(rows)
        return rows[_top(on_model_thread(lambda: (self._matrix.index_select(0, index) @ query).numpy()), pool)]


    def _graph(self, qv: np.ndarray, mask: np.ndarray | None, pool: int, share: float) -> np.ndarray:
        """HNSW search; under a filter the graph is walked wider (ef / share) so that as many
        admitted neighbours are found (recall against exact search: bench/README.md)."""
        params = faiss.SearchParametersHNSW()  # type: ignore[attr-defined]  # missing from faiss's stubs
        params.efSearch = int(min(4096, max(self.ef_search, pool, self.ef_search / share)))
        bitmap = None
        if mask is not None:
            bitmap = np.packbits(mask, bitorder="little")
            params.sel = faiss.IDSelectorBitmap(len(mask), faiss.swig_ptr(bitmap))
        _, ids = on_model_thread(lambda: self.index.vectors.search(qv.reshape(1, -1), pool, params=params))
        found = ids[0]
        return found[found >= 0]


def inspection_years(inspection_dates: str | None) -> frozenset[int]:
    """The years of "17 March to 21 March 2025" or "November 2014 to January 2015"."""
    if not inspection_dates:
        return frozenset()
    found = {d.year for _, d in find_dates(inspection_dates)}
    return frozenset(found | {year for year, _ in find_month_years(inspection_dates)})


def _top(scores: np.ndarray, n: int) -> np.ndarray:
    if scores.size <= n:
        return np.arange(scores.size)
    return np.argpartition(-scores, n)[:n]


def _minmax(values: np.ndarray) -> np.ndarray:
    low, high = float(values.min()), float(values.max())
    if high - low < 1e-9:
        return np.ones_like(values) if high > 0 else np.zeros_like(values)
    return (values - low) / (high - low)


def _scaled(values: np.ndarray) -> np.ndarray:
    high = float(values.max()) if values.size else 0.0
    return values / high if high > 0 else np.zeros_like(values)


def _prior(text: str, section: str | None) -> float:
    """Headings and scraps rank below paragraphs; readers' comments below the article."""
    words = len(text.split())
    prior = min(1.0, 0.55 + 0.45 * words / 15)
    if section == READER_COMMENTS:
        prior *= 0.8
    return prior


def doc_counts(index: Index, field: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for doc in index.documents:
        value = getattr(doc, field)
        if value is not None:
            counts[str(value)] = counts.get(str(value), 0) + 1
    return counts


def authorities(index: Index) -> set[str]:
    return {d.authority for d in index.documents if d.authority}


