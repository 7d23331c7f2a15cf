"""Benchmarks: build throughput against the raw encoder, query latency from 1k to 1M passages,
memory, disk, and the app's cold start. Figures, not pass/fail: medians and p95 from one run.

    python bench/run.py --quick          # up to 100k passages, a few minutes
    python bench/run.py --json           # full run, up to 1M passages (up to an hour)

Above the size of the seed corpus, passages are synthesised from the corpus's sentences with
random authorities, years and types, and their vectors are real sentence vectors averaged and
perturbed; the output says so.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

from indexer.build import build, embed_input  # noqa: E402
from indexer.config import load_settings  # noqa: E402
from indexer.describe.authorities import gazetteer  # noqa: E402
from indexer.ingest.sentences import sentence_spans  # noqa: E402
from indexer.library import Library  # noqa: E402
from indexer.store.embedding import SentenceTransformerEmbedder  # noqa: E402
from indexer.store.index import open_index  # noqa: E402
from indexer.store.publish import publish  # noqa: E402
from indexer.types import DOC_TYPES, Document, Filters, Passage  # noqa: E402

OUT = ROOT / "bench" / "out"
QUESTION_FILES = [ROOT / "eval" / "questions.jsonl", ROOT.parent / "shared" / "eval" / "dev.jsonl"]


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def percentiles(values: list[float]) -> dict[str, float]:
    ms = np.array(values) * 1000
    return {
        "p50": round(float(np.percentile(ms, 50)), 2),
        "p95": round(float(np.percentile(ms, 95)), 2),
        "min": round(float(ms.min()), 2),
        "max": round(float(ms.max()), 2),
        "n": len(values),
    }


# ---------------------------------------------------------------- build


def embedded_texts(index: Any) -> list[str]:
    """What a build embeds: each passage as the index embeds it, and each of its sentences."""
    passages = [p for i in range(len(index.documents)) for p in index.passages_of(i)]
    return [embed_input(p) for p in passages] + [p.text[s:e] for p in passages for s, e in sentence_spans(p.text)]


def bench_build(copies: int, batch_sizes: list[int], rounds: int) -> dict[str, Any]:
    """The whole pipeline against sentence-transformers' encode alone, on the same texts (the
    passages and their sentences)."""
    work = OUT / "build"
    shutil.rmtree(work, ignore_errors=True)
    corpus = work / "corpus"
    corpus.mkdir(parents=True)
    for i in range(copies):
        for path in (ROOT / "corpus").iterdir():
            target = corpus / f"copy{i}" / path.name
            target.parent.mkdir(exist_ok=True)
            # each copy differs in one line, so that nothing is reused between copies' files
            target.write_text(path.read_text(encoding="utf-8") + f"\n\nCopy {i}.\n", encoding="utf-8")
    embedder = SentenceTransformerEmbedder()
    embedder.embed(["warm up the model"])
    settings = load_settings(index_dir=work / "probe")
    probe = build(corpus, settings, embedder, progress=False)
    index = open_index(settings.index_dir)
    inputs = embedded_texts(index)
    index.close()
    tokens = sum(embedder.count_tokens(inputs))
    raw: dict[int, float] = {}
    for batch in batch_sizes:
        started = time.perf_counter()
        embedder.embed(inputs, batch_size=batch)
        raw[batch] = tokens / (time.perf_counter() - started)
        log(f"raw encode, batch {batch}: {raw[batch]:.0f} tokens/s")
    best = max(raw, key=lambda b: raw[b])
    shutil.rmtree(settings.index_dir)
    # The machine is noisy: alternate whole builds with bare encoding and compare medians.
    raw_runs: list[float] = []
    pipeline_runs: list[float] = []
    for round_ in range(rounds):
        started = time.perf_counter()
        embedder.embed(inputs, batch_size=best)
        raw_runs.append(tokens / (time.perf_counter() - started))
        settings = load_settings(index_dir=work / f"index-{round_}", batch_size=best)
        report = build(corpus, settings, embedder, progress=False)
        pipeline_runs.append(tokens / report.seconds)
        log(f"round {round_}: raw {raw_runs[-1]:.0f}, pipeline {pipeline_runs[-1]:.0f} tokens/s {report.timings}")
    raw_median = statistics.median(raw_runs)
    pipeline = statistics.median(pipeline_runs)
    target = next(p for p in corpus.rglob("*.txt"))
    target.write_text(target.read_text(encoding="utf-8") + "\n\nAn edited closing line.\n", encoding="utf-8")
    incremental = build(corpus, settings, embedder, progress=False)
    return {
        "build_passages": probe.passages,
        "build_documents": probe.documents,
        "build_tokens": tokens,
        "raw_tokens_s": round(raw_median, 1),
        "raw_tokens_s_runs": [round(v, 1) for v in raw_runs],
        "pipeline_tokens_s_runs": [round(v, 1) for v in pipeline_runs],
        "raw_tokens_s_by_batch": {str(b): round(v, 1) for b, v in raw.items()},
        "best_batch_size": best,
        "pipeline_tokens_s": round(pipeline, 1),
        "build_ratio": round(pipeline / raw_median, 3),
        "pipeline_stage_seconds": {k: round(v, 2) for k, v in report.timings.items()},
        "incremental_s": round(incremental.seconds, 3),
        "incremental_embedded": incremental.embedded,
    }


def bench_real_build(pdfs: Path) -> dict[str, Any]:
    """One build of real PDFs with the real model, then the raw encoder on the same passages:
    reading's share of the wall time, pages/s read, passages/s, tokens/s and build_ratio."""
    embedder = SentenceTransformerEmbedder()
    embedder.embed(["warm up the model"])
    settings = load_settings(index_dir=OUT / "real-index")
    shutil.rmtree(settings.index_dir, ignore_errors=True)
    report = build(pdfs, settings, embedder, progress=False)
    index = open_index(settings.index_dir)
    inputs = embedded_texts(index)
    index.close()
    tokens = sum(embedder.count_tokens(inputs))
    started = time.perf_counter()
    embedder.embed(inputs, batch_size=settings.batch_size)
    raw = time.perf_counter() - started
    read = report.timings.get("read", 0.0)
    log(f"real build: {report.summary()}; raw encoder {raw:.1f} s")
    return {
        "real_documents": report.documents,
        "real_pages": report.pages,
        "real_passages": report.passages,
        "real_tokens": tokens,
        "real_wall_s": round(report.seconds, 1),
        "real_read_s": round(read, 1),
        "real_read_share": round(read / report.seconds, 3),
        "real_pages_per_s": round(report.pages / read, 1) if read else None,
        "real_passages_per_s": round(report.passages / report.seconds, 1),
        "real_tokens_per_s": round(tokens / report.seconds, 1),
        "real_raw_encoder_s": round(raw, 1),
        "real_build_ratio": round(raw / report.seconds, 3),
        "real_stage_seconds": {k: round(v, 2) for k, v in report.timings.items()},
    }


