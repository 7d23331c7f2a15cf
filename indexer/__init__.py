"""Search and cited answers over evidence about English children's services."""

from indexer.config import Settings, load_settings
from indexer.errors import IndexerError
from indexer.library import Library, make_filters
from indexer.types import Answer, Document, Filters, Hit, Passage

__all__ = [
    "Answer", "Document", "Filters", "Hit", "IndexerError", "Library", "Passage", "Settings",
    "load_settings", "make_filters",
]
