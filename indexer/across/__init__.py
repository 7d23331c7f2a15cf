"""Across reports and authorities: the judgements table, one question compared across
authorities, and one authority's timeline. Built on ``ask``; never imports the library."""

from indexer.across.compare import COMPARE_LEAST, COMPARE_MOST, Column, compare
from indexer.across.judgements import reports_with_judgements
from indexer.across.source import Source, admitted, by_date
from indexer.across.timeline import Entry, timeline

__all__ = [
    "COMPARE_LEAST", "COMPARE_MOST", "Column", "Entry", "Source", "admitted", "by_date", "compare",
    "reports_with_judgements", "timeline",
]
