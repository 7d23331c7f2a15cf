"""Helpers for the service's tests: a seed index built with the fake embedder, a document that
an incremental rebuild adds, a free loopback port, and a server process of our own."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
from conftest import ROOT

# A short letter that only the rebuilt generation holds; "lighthouse" is in no seed document.
ADDED_NAME = "added_lighthouse.txt"
ADDED = """Monitoring visit to Blackpool children's services

12 March 2024

Dear Director,

This letter summarises the findings of the monitoring visit to Blackpool children's services on 5 and 6 March 2024.

The lighthouse mentoring scheme now pairs every care leaver with a volunteer mentor within two weeks of their eighteenth birthday.
"""
PROBE = "lighthouse mentoring"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_fake_server(index: Path, port: int, threads: int = 32, answering: int = 2) -> subprocess.Popen[bytes]:
    """A real uvicorn process on 127.0.0.1:port over ``index``, with the fake embedder."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "tests")])}
    proc = subprocess.Popen([sys.executable, str(ROOT / "tests" / "serve" / "fake_server.py"), str(index), str(port),
                             str(threads), str(answering)],
                            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wait_ready(proc, port)
    return proc


def wait_ready(proc: subprocess.Popen[bytes], port: int, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the server exited: {proc.stderr.read().decode() if proc.stderr else ''}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    proc.kill()
    raise RuntimeError("the server did not answer /health in time")


def stop(proc: subprocess.Popen[bytes]) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
