"""Load on the HTTP service, loopback only, bounded: a fixed number of requests (or seconds) per run.

    python bench/serve_load.py --index /work/scratch/idx-ilacs --clients 1 4 16 --requests 300
    python bench/serve_load.py --index /work/scratch/idx-ilacs --clients 16 --seconds 60 \\
        --rebuild ../shared/real-ilacs/pdfs          # an incremental build publishes mid-run

The index is copied to a scratch folder first (the one given is never written). The script starts
`python -m indexer serve` on a free 127.0.0.1 port, waits for /health, runs each client count in
turn, and stops the server. With --rebuild, a corpus folder is made of links to every file of that
folder plus one short letter no report holds ("Kittiwake"), and `python -m indexer build` runs into
the copied index after a quarter of the run, so only the letter is embedded.

Each answer is checked against the generation that says it answered (X-Index-Generation): the
header must name a published generation, /health's body must agree with it, the Kittiwake search
must find the letter exactly when that generation holds it, and no client may get an older
generation after it has had a newer one. Any miss counts as a wrong-generation answer.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import numpy as np

ROOT = Path(__file__).resolve().parent.parent
LETTER = """Monitoring visit to Blackpool children's services

12 March 2024

Dear Director,

This letter summarises the findings of the monitoring visit to Blackpool children's services on 5 and 6 March 2024.

