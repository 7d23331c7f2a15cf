"""One question asked of several authorities side by side."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from indexer.across.source import Source
from indexer.errors import CompareAuthorities
from indexer.types import Answer, Filters

COMPARE_LEAST, COMPARE_MOST = 2, 4


@dataclass(frozen=True)
class Column:
    """One authority's answer to the compared question, or its own decline."""

    authority: str
    answer: Answer


def compare(
    library: Source, question: str, authorities: Sequence[str], filters: Filters
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
