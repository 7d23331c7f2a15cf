"""Writing a generation: a new folder, then the manifest swapped with one atomic rename, so a
killed build leaves the last good index in place."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import time
import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import faiss
import numpy as np

from indexer.store.acronyms import find_acronyms
from indexer.store.index import (
    ACRONYMS,
    FORMAT_VERSION,
    HNSW_EF_CONSTRUCTION,
    HNSW_M,
    MANIFEST,
    SCHEMA,
    SENTENCE_ROWS,
    SENTENCES,
    read_manifest,
)
from indexer.store.lexical import Lexical
from indexer.types import Document, Passage


def publish(
    folder: Path,
    model: str,
    documents: Sequence[Document],
    passages: Sequence[Sequence[Passage]],
    embed_hashes: Sequence[Sequence[str]],
    vectors: np.ndarray,
    ann_threshold: int = 300_000,
    sentences: tuple[np.ndarray, np.ndarray] | None = None,
) -> Path:
    """Write a new generation and point the manifest at it; returns the generation folder.

    From ``ann_threshold`` passages on, the vectors are stored in an HNSW graph (approximate
    search in a millisecond or two) instead of a flat index (exact, linear in the size).
    ``sentences`` are each passage's sentence vectors: offsets (one more than passages), matrix."""
    folder.mkdir(parents=True, exist_ok=True)
    name = f"gen-{time.strftime('%Y%m%d-%H%M%S')}-{uuid.uuid4().hex[:6]}"
    gen = folder / name
    gen.mkdir()
    db = sqlite3.connect(gen / "index.sqlite")
    db.executescript(SCHEMA)
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
        db.execute("INSERT INTO passages_fts(passages_fts) VALUES ('rebuild')")
    db.close()
    (gen / ACRONYMS).write_text(json.dumps(find_acronyms(t for t in texts if "(" in t)), encoding="utf-8")
    np.save(gen / "row_doc.npy", row_doc)
    if sentences is not None:
        np.save(gen / SENTENCE_ROWS, sentences[0].astype(np.int64))
        np.save(gen / SENTENCES, sentences[1].astype(np.float16))
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
