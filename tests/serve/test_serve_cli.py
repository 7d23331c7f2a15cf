"""``python -m indexer serve`` with the real model: the bodies are what ``--json`` prints.

Also run over a real-report index when ``INDEXER_REAL_INDEX`` names one (read only)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from conftest import ROOT
from service import free_port, stop, wait_ready

from indexer.config import DEFAULT_MODEL

pytestmark = pytest.mark.model

QUESTIONS = {
    "seed": ("How long do children wait to see a dentist in Blackburn with Darwen?", "pre-proceedings"),
    "real": ("How are care leavers supported in Blackpool?", "return home interviews"),
}


def indexes() -> list[str]:
    return ["seed", "real"] if os.environ.get("INDEXER_REAL_INDEX") else ["seed"]


@pytest.fixture(params=indexes())
def served(request: pytest.FixtureRequest) -> Iterator[tuple[str, Path, str]]:
    if request.param == "seed":
        folder = Path(request.getfixturevalue("seed_index").index_dir)
    else:
        folder = Path(os.environ["INDEXER_REAL_INDEX"])
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "indexer", "serve", "--index", str(folder), "--port", str(port)],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            env={**os.environ, "HF_HUB_OFFLINE": "1"})
    wait_ready(proc, port, seconds=300)
    yield f"http://127.0.0.1:{port}", folder, request.param
    stop(proc)


def cli(*args: str, index: Path) -> dict:  # type: ignore[type-arg]
    proc = subprocess.run([sys.executable, "-m", "indexer", *args, "--index", str(index), "--json"],
                          capture_output=True, text=True, cwd=ROOT, timeout=600, env={**os.environ, "HF_HUB_OFFLINE": "1"})
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)  # type: ignore[no-any-return]


def test_served_bodies_are_the_cli_objects(served: tuple[str, Path, str]) -> None:
    url, index, which = served
    question, query = QUESTIONS[which]
    health = httpx.get(f"{url}/health").json()
    manifest = json.loads((index / "manifest.json").read_text())
    assert health == {"status": "ok", "model": DEFAULT_MODEL, "generation": manifest["generation"],
                      "documents": manifest["documents"], "passages": manifest["passages"]}
    assert httpx.post(f"{url}/ask", json={"question": question}, timeout=60).json() == cli("ask", question, index=index)
    assert httpx.get(f"{url}/search", params={"q": query, "k": 5}, timeout=60).json() == cli("search", query, "-k", "5", index=index)
    assert httpx.get(f"{url}/judgements").json() == cli("judgements", index=index)
    assert httpx.get(f"{url}/documents").json() == cli("info", index=index)
