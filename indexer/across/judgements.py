"""The judgements of every inspection report under the filters, one row a report."""

from __future__ import annotations

from indexer.across.source import Source, admitted, by_date
from indexer.types import Document, Filters


def reports_with_judgements(library: Source, filters: Filters) -> list[Document]:
    docs = [d for d in admitted(library, filters) if d.judgements]
    return sorted(docs, key=lambda d: (d.authority or "\uffff", by_date(d)))