The Kittiwake mentoring scheme now pairs every care leaver with a volunteer mentor within two weeks of their eighteenth birthday.
"""
PROBE = "Kittiwake mentoring scheme"


@dataclass
class Result:
    kind: str
    started: float
    seconds: float
    status: int
    generation: str | None
    wrong: str = ""
    failure: str = ""


@dataclass
class Run:
    clients: int
    requests: int
    seconds: float
    results: list[Result] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    sent: int = 0

    extend_to: float = 0.0

    def take(self, deadline: float) -> bool:
        with self.lock:
            if self.sent >= self.requests or time.monotonic() > max(deadline, self.extend_to):
                return False
            self.sent += 1
            return True


def questions() -> list[dict[str, Any]]:
    rows = []
    for name in ("real.jsonl", "real-test.jsonl"):
        rows += [json.loads(line) for line in (ROOT / "eval" / name).read_text().splitlines() if line.strip()]
    return rows


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def env() -> dict[str, str]:
    return {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false",
            "PYTHONPATH": str(ROOT)}


def start_server(index: Path, port: int, workers: int, threads: int, answering: int) -> subprocess.Popen[bytes]:
    cmd = [sys.executable, "-m", "indexer", "serve", "--index", str(index), "--host", "127.0.0.1",
           "--port", str(port), "--workers", str(workers), "--threads", str(threads),
           "--answering", str(answering)]
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env(), stdout=subprocess.DEVNULL, stderr=sys.stderr)
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit("the server exited before answering /health")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=5).status_code == 200:
                return proc
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    proc.kill()
    raise SystemExit("the server did not answer /health in 300 s")


class Generations:
    """The generations the manifest has named, with when each was published (polled every 20 ms)."""

    def __init__(self, index: Path) -> None:
        self.index = index
        self.order: list[str] = [self._read()]
        self.published: dict[str, float] = {self.order[0]: 0.0}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._poll, daemon=True)
        self._thread.start()

    def _read(self) -> str:
        return str(json.loads((self.index / "manifest.json").read_text())["generation"])

    def _poll(self) -> None:
        while not self._stop.wait(0.02):
            try:
                gen = self._read()
            except (OSError, ValueError):
                continue
            if gen not in self.published:
                self.published[gen] = time.monotonic()
                self.order.append(gen)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


def client(n: int, url: str, run: Run, deadline: float, rows: list[dict[str, Any]], gens: Generations) -> None:
    rng = random.Random(n)
    best = -1
    with httpx.Client(base_url=url, timeout=120) as http:
        while run.take(deadline):
            row = rng.choice(rows)
            kind = rng.choices(["ask", "search", "judgements", "health", "probe"], [35, 35, 10, 10, 10])[0]
            started = time.monotonic()
            try:
                if kind == "ask":
                    r = http.post("/ask", json={"question": row["question"]})
                elif kind == "search":
                    params: dict[str, Any] = {"q": row["question"], "k": 10}
                    if row.get("expect_authority") and rng.random() < 0.5:
                        params["authority"] = row["expect_authority"]
                    r = http.get("/search", params=params)
                elif kind == "judgements":
                    r = http.get("/judgements", params={"grade": "inadequate"})
                elif kind == "health":
                    r = http.get("/health")
                else:
                    r = http.get("/search", params={"q": PROBE, "k": 3})
            except httpx.HTTPError as exc:
                run_result(run, Result(kind, started, time.monotonic() - started, 0, None, failure=repr(exc)))
                continue
            done = time.monotonic() - started
            gen = r.headers.get("X-Index-Generation")
            wrong = ""
            if r.status_code == 200:
                rank = gens.order.index(gen) if gen in gens.order else -1
                if rank < 0:
                    wrong = f"unknown generation {gen}"
                elif rank < best:
                    wrong = f"went back to {gen}"
                elif kind == "health" and r.json()["generation"] != gen:
                    wrong = "health body names another generation"
                elif kind == "probe":
                    found = any("kittiwake" in h["text"].lower() for h in r.json()["results"])
                    if found != (rank > 0):
                        wrong = f"letter {'found' if found else 'missing'} in {gen}"
                best = max(best, rank)
            run_result(run, Result(kind, started, done, r.status_code, gen, wrong))


def run_result(run: Run, result: Result) -> None:
    with run.lock:
        run.results.append(result)


def rebuild_corpus(source: Path, work: Path) -> Path:
    corpus = work / "corpus"
    corpus.mkdir()
    for path in sorted(source.iterdir()):
        if path.is_file():
            (corpus / path.name).symlink_to(path.resolve())
    (corpus / "zz_kittiwake_letter.txt").write_text(LETTER, encoding="utf-8")
    return corpus


def measure(url: str, clients: int, requests: int, seconds: float, rows: list[dict[str, Any]],
            gens: Generations, rebuild: tuple[Path, Path] | None, rebuild_at: float | None,
            after: float = 30.0) -> dict[str, Any]:
    run = Run(clients, requests, seconds)
    began = time.monotonic()
    deadline = began + seconds
    threads = [threading.Thread(target=client, args=(n, url, run, deadline, rows, gens)) for n in range(clients)]
    for t in threads:
        t.start()
    build: dict[str, Any] = {}
    if rebuild is not None:
        time.sleep(seconds / 4 if rebuild_at is None else rebuild_at)
        corpus, index = rebuild
        run.extend_to = float("inf")  # the clients keep going until the build has published
        t0 = time.monotonic()
        # niced, as a rebuild beside a live service should be: answers first, the build when idle
        proc = subprocess.run(["nice", "-n", "10", sys.executable, "-m", "indexer", "build", str(corpus), "--index", str(index), "--json"],
                              cwd=ROOT, env=env(), capture_output=True, text=True, timeout=600)
        build = {**json.loads(proc.stdout.strip().splitlines()[-1]), "wall": round(time.monotonic() - t0, 1),
                 "started_s": round(t0 - began, 1)}
        run.extend_to = time.monotonic() + after  # a run that ends at the publish would test nothing
    for t in threads:
        t.join()
    out = summary(run, time.monotonic() - began, began, gens, build)
    out["load_average"] = [round(x, 1) for x in os.getloadavg()]  # the machine is shared: say how busy it was
    return out


def summary(run: Run, wall: float, began: float, gens: Generations, build: dict[str, Any]) -> dict[str, Any]:
    ok = [r for r in run.results if r.status == 200]
    ms = np.array([r.seconds * 1000 for r in ok]) if ok else np.zeros(1)
    out: dict[str, Any] = {
        "clients": run.clients, "requests": len(run.results), "seconds": round(wall, 1),
        "rps": round(len(run.results) / wall, 2),
        "p50_ms": round(float(np.percentile(ms, 50))), "p95_ms": round(float(np.percentile(ms, 95))),
        "p99_ms": round(float(np.percentile(ms, 99))),
        "errors": sum(r.status != 200 for r in run.results),
        "wrong_generation": sum(bool(r.wrong) for r in run.results),
        "by_kind_p50_ms": {k: round(float(np.median([r.seconds * 1000 for r in ok if r.kind == k])))
                           for k in sorted({r.kind for r in ok})},
    }
    problems = [f"{r.kind} {r.status} {r.wrong or r.failure}" for r in run.results if r.status != 200 or r.wrong]
    if problems:
        out["problems"] = problems[:10]
    if build:
        new = [g for g in gens.order if gens.published[g] > began]
        out["build"] = build
        if new:
            published = gens.published[new[0]]
            answered = [r for r in ok if r.generation == new[0]]
            out["published_s"] = round(published - began, 1)
            # Requests answered by the old generation that started after the new one had answered one:
            # with one worker there are none (the swap is one assignment and never goes back).
            first_new = min((r.started + r.seconds for r in answered), default=None)
            out["old_after_new_answered"] = sum(r.generation == gens.order[0] and first_new is not None
                                                and r.started > first_new for r in ok)
            out["answers_by_generation"] = {g: sum(r.generation == g for r in ok) for g in gens.order}
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--index", type=Path, required=True, help="an index folder (copied, never written)")
    ap.add_argument("--clients", type=int, nargs="+", default=[1, 4, 16])
    ap.add_argument("--requests", type=int, default=300, help="requests per run, at most")
    ap.add_argument("--seconds", type=float, default=120, help="seconds per run, at most")
    ap.add_argument("--rebuild", type=Path, help="the corpus folder the index was built from: rebuild mid-run")
    ap.add_argument("--rebuild-at", type=float, help="seconds into the run (default: a quarter of --seconds)")
    ap.add_argument("--after", type=float, default=30, help="seconds the run goes on at least after the publish")
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--threads", type=int, default=32)
    ap.add_argument("--answering", type=int, default=2)
    ap.add_argument("--out", type=Path, help="append the figures as JSON lines here")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="serve-load-"))
    try:
        index = work / "index"
        shutil.copytree(args.index, index, symlinks=True)
        rebuild = (rebuild_corpus(args.rebuild, work), index) if args.rebuild else None
        port = free_port()
        started = time.monotonic()
        server = start_server(index, port, args.workers, args.threads, args.answering)
        print(f"server ready in {time.monotonic() - started:.1f} s (workers {args.workers}, threads {args.threads}, "
              f"answering {args.answering})",
              file=sys.stderr)
        gens = Generations(index)
        rows = questions()
        try:
            for clients in args.clients:
                figures = measure(f"http://127.0.0.1:{port}", clients, args.requests, args.seconds, rows, gens, rebuild,
                                  args.rebuild_at, args.after)
                figures.update(workers=args.workers, threads=args.threads, answering=args.answering)
                print(json.dumps(figures))
                if args.out:
                    with args.out.open("a", encoding="utf-8") as handle:
                        handle.write(json.dumps(figures) + "\n")
        finally:
            gens.stop()
            server.terminate()
            server.wait(timeout=30)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
