"""Describing a document: its authority (from the gazetteer), type, date, year, judgements and
the grade vocabulary that filters and tables share. Imports nothing of ``store``, ``ask`` or
``across``."""

from indexer.describe.authorities import Gazetteer, Mention, gazetteer, is_place
from indexer.describe.dates import find_dates, find_month_years, parse_date
from indexer.describe.metadata import SIDECAR, apply_overrides, describe, read_sidecar

__all__ = [
    "SIDECAR", "Gazetteer", "Mention", "apply_overrides", "describe", "find_dates", "find_month_years",
    "gazetteer", "is_place", "parse_date", "read_sidecar",
]
