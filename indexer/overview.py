"""Across reports and authorities: the judgements of every inspection report, one question asked
of several authorities side by side, and one authority's documents in date order."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from indexer.answer import compose, decline
from indexer.errors import CompareAuthorities
from indexer.types import Answer, Document, Filters

if TYPE_CHECKING:
    from indexer.library import Library

COMPARE_LEAST, COMPARE_MOST = 2, 4


@dataclass(frozen=True)
class Column:
    """One authority's answer to the compared question, or its own decline."""

    authority: str
    answer: Answer


@dataclass(frozen=True)
class Entry:
    """One document on an authority's timeline; ``answer`` when a question was asked."""

    document: Document
    answer: Answer | None = None


def admitted(library: Library, filters: Filters) -> list[Document]:
    keep = library.searcher.admitted_documents(filters)
    return [d for d, ok in zip(library.index.documents, keep) if ok]


def by_date(doc: Document) -> tuple[int, str]:
    """Oldest first; a document with only a year sorts at that year's start, undated last."""
    if doc.date:
        return (0, doc.date)
    if doc.year is not None:
        return (0, f"{doc.year:04d}")
    return (1, doc.title)


def reports_with_judgements(library: Library, filters: Filters) -> list[Document]:
    docs = [d for d in admitted(library, filters) if d.judgements]
    return sorted(docs, key=lambda d: (d.authority or "\uffff", by_date(d)))


def compare(
    library: Library, question: str, authorities: Sequence[str], filters: Filters
) -> tuple[Column, ...]:
    """Ask ``question`` once per authority, under the same year, type and grade filters.

    Authorities named in the question are taken out of the query (each column searches its own
    authority's documents for the topic); with no ``authorities`` given, they are the columns."""
    query, applied, missing = library.resolve(question, replace(filters, authorities=()))
    names = list(dict.fromkeys(authorities)) or list(dict.fromkeys([*applied.authorities, *missing]))
    if not COMPARE_LEAST <= len(names) <= COMPARE_MOST:
        raise CompareAuthorities(names, COMPARE_LEAST, COMPARE_MOST)
    sources = {k: v for k, v in applied.sources.items() if not k.startswith("authority")}
    columns = []
    for name in names:
        column_filters = replace(applied, authorities=(name,), sources={**sources, "authority": "flag"})
        answer = library.ask(query, column_filters, read=frozenset())
        columns.append(Column(name, replace(answer, question=question)))
    return tuple(columns)


def timeline(library: Library, authority: str, question: str, filters: Filters) -> tuple[Entry, ...]:
    """The authority's documents in date order; with a question, the best cited answer that each
    document alone gives (or its decline), so that findings can be followed from one to the next."""
    scoped = replace(filters, authorities=(authority,))
    query = ""
    if question.strip():
        query, scoped, _ = library.resolve(question, scoped)  # a year said in the question applies
    docs = sorted(admitted(library, scoped), key=by_date)
    if not query:
        return tuple(Entry(d) for d in docs)
    vector = library.embedder.embed([query])[0]
    entries = []
    for doc in docs:
        # Filters cannot name a file; authority, year and type narrow the search to this
        # document and the few that share all three, whose passages are then set aside.
        own = Filters(
            authorities=(authority,), year_from=doc.year, year_to=doc.year, doc_types=(doc.doc_type,),
            sources={"authority": "flag"},
        )
        hits = [
            h for h in library.searcher.search(query, own, library.settings.k, query_vector=vector)
            if h.document.path == doc.path
        ]
        if hits:
            answer = compose(
                question, hits, own, library.embedder, library.settings.min_answer_score, vector, query
            )
        else:
            answer = decline(question, [], own, "Nothing in this document matches the question.")
        entries.append(Entry(doc, answer))
    return tuple(entries)
