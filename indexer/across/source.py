"""What the views across reports need of a library, so that they never import the library itself."""

from __future__ import annotations

from typing import Protocol

from indexer.ask.judge import Judge
from indexer.ask.search import Searcher
from indexer.config import Settings
from indexer.store.embedding import Embedder
from indexer.store.index import Index
from indexer.types import Answer, Document, Filters


class Source(Protocol):
    """The face of :class:`indexer.library.Library` that compare, timeline and judgements use."""

    index: Index
    embedder: Embedder
    settings: Settings
    judge: Judge | None

    @property
    def searcher(self) -> Searcher: ...

    @property
    def min_score(self) -> float: ...

    def resolve(
        self, question: str, filters: Filters | None = ..., read: frozenset[str] = ...
    ) -> tuple[str, Filters, tuple[str, ...]]: ...

    def ask(
        self, question: str, filters: Filters | None = ..., k: int | None = ..., read: frozenset[str] = ...
    ) -> Answer: ...


def admitted(library: Source, filters: Filters) -> list[Document]:
    keep = library.searcher.admitted_documents(filters)
    return [d for d, ok in zip(library.index.documents, keep) if ok]


def by_date(doc: Document) -> tuple[int, str]:
    """Oldest first; a document with only a year sorts at that year's start, undated last."""
    if doc.date:
        return (0, doc.date)
    if doc.year is not None:
        return (0, f"{doc.year:04d}")
    return (1, doc.title)
