"""The index on disk, published atomically.

An index folder holds ``manifest.json`` and one or two generation folders. A build writes a whole
new generation (``index.sqlite`` for documents and passages, ``vectors.faiss``, ``bm25/``), then
replaces the manifest that points at it with one atomic rename. A crash or kill before that rename
leaves the manifest pointing at the last good generation; readers never see a half-written one.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import faiss
import numpy as np

from indexer.errors import IndexCorrupt, IndexMissing, ModelMismatch
from indexer.store.acronyms import find_acronyms
from indexer.store.lexical import Lexical
from indexer.types import Document, Passage

log = logging.getLogger(__name__)

FORMAT_VERSION = 2
MANIFEST = "manifest.json"
HNSW_M = 32
HNSW_EF_CONSTRUCTION = 64

SCHEMA = """
CREATE TABLE documents (
    id INTEGER PRIMARY KEY, path TEXT UNIQUE NOT NULL, sha TEXT NOT NULL, title TEXT,
    authority TEXT, authorities_mentioned TEXT, date TEXT, year INTEGER, doc_type TEXT,
    judgements TEXT, inspection_dates TEXT, url TEXT, comments_start INTEGER, text TEXT
);
CREATE TABLE passages (
    row INTEGER PRIMARY KEY, id TEXT UNIQUE NOT NULL, doc INTEGER NOT NULL REFERENCES documents(id),
    text TEXT NOT NULL, start INTEGER, end INTEGER, paragraph INTEGER, page INTEGER, section TEXT,
    label TEXT, embed_hash TEXT NOT NULL
);
CREATE INDEX passages_doc ON passages(doc);
CREATE INDEX passages_hash ON passages(embed_hash);
CREATE VIRTUAL TABLE passages_fts USING fts5(text, content='passages', content_rowid='row');
"""
# Passages read to count a phrase's uses: enough to tell a term from a chance pairing, and a
# bound on the cost of a question whatever the size of the library.
USES_READ = 8
ACRONYMS = "acronyms.json"
# Each passage's sentence vectors (fp16, read memory-mapped) and where each passage's start.
SENTENCES, SENTENCE_ROWS = "sentences.npy", "sentence_rows.npy"


def read_manifest(folder: Path) -> dict[str, object] | None:
    try:
        return json.loads((folder / MANIFEST).read_text(encoding="utf-8"))  # type: ignore[no-any-return]
    except FileNotFoundError:
        return None
    except (OSError, json.JSONDecodeError) as exc:
        raise IndexCorrupt(str(folder), f"manifest unreadable: {exc}") from exc


def check_model(folder: Path, model: str) -> None:
    manifest = read_manifest(folder)
    if manifest is not None and manifest.get("model") != model:
        raise ModelMismatch(str(folder), str(manifest.get("model")), model)


@dataclass
class Index:
    """An opened generation: documents in memory, passage rows on demand, vectors, BM25."""

    folder: Path
    manifest: dict[str, object]
    documents: list[Document]  # by document row id
    row_doc: np.ndarray  # passage row -> index into documents
    vectors: Any  # faiss.IndexFlatIP, or faiss.IndexHNSWFlat for large indexes (stubs lack both)
    lexical: Lexical
    _db: sqlite3.Connection

    @property
    def model(self) -> str:
        return str(self.manifest["model"])

    @property
    def size(self) -> int:
        return int(self.row_doc.shape[0])

    @property
    def generation(self) -> str:
        return str(self.manifest["generation"])

    def vector_matrix(self) -> np.ndarray:
        n, d = self.vectors.ntotal, self.vectors.d
        if n == 0:
            return np.zeros((0, d), dtype=np.float32)
        flat: Any = faiss.downcast_index(self.vectors.storage) if self.approximate else self.vectors
        return faiss.rev_swig_ptr(flat.get_xb(), n * d).reshape(n, d)

    @property
    def approximate(self) -> bool:
        """True when the vectors carry an HNSW graph (chosen by size when the index was built)."""
        return isinstance(self.vectors, faiss.IndexHNSW)

    def passages(self, rows: Sequence[int]) -> list[Passage]:
        if not len(rows):
            return []
        wanted = [int(r) for r in rows]
        marks = ",".join("?" * len(wanted))
        found = {
            r[0]: r
            for r in self._db.execute(
                f"SELECT row, id, doc, text, start, end, paragraph, page, section, label FROM passages WHERE row IN ({marks})",
                wanted,
            )
        }
        return [_passage(found[r], self.documents[found[r][2]].path) for r in wanted]

    def passages_of(self, doc_index: int) -> list[Passage]:
        path = self.documents[doc_index].path
        return [
            _passage(r, path)
            for r in self._db.execute(
                "SELECT row, id, doc, text, start, end, paragraph, page, section, label FROM passages WHERE doc=? ORDER BY row",
                (doc_index,),
            )
        ]

    @cached_property
    def _sentences(self) -> tuple[np.ndarray, np.ndarray] | None:
        gen = self.folder / self.generation
        try:
            return np.load(gen / SENTENCE_ROWS), np.load(gen / SENTENCES, mmap_mode="r")
        except (OSError, ValueError):  # an index built before sentence vectors
            return None

    def sentence_vectors(self, row: int) -> np.ndarray | None:
        """The vectors of passage ``row``'s sentences, in the order of ingest.sentences'
        sentence_spans, embedded when the index was built; None when it holds none."""
        stored = self._sentences
        if stored is None or not 0 <= row < len(stored[0]) - 1:
            return None
        offsets, matrix = stored
        return np.asarray(matrix[int(offsets[row]) : int(offsets[row + 1])], dtype=np.float32)

    @cached_property
    def acronyms(self) -> dict[str, str]:
        """The abbreviations the library spells out (acronyms.py), found when it was built."""
        saved = self.folder / self.generation / ACRONYMS
        if saved.exists():
            return dict(json.loads(saved.read_text(encoding="utf-8")))
        return find_acronyms(r[0] for r in self._db.execute("SELECT text FROM passages WHERE text LIKE '%(%'"))

    @cached_property
    def _has_fts(self) -> bool:
        return self._db.execute("SELECT 1 FROM sqlite_master WHERE name = 'passages_fts'").fetchone() is not None

    def uses(self, phrase: str) -> int:
        """How often the passages say ``phrase`` (any case), counted in the first ``USES_READ``
        passages that say it: the full-text index finds them without reading the others, so a
        question costs the same in a library of a million passages as in one of a thousand."""
        low = phrase.lower()
        if self._has_fts:
            quoted = '"' + low.replace('"', '""') + '"'
            texts = [r[0] for r in self._db.execute(
                "SELECT p.text FROM passages_fts JOIN passages p ON p.row = passages_fts.rowid "
                "WHERE passages_fts MATCH ? LIMIT ?", (quoted, USES_READ))]
        else:  # an index built before the full-text table: read every passage
            texts = [r[0] for r in self._db.execute("SELECT text FROM passages WHERE text LIKE ?", (f"%{low}%",))]
        return sum(text.lower().count(low) for text in texts)

    def embed_hashes(self) -> dict[str, int]:
        return {h: r for h, r in self._db.execute("SELECT embed_hash, row FROM passages")}

    def close(self) -> None:
        self._db.close()


def _passage(r: tuple, path: str) -> Passage:  # type: ignore[type-arg]
    return Passage(
        id=r[1], path=path, text=r[3], start=r[4], end=r[5], paragraph=r[6], page=r[7], section=r[8], label=r[9]
    )


def open_index(folder: Path, model: str | None = None) -> Index:
    manifest = read_manifest(folder)
    if manifest is None:
        raise IndexMissing(str(folder))
    if manifest.get("format_version") != FORMAT_VERSION:
        raise IndexCorrupt(str(folder), f"format {manifest.get('format_version')}, expected {FORMAT_VERSION}")
    if model is not None and manifest.get("model") != model:
        raise ModelMismatch(str(folder), str(manifest.get("model")), model)
    gen = folder / str(manifest["generation"])
    try:
        db = sqlite3.connect(f"file:{gen / 'index.sqlite'}?mode=ro", uri=True, check_same_thread=False)
        documents = [_document(r) for r in db.execute("SELECT * FROM documents ORDER BY id")]
        n = int(manifest["passages"])  # type: ignore[call-overload]
        row_doc = np.load(gen / "row_doc.npy") if n else np.zeros(0, dtype=np.int32)
        vectors = faiss.read_index(str(gen / "vectors.faiss"))
        lexical = Lexical.load(gen / "bm25", n)
    except (sqlite3.Error, OSError, RuntimeError, ValueError) as exc:
        raise IndexCorrupt(str(folder), str(exc)) from exc
    if vectors.ntotal != n or row_doc.shape[0] != n:
        raise IndexCorrupt(str(folder), "vector count does not match passage count")
    return Index(folder, manifest, documents, row_doc, vectors, lexical, db)


def _document(r: tuple) -> Document:  # type: ignore[type-arg]
    return Document(
        path=r[1], sha=r[2], title=r[3], authority=r[4],
        authorities_mentioned=tuple(json.loads(r[5] or "[]")), date=r[6], year=r[7],
        doc_type=r[8], judgements=json.loads(r[9] or "{}"), inspection_dates=r[10], url=r[11],
        comments_start=r[12], text=r[13],
    )
