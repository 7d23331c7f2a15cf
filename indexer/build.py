"""The indexing pipeline: read, clean, describe, chunk, embed, store. Re-embeds only what changed."""

from __future__ import annotations

import hashlib
import json
import logging
import multiprocessing as mp
import os
import sys
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from indexer.config import Settings
from indexer.describe.authorities import gazetteer
from indexer.describe.metadata import SIDECAR, apply_overrides, describe, read_sidecar
from indexer.errors import ExtractionError, IndexCorrupt, IndexerError
from indexer.ingest.chunking import chunk
from indexer.ingest.cleaning import clean
from indexer.ingest.readers import read
from indexer.store.embedding import Embedder
from indexer.store.index import Index, check_model, open_index, read_manifest
from indexer.store.publish import publish
from indexer.types import Cleaned, Document, Extracted, Passage
from indexer.vectors import passage_vectors, sentence_vectors

log = logging.getLogger(__name__)

# Bump when reading, cleaning, describing or chunking changes, so unchanged files are redone.
PIPELINE_VERSION = "6"


@dataclass(frozen=True)
class BuildReport:
    documents: int
    passages: int
    embedded: int
    reused: int
    skipped: tuple[tuple[str, str], ...]
    seconds: float
    tokens: int = 0
    timings: dict[str, float] = field(default_factory=dict)
    pages: int = 0  # pages of the files read this time

    def as_dict(self) -> dict[str, object]:
        return {
            "documents": self.documents,
            "passages": self.passages,
            "embedded": self.embedded,
            "reused": self.reused,
            "skipped": [{"path": p, "reason": r} for p, r in self.skipped],
            "seconds": round(self.seconds, 3),
        }

    def summary(self) -> str:
        rate = self.passages / self.seconds if self.seconds else 0.0
        tok = self.tokens / self.seconds if self.seconds else 0.0
        return (
            f"Indexed {self.documents} documents, {self.passages} passages "
            f"({self.embedded} embedded, {self.reused} reused, {len(self.skipped)} files skipped) "
            f"in {self.seconds:.1f} s: {rate:.0f} passages/s, {tok:.0f} tokens/s"
            + (f"; read {self.pages} pages in {self.timings.get('read', 0):.1f} s" if self.pages else "")
        )


def embed_input(passage: Passage) -> str:
    """What the model reads for a passage: its section heading, then its text."""
    if passage.section and passage.section != passage.text:
        return f"{passage.section}\n{passage.text}"
    return passage.text


def corpus_files(corpus: Path) -> list[Path]:
    if not corpus.is_dir():
        raise IndexerError(f"The corpus folder {corpus} does not exist.")
    return sorted(
        p for p in corpus.rglob("*")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(corpus).parts)
    )


