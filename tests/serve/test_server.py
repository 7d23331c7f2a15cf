"""A real server process on a free loopback port, many clients at once, and incremental rebuilds
publishing in the middle: no request fails and none is answered by a generation it should not be."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from conftest import FakeEmbedder
from service import ADDED, ADDED_NAME, PROBE, free_port, start_fake_server, stop

from indexer.build import build
from indexer.config import Settings

CLIENTS = 8


@pytest.fixture
def server(corpus_copy: Path, settings: Settings, fake: FakeEmbedder) -> Iterator[tuple[str, Settings]]:
    build(corpus_copy, settings, fake, progress=False)
    port = free_port()
    proc = start_fake_server(settings.index_dir, port)
    yield f"http://127.0.0.1:{port}", settings
    stop(proc)


def test_concurrent_clients_through_two_rebuilds(server: tuple[str, Settings], corpus_copy: Path, fake: FakeEmbedder) -> None:
    url, settings = server
    first = httpx.get(f"{url}/health").json()["generation"]
    stop_at = threading.Event()
    failures: list[str] = []
    seen: list[list[tuple[str, bool | None]]] = [[] for _ in range(CLIENTS)]

    def client(n: int) -> None:
        with httpx.Client(base_url=url, timeout=30) as http:
            i = 0
            while not stop_at.is_set():
                i += 1
                try:
                    if i % 3 == 0:
                        r = http.get("/search", params={"q": PROBE, "k": 3})
                    elif i % 3 == 1:
                        r = http.post("/ask", json={"question": "How are care leavers supported in Blackpool?"})
                    else:
                        r = http.get("/health")
                except httpx.HTTPError as exc:
                    failures.append(f"client {n}: {exc!r}")
                    continue
                if r.status_code != 200:
                    failures.append(f"client {n}: {r.status_code} {r.text[:200]}")
                    continue
                found = any(PROBE in h["text"].lower() for h in r.json()["results"]) if i % 3 == 0 else None
                seen[n].append((r.headers["X-Index-Generation"], found))

    threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
    for t in threads:
        t.start()
    time.sleep(1.0)
    (corpus_copy / ADDED_NAME).write_text(ADDED, encoding="utf-8")
    added = build(corpus_copy, settings, fake, progress=False)
    second = httpx.get(f"{url}/health").json()["generation"]
    time.sleep(1.5)
    (corpus_copy / ADDED_NAME).write_text(ADDED.replace("two weeks", "ten days"), encoding="utf-8")
    edited = build(corpus_copy, settings, fake, progress=False)  # removes the first generation's folder
    time.sleep(1.5)
    stop_at.set()
    for t in threads:
        t.join()

    assert failures == []
    assert 1 <= added.embedded <= 5 and 1 <= edited.embedded <= 5
    answers = [a for client_seen in seen for a in client_seen]
    generations = [g for g, _ in answers]
    assert len(answers) > 50 and set(generations) >= {first} and len(set(generations)) >= 2
    # The letter is found exactly when the generation that answered holds it.
    assert all(found is False for g, found in answers if g == first and found is not None)
    assert all(found is True for g, found in answers if g != first and found is not None)
    # A client never goes back to an older generation once it has seen a newer one.
    order = {first: 0, second: 1}
    for client_seen in seen:
        ranks = [order.get(g, 2) for g, _ in client_seen]
        assert ranks == sorted(ranks)
    assert httpx.get(f"{url}/health").json()["documents"] == 6


def test_more_questions_than_threads_are_all_answered(corpus_copy: Path, settings: Settings, fake: FakeEmbedder) -> None:
    """Questions waiting for one of the places to answer hold pool threads; the ones answering
    must still get theirs (a wait taken in a dependency would deadlock the pool here)."""
    build(corpus_copy, settings, fake, progress=False)
    port = free_port()
    proc = start_fake_server(settings.index_dir, port, threads=3, answering=1)
    statuses: list[int] = []

    def ask() -> None:
        r = httpx.post(f"http://127.0.0.1:{port}/ask", json={"question": "How are care leavers supported?"}, timeout=60)
        statuses.append(r.status_code)

    try:
        threads = [threading.Thread(target=ask) for _ in range(12)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=90)
        assert statuses == [200] * 12
        assert httpx.get(f"http://127.0.0.1:{port}/health", timeout=5).status_code == 200
    finally:
        stop(proc)
