"""The index on disk, published atomically.

An index folder holds ``manifest.json`` and one or two generation folders. A build writes a whole
new generation (``index.sqlite`` for documents and passages, ``vectors.faiss``, ``bm25/``), then
replaces the manifest that points at it with one atomic rename. A crash or kill before that rename
leaves the manifest pointing at the last good generation; readers never see a half-written one.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import sqlite3
import time
import uuid
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

_SCHEMA = """
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
"""


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
    def acronyms(self) -> dict[str, str]:
        """The abbreviations the library spells out (acronyms.py), read from its passages once."""
        return find_acronyms(r[0] for r in self._db.execute("SELECT text FROM passages WHERE text LIKE '%(%'"))

    def uses(self, phrase: str) -> int:
        """How often the passages say ``phrase`` (any case); read from the database, about 12 ms
        over 17,000 passages, with no copy of the library's text held in memory. LIKE only narrows
        the passages (a "%" or "_" in the phrase widens it); REPLACE counts the phrase as written."""
        low = phrase.lower()
        found = self._db.execute(
            "SELECT SUM((LENGTH(text) - LENGTH(REPLACE(LOWER(text), ?, ''))) / LENGTH(?)) FROM passages WHERE text LIKE ?",
            (low, low, f"%{low}%"),
        ).fetchone()[0]
        return int(found or 0)

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


def publish(
    folder: Path,
    model: str,
    documents: Sequence[Document],
    passages: Sequence[Sequence[Passage]],
    embed_hashes: Sequence[Sequence[str]],
    vectors: np.ndarray,
    ann_threshold: int = 300_000,
) -> Path:
    """Write a new generation and point the manifest at it; returns the generation folder.

    From ``ann_threshold`` passages on, the vectors are stored in an HNSW graph (approximate
    search in a millisecond or two) instead of a flat index (exact, linear in the size)."""
    folder.mkdir(parents=True, exist_ok=True)
    name = f"gen-{time.strftime('%Y%m%d-%H%M%S')}-{uuid.uuid4().hex[:6]}"
    gen = folder / name
    gen.mkdir()
    db = sqlite3.connect(gen / "index.sqlite")
    db.executescript(_SCHEMA)
    row = 0
    row_doc = np.zeros(vectors.shape[0], dtype=np.int32)
    texts: list[str] = []
    with db:
        for i, (doc, doc_passages, hashes) in enumerate(zip(documents, passages, embed_hashes)):
            db.execute(
                "INSERT INTO documents VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (i, doc.path, doc.sha, doc.title, doc.authority, json.dumps(list(doc.authorities_mentioned)),
                 doc.date, doc.year, doc.doc_type, json.dumps(doc.judgements), doc.inspection_dates,
                 doc.url, doc.comments_start, doc.text),
            )
            db.executemany(
                "INSERT INTO passages VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                [(row + j, p.id, i, p.text, p.start, p.end, p.paragraph, p.page, p.section, p.label, h)
                 for j, (p, h) in enumerate(zip(doc_passages, hashes))],
            )
            row_doc[row : row + len(doc_passages)] = i
            texts.extend(p.text for p in doc_passages)
            row += len(doc_passages)
    db.close()
    np.save(gen / "row_doc.npy", row_doc)
    index: Any
    if len(vectors) >= ann_threshold:
        index = faiss.IndexHNSWFlat(vectors.shape[1], HNSW_M, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = HNSW_EF_CONSTRUCTION
    else:
        index = faiss.IndexFlatIP(vectors.shape[1])
    if len(vectors):
        index.add(vectors)
    faiss.write_index(index, str(gen / "vectors.faiss"))
    (gen / "bm25").mkdir()
    Lexical.build(texts).save(gen / "bm25")
    _fsync_tree(gen)
    manifest = {
        "format_version": FORMAT_VERSION,
        "model": model,
        "dimension": int(vectors.shape[1]),
        "vector_index": "hnsw" if len(vectors) >= ann_threshold else "flat",
        "generation": name,
        "documents": len(documents),
        "passages": row,
        "built_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }
    tmp = folder / f".{MANIFEST}.{uuid.uuid4().hex[:6]}"
    tmp.write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    with tmp.open("rb") as handle:
        os.fsync(handle.fileno())
    previous = read_manifest(folder)
    os.replace(tmp, folder / MANIFEST)
    _fsync_dir(folder)
    keep = {name, str(previous["generation"])} if previous else {name}
    _remove_stale(folder, keep)
    return gen


def _remove_stale(folder: Path, keep: set[str]) -> None:
    """Drop generations that no manifest points at (older builds, killed builds).

    The previous generation is kept so that a reader that opened it just before the switch
    can finish its query."""
    for child in folder.iterdir():
        if child.is_dir() and child.name.startswith("gen-") and child.name not in keep:
            shutil.rmtree(child, ignore_errors=True)
        elif child.name.startswith(f".{MANIFEST}."):
            child.unlink(missing_ok=True)


def _fsync_tree(path: Path) -> None:
    for child in path.rglob("*"):
        if child.is_file():
            with child.open("rb") as handle:
                os.fsync(handle.fileno())
    _fsync_dir(path)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