def build(corpus: Path, settings: Settings, embedder: Embedder, progress: bool | None = None) -> BuildReport:
    started = time.perf_counter()
    timings: dict[str, float] = {}
    check_model(settings.index_dir, settings.model)
    old = _previous(settings.index_dir)
    old_docs = {d.path: i for i, d in enumerate(old.documents)} if old else {}
    sidecar = read_sidecar(corpus)
    documents: list[Document] = []
    passages: list[list[Passage]] = []
    skipped: list[tuple[str, str]] = []
    show = sys.stderr.isatty() if progress is None else progress
    t0 = time.perf_counter()
    plan: list[tuple[Path, str, str, dict[str, str]]] = []
    for path in corpus_files(corpus):
        rel = path.relative_to(corpus).as_posix()
        if rel == SIDECAR:
            skipped.append((rel, "metadata sidecar: applied to the files it names"))
            continue
        overrides = sidecar.get(rel, {})
        try:
            plan.append((path, rel, _sha(path, overrides), overrides))
        except OSError as exc:
            skipped.append((rel, f"cannot be read: {exc.strerror or exc}"))
    fresh = [p for p, rel, sha, _ in plan if not (old is not None and rel in old_docs and old.documents[old_docs[rel]].sha == sha)]
    read_out = dict(zip(fresh, _read_all(fresh, show)))
    timings["read"] = time.perf_counter() - t0
    for path, rel, sha, overrides in plan:
        try:
            if path not in read_out:
                doc = old.documents[old_docs[rel]]  # type: ignore[union-attr]
                doc_passages = old.passages_of(old_docs[rel])  # type: ignore[union-attr]
            else:
                doc, doc_passages = _describe(read_out[path], rel, sha, overrides, embedder, settings)
        except IndexerError as exc:  # ExtractionError included
            skipped.append((rel, str(exc)))
            continue
        except Exception as exc:  # a bad file must never stop the build
            log.exception("failed on %s", rel)
            skipped.append((rel, f"could not be processed ({type(exc).__name__}: {exc})"))
            continue
        if not doc_passages:
            skipped.append((rel, "no text found"))
            continue
        documents.append(doc)
        passages.append(doc_passages)
    timings["process"] = time.perf_counter() - t0
    skipped.sort()

    flat = [p for group in passages for p in group]
    inputs = [embed_input(p) for p in flat]
    hashes = [hashlib.sha256(f"{settings.model}\x00{t}".encode()).hexdigest()[:24] for t in inputs]
    t0 = time.perf_counter()
    known = old.embed_hashes() if old is not None else {}  # the old rows, by embed hash
    vectors, todo = passage_vectors(inputs, hashes, old, known, embedder, settings, show)
    sentences = sentence_vectors(flat, hashes, old, known, embedder, settings, show)
    # tokens counted when chunking (the section heading in front is not counted)
    tokens = sum(flat[i].tokens for i in todo)
    embedded, reused = len(todo), len(flat) - len(todo)
    timings["embed"] = time.perf_counter() - t0
    if old is not None:
        old.close()
    per_doc: list[list[str]] = []
    at = 0
    for group in passages:
        per_doc.append(hashes[at : at + len(group)])
        at += len(group)
    t0 = time.perf_counter()
    publish(settings.index_dir, settings.model, documents, passages, per_doc, vectors, settings.ann_threshold,
            sentences)
    timings["store"] = time.perf_counter() - t0
    pages = sum(len(r[0].pages) for r in read_out.values() if not isinstance(r, ExtractionError))
    report = BuildReport(
        documents=len(documents), passages=len(flat), embedded=embedded, reused=reused,
        skipped=tuple(skipped), seconds=time.perf_counter() - started, tokens=tokens, timings=timings,
        pages=pages,
    )
    log.info("%s", report.summary())
    return report


def _previous(folder: Path) -> Index | None:
    """The last good index, to reuse its vectors; None if there is none or it cannot be read."""
    if read_manifest(folder) is None:
        return None
    try:
        return open_index(folder)
    except IndexCorrupt as exc:
        log.warning("%s Building from scratch.", exc)
        return None


def _sha(path: Path, overrides: dict[str, str]) -> str:
    digest = hashlib.sha256(path.read_bytes())
    digest.update(json.dumps(overrides, sort_keys=True).encode())
    digest.update(PIPELINE_VERSION.encode())
    return digest.hexdigest()[:32]


Read = tuple[Extracted, Cleaned] | ExtractionError


def read_and_clean(path: Path) -> Read:
    """Read and clean one file; runs in a worker process, so errors come back as values."""
    try:
        extracted = read(path)
        cleaned = clean(extracted)
    except ExtractionError as exc:
        return exc
    except Exception as exc:  # a damaged file must not take the pool down
        return ExtractionError(f"could not be read ({type(exc).__name__}: {exc})")
    if not cleaned.text.strip():
        return ExtractionError("no text left after removing page furniture")
    return extracted, cleaned


def _read_all(paths: Sequence[Path], show: bool) -> list[Read]:
    """Read files on every core (PDF layout is CPU work), in order, with a progress bar."""
    bar = None
    if show and paths:
        from tqdm import tqdm

        bar = tqdm(total=len(paths), unit="file", desc="Reading", file=sys.stderr)
    out: list[Read] = []
    workers = min(os.cpu_count() or 1, len(paths))
    if workers < 2 or sum(p.stat().st_size for p in paths) < 2_000_000:
        results: Iterator[Read] = map(read_and_clean, paths)
        pool = None
    else:
        # fork: the workers need none of the parent's model, and start in milliseconds
        context = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else None
        pool = ProcessPoolExecutor(workers, mp_context=context)
        results = pool.map(read_and_clean, paths, chunksize=1)
    try:
        for result in results:
            out.append(result)
            if bar is not None:
                bar.update(1)
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
        if bar is not None:
            bar.close()
    return out


def _describe(
    read_result: Read, rel: str, sha: str, overrides: dict[str, str], embedder: Embedder, settings: Settings
) -> tuple[Document, list[Passage]]:
    if isinstance(read_result, ExtractionError):
        raise read_result
    extracted, cleaned = read_result
    doc = describe(rel, sha, extracted, cleaned, gazetteer())
    if overrides:
        doc = apply_overrides(doc, overrides, gazetteer())
    return doc, chunk(doc, cleaned.blocks, embedder.count_tokens, settings.max_tokens)
