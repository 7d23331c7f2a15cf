"""The Python API that the CLI and the app call: open an index, search, ask."""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from functools import cached_property

from indexer.answer import compose, decline
from indexer.authorities import gazetteer
from indexer.config import Settings
from indexer.embedding import Embedder, SentenceTransformerEmbedder
from indexer.errors import UnknownDocType
from indexer.query import parse_question
from indexer.search import Searcher, authorities
from indexer.store import Index, open_index
from indexer.types import DOC_TYPES, Answer, Filters, Hit

log = logging.getLogger(__name__)


def make_filters(
    authority: list[str] | None = None,
    year_from: int | None = None,
    year_to: int | None = None,
    doc_types: list[str] | None = None,
) -> Filters:
    """Filters as given by a user (flags, sidebar, URL): names checked and made canonical."""
    gaz = gazetteer()
    names = tuple(dict.fromkeys(gaz.canonical(a) for a in authority or [] if a.strip()))
    kinds = tuple(dict.fromkeys(t.strip() for t in doc_types or [] if t.strip()))
    for kind in kinds:
        if kind not in DOC_TYPES:
            raise UnknownDocType(kind, DOC_TYPES)
    sources: dict[str, str] = {}
    if names:
        sources["authority"] = "flag"
    if year_from is not None or year_to is not None:
        sources["year"] = "flag"
    if kinds:
        sources["type"] = "flag"
    return Filters(names, year_from, year_to, kinds, sources)


@dataclass
class Library:
    index: Index
    embedder: Embedder
    settings: Settings

    @classmethod
    def open(cls, settings: Settings, embedder: Embedder | None = None) -> Library:
        index = open_index(settings.index_dir, settings.model)
        return cls(index, embedder or SentenceTransformerEmbedder(settings.model), settings)

    @cached_property
    def searcher(self) -> Searcher:
        return Searcher(self.index, self.embedder, self.settings.dense_weight)

    @cached_property
    def indexed_authorities(self) -> set[str]:
        return authorities(self.index)

    def resolve(self, question: str, filters: Filters | None = None) -> tuple[str, Filters, tuple[str, ...]]:
        parsed = parse_question(question, gazetteer(), filters or Filters(), self.indexed_authorities)
        return parsed.query, parsed.filters, parsed.missing

    def search(self, question: str, filters: Filters | None = None, k: int | None = None) -> tuple[list[Hit], Filters]:
        query, applied, missing = self.resolve(question, filters)
        if missing and not applied.authorities:
            return [], _with_missing(applied, missing)
        return self.searcher.search(query, applied, k or self.settings.k), applied

    def ask(self, question: str, filters: Filters | None = None, k: int | None = None) -> Answer:
        query, applied, missing = self.resolve(question, filters)
        if missing and not applied.authorities:
            names = " or ".join(missing)
            return decline(question, [], _with_missing(applied, missing), f"No documents about {names} are indexed.")
        absent = [a for a in applied.authorities if a not in self.indexed_authorities]
        if absent and len(absent) == len(applied.authorities):
            return decline(question, [], applied, f"No documents about {' or '.join(absent)} are indexed.")
        qv = self.embedder.embed([query])[0]
        hits = self.searcher.search(query, applied, k or self.settings.k, query_vector=qv)
        if not hits:
            return decline(question, [], applied, _empty_reason(applied))
        return compose(question, hits, applied, self.embedder, self.settings.min_answer_score, qv, query)

    def close(self) -> None:
        self.index.close()


def _with_missing(filters: Filters, missing: tuple[str, ...]) -> Filters:
    sources = dict(filters.sources)
    sources["authority_not_indexed"] = ", ".join(missing)
    return replace(filters, sources=sources)


def _empty_reason(filters: Filters) -> str:
    parts = []
    if filters.authorities:
        parts.append("authority " + " or ".join(filters.authorities))
    if filters.year_from is not None or filters.year_to is not None:
        parts.append(f"years {filters.year_from or '…'}–{filters.year_to or '…'}")
    if filters.doc_types:
        parts.append("type " + " or ".join(filters.doc_types))
    return "No indexed document matches the filters (" + "; ".join(parts) + ")."
