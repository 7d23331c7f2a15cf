"""The index folder: documents and passages in SQLite, vectors in faiss, BM25 on disk, the
embedding model, and the abbreviations the library spells out. Published atomically; refuses an
index built by another model. Imports nothing of ``ingest``, ``describe``, ``ask`` or ``across``."""

from indexer.store.embedding import Embedder, SentenceTransformerEmbedder, on_model_thread
from indexer.store.index import Index, check_model, open_index, read_manifest
from indexer.store.lexical import Lexical
from indexer.store.publish import publish

__all__ = [
    "Embedder", "Index", "Lexical", "SentenceTransformerEmbedder", "check_model", "on_model_thread",
    "open_index", "publish", "read_manifest",
]
