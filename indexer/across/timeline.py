"""One authority's documents in date order, each with its own answer to a question."""

from __future__ import annotations

from dataclasses import dataclass, replace

from indexer.across.source import Source, admitted, by_date
from indexer.ask.answer import compose, decline
from indexer.types import Answer, Document, Filters


@dataclass(frozen=True)
class Entry:
    """One document on an authority's timeline; ``answer`` when a question was asked."""

    document: Document
    answer: Answer | None = None


def timeline(library: Source, authority: str, question: str, filters: Filters) -> tuple[Entry, ...]:
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
                question, hits, own, library.embedder, library.min_score, vector, query, judge=library.judge
            )
        else:
            answer = decline(question, [], own, "Nothing in this document matches the question.")
        entries.append(Entry(doc, answer))
    return tuple(entries)