# ---------------------------------------------------------------- synthetic corpora


def synthesise(size: int, folder: Path, embedder: SentenceTransformerEmbedder, seed: int = 7) -> None:
    """``size`` passages from the seed corpus's sentences, 40 to a document, random metadata."""
    if (folder / "manifest.json").exists():
        return
    rng = random.Random(seed)
    nrng = np.random.default_rng(seed)
    index = open_index(_seed_index(embedder))
    sentences = []
    for i in range(len(index.documents)):
        for p in index.passages_of(i):
            sentences += [p.text[s:e] for s, e in sentence_spans(p.text) if len(p.text[s:e].split()) >= 5]
    index.close()
    vectors = embedder.embed(sentences, batch_size=64)
    names = list(gazetteer().names)
    documents: list[Document] = []
    passages: list[list[Passage]] = []
    hashes: list[list[str]] = []
    matrix = np.zeros((size, vectors.shape[1]), dtype=np.float32)
    row = 0
    for d in range((size + 39) // 40):
        year = rng.randint(2015, 2025)
        text_parts: list[str] = []
        doc_passages: list[Passage] = []
        offset = 0
        for j in range(min(40, size - row)):
            picks = [rng.randrange(len(sentences)) for _ in range(rng.randint(2, 4))]
            body = " ".join(sentences[k] for k in picks)
            noise = np.asarray(nrng.normal(0, 0.02, vectors.shape[1]), dtype=np.float32)
            vec = vectors[picks].mean(axis=0) + noise
            matrix[row] = vec / np.linalg.norm(vec)
            doc_passages.append(Passage(f"s{row}", f"synthetic/{d}.txt", body, offset, offset + len(body), j + 1, None, None, str(j + 1)))
            text_parts.append(body)
            offset += len(body) + 2
            row += 1
        documents.append(Document(
            path=f"synthetic/{d}.txt", sha=str(d), title=f"Synthetic document {d}", authority=rng.choice(names),
            authorities_mentioned=(), date=f"{year}-06-01", year=year, doc_type=rng.choice(DOC_TYPES),
            text="\n\n".join(text_parts),
        ))
        passages.append(doc_passages)
        hashes.append([p.id for p in doc_passages])
    # Each passage's sentence vectors, as a build stores them: the real vectors of its sentences.
    known = dict(zip(sentences, vectors))
    spans = [[p.text[s:e] for s, e in sentence_spans(p.text)] for group in passages for p in group]
    missing = sorted({t for group in spans for t in group if t not in known})
    known.update(zip(missing, embedder.embed(missing, batch_size=64)))
    offsets = np.zeros(size + 1, dtype=np.int64)
    offsets[1:] = np.cumsum([len(group) for group in spans])
    sentence_matrix = np.stack([known[t] for group in spans for t in group])
    publish(folder, load_settings().model, documents, passages, hashes, matrix,
            sentences=(offsets, sentence_matrix))


def _seed_index(embedder: SentenceTransformerEmbedder) -> Path:
    folder = OUT / "seed-index"
    if not (folder / "manifest.json").exists():
        build(ROOT / "corpus", load_settings(index_dir=folder), embedder, progress=False)
    return folder


def questions() -> list[str]:
    out = []
    for path in QUESTION_FILES:
        if path.exists():
            out += [json.loads(line)["question"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return out


def worker(size: int, folder: Path) -> dict[str, Any]:
    """Run in a fresh process per size, so that its memory is its own."""
    embedder = SentenceTransformerEmbedder()
    embedder.embed(["warm up"])
    if size:
        synthesise(size, folder, embedder)
    else:
        folder = _seed_index(embedder)  # the five real documents
    library = Library.open(load_settings(index_dir=folder), embedder)
    docs = library.index.documents
    rng = random.Random(1)
    authority = statistics.mode(d.authority for d in docs if d.authority)
    year = statistics.mode(d.year for d in docs if d.year)
    admitted_1 = library.searcher.row_mask(Filters(authorities=(authority,)))
    admitted_10 = library.searcher.row_mask(Filters(year_from=year, year_to=year))
    qs = questions()
    rng.shuffle(qs)
    none: frozenset[str] = frozenset()
    for q in qs[:3]:
        library.search(q, Filters(), read=none)
    timings: dict[str, list[float]] = {"search": [], "filtered_1": [], "filtered_10": [], "ask": []}
    for q in qs:
        for name, filters in (
            ("search", Filters()),
            ("filtered_1", Filters(authorities=(authority,))),
            ("filtered_10", Filters(year_from=year, year_to=year)),
        ):
            started = time.perf_counter()
            library.search(q, filters, read=none)
            timings[name].append(time.perf_counter() - started)
        started = time.perf_counter()
        library.ask(q, Filters(), read=none)
        timings["ask"].append(time.perf_counter() - started)
    recall = ann_recall(library, qs, admitted_10) if library.index.approximate else None
    generation = folder / library.index.generation
    disk = sum(p.stat().st_size for p in generation.rglob("*") if p.is_file())
    rss_kb = next(int(line.split()[1]) for line in Path("/proc/self/status").read_text().splitlines() if line.startswith("VmRSS"))
    return {
        "size": library.index.size,
        "filtered_1_share": round(float(admitted_1.mean()), 4) if admitted_1 is not None else None,
        "filtered_10_share": round(float(admitted_10.mean()), 4) if admitted_10 is not None else None,
        **{name: percentiles(values) for name, values in timings.items()},
        "vector_index": library.index.manifest.get("vector_index", "flat"),
        "ann_recall_at_40": recall,
        "rss_mb": round(rss_kb / 1024, 1),
        "disk_bytes_per_passage": round(disk / library.index.size, 1),
    }


def ann_recall(library: Library, qs: list[str], mask: np.ndarray | None) -> dict[str, float]:
    """Share of the exact top 40 (by cosine) that the HNSW graph finds, unfiltered and filtered."""
    matrix = library.index.vector_matrix()
    out = {}
    for name, m in (("unfiltered", None), ("filtered_10", mask)):
        shares = []
        for q in qs:
            qv = library.embedder.embed([q])[0]
            rows = np.arange(len(matrix)) if m is None else np.flatnonzero(m)
            exact = set(rows[np.argpartition(-(matrix[rows] @ qv), 40)[:40]].tolist())
            found = set(library.searcher._dense(qv, m, 40).tolist())
            shares.append(len(exact & found) / 40)
        out[name] = round(float(np.mean(shares)), 4)
    return out


def bench_queries(sizes: list[int]) -> dict[str, Any]:
    per_size: dict[str, Any] = {}
    for size in [0, *sizes]:
        folder = OUT / f"synthetic-{size}"
        log(f"queries at {size or 'the seed corpus'} passages…")
        started = time.perf_counter()
        proc = subprocess.run(
            [sys.executable, __file__, "--worker", str(size), "--folder", str(folder)],
            capture_output=True, text=True, cwd=ROOT, check=False,
        )
        if proc.returncode != 0:
            raise SystemExit(f"worker for {size} failed:\n{proc.stderr[-3000:]}")
        result = json.loads(proc.stdout.strip().splitlines()[-1])
        per_size["seed" if size == 0 else str(size)] = result
        log(f"  done in {time.perf_counter() - started:.0f} s: {result['search']}")
    pick = {
        "search_p50_ms": ("search", "p50"), "search_p95_ms": ("search", "p95"),
        "filtered_p95_ms": None, "ask_p95_ms": ("ask", "p95"),
    }
    out: dict[str, Any] = {}
    for key, where in pick.items():
        if where is None:
            out[key] = {s: max(r["filtered_1"]["p95"], r["filtered_10"]["p95"]) for s, r in per_size.items()}
        else:
            out[key] = {s: r[where[0]][where[1]] for s, r in per_size.items()}
    out["rss_mb"] = {s: r["rss_mb"] for s, r in per_size.items()}
    out["disk_bytes_per_passage"] = {s: r["disk_bytes_per_passage"] for s, r in per_size.items()}
    out["queries_detail"] = per_size
    return out


# ---------------------------------------------------------------- cold start


def bench_cold_start() -> dict[str, Any]:
    """From `streamlit run app.py` to the first answer on screen, in a browser already open."""
    index = _seed_index(SentenceTransformerEmbedder())
    chromium = Path("/usr/bin/chromium")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "INDEXER_INDEX_DIR": str(index)}
    command = [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.port", str(port),
               "--server.address", "127.0.0.1", "--server.headless", "true"]
    if not chromium.exists():
        log("no chromium: timing the Python API's cold start instead")
        code = (
            "import time; t=time.perf_counter();"
            "from indexer import Library, load_settings;"
            f"lib=Library.open(load_settings(index_dir={str(index)!r}));"
            "lib.ask('How long do children wait to see a dentist?'); print(time.perf_counter()-t)"
        )
        t = float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT).stdout)
        return {"cold_start_s": round(t, 2), "cold_start_method": "python-api"}
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(chromium), args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"])
        page = browser.new_page()
        url = f"http://127.0.0.1:{port}/?q=How+long+do+children+wait+to+see+a+dentist%3F"
        started = time.perf_counter()
        proc = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            while True:
                try:
                    page.goto(url, timeout=2000)
                    break
                except Exception:
                    if time.perf_counter() - started > 120:
                        raise
                    time.sleep(0.1)
            page.wait_for_selector("text=Cited passages", timeout=120_000)
            first = time.perf_counter() - started
            later = []
            for question, expect in (
                ("Is family group conferencing used?", "Family group conferencing is regularly used"),
                ("Do staff enjoy working in Blackburn with Darwen?", "Staff enjoy working for Blackburn with Darwen"),
                ("What did the Den do for children?", "The Den with children"),
            ):
                page.wait_for_timeout(1000)
                page.fill("input[aria-label='Ask a question']", question)
                again = time.perf_counter()
                page.keyboard.press("Enter")
                page.wait_for_function(f"document.body.innerText.includes({expect!r})", polling=20, timeout=60_000)
                later.append(time.perf_counter() - again)
        finally:
            proc.terminate()
            proc.wait(timeout=20)
            browser.close()
    return {
        "cold_start_s": round(first, 2),
        "next_answer_s": round(statistics.median(later), 2),
        "next_answer_max_s": round(max(later), 2),
        "cold_start_method": "browser",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="up to 100k passages, in a few minutes")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--sizes", help="comma-separated passage counts (overrides the mode's)")
    parser.add_argument("--real", nargs="?", const=str(ROOT.parent / "shared" / "real-ilacs" / "pdfs"),
                        help="only the real-PDF build figure, on this folder (default ../shared/real-ilacs/pdfs)")
    parser.add_argument("--worker", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--folder", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker is not None:
        print(json.dumps(worker(args.worker, Path(args.folder))))
        return
    OUT.mkdir(parents=True, exist_ok=True)
    if args.real:
        print(json.dumps(bench_real_build(Path(args.real)), indent=None if args.json else 2))
        return
    sizes = [int(s) for s in args.sizes.split(",")] if args.sizes else (
        [1_000, 10_000, 100_000] if args.quick else [1_000, 10_000, 100_000, 1_000_000])
    started = time.perf_counter()
    results: dict[str, Any] = {
        "mode": "quick" if args.quick else "full",
        "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]},
        "synthetic_note": (
            "Query corpora are synthetic: passages of 2-4 sentences drawn from corpus/ with random "
            "authorities, years and types; vectors are the mean of the real sentence vectors plus "
            "Gaussian noise (sigma 0.02), normalised."
        ),
    }
    results.update(bench_build(
        copies=4 if args.quick else 12,
        batch_sizes=[16, 32, 64] if args.quick else [8, 16, 32, 64, 128],
        rounds=3,
    ))
    results.update(bench_queries(sizes))
    results.update(bench_cold_start())
    results["seconds"] = round(time.perf_counter() - started, 1)
    if args.json:
        print(json.dumps(results))
    else:
        print(table(results))


def table(r: dict[str, Any]) -> str:
    lines = [
        f"build: raw {r['raw_tokens_s']:.0f} tokens/s (batch {r['best_batch_size']}), pipeline "
        f"{r['pipeline_tokens_s']:.0f} tokens/s, build_ratio {r['build_ratio']:.2f}; "
        f"incremental rebuild (1 file edited) {r['incremental_s']:.2f} s",
        f"cold start to first answer: {r['cold_start_s']} s ({r['cold_start_method']})",
        "",
        "| passages | vectors | search p50 | search p95 | filtered p95 (1% / 10%) | ask p95 | RSS MB | disk B/passage |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for size, d in r["queries_detail"].items():
        label = f"seed corpus ({d['size']})" if size == "seed" else f"{int(size):,}"
        lines.append(
            f"| {label} | {d['vector_index']} | {d['search']['p50']} | {d['search']['p95']} | "
            f"{d['filtered_1']['p95']} / {d['filtered_10']['p95']} | {d['ask']['p95']} | {d['rss_mb']} | "
            f"{d['disk_bytes_per_passage']} |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    main()
