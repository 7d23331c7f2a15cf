"""The key rule, CORS and the address check: safe by default."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator

import pytest
from conftest import ROOT, FakeEmbedder
from fastapi.testclient import TestClient

from indexer.config import Settings
from indexer.errors import SettingsError
from indexer.serve import ServeOptions, create_app, is_loopback, serve_options

KEY = "s3cret-key-for-tests"


@pytest.fixture(scope="module")
def keyed(seeds: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(seeds, ServeOptions(api_key=KEY), FakeEmbedder())) as c:
        yield c


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.2", "::1", "[::1]", "localhost"])
def test_loopback_needs_no_key(host: str) -> None:
    assert is_loopback(host) and ServeOptions(host=host).api_key is None


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.20", "example.org"])
def test_any_other_address_needs_a_key(host: str) -> None:
    with pytest.raises(SettingsError, match=f"^Serving on {host} needs an API key: set INDEXER_API_KEY, or bind to 127.0.0.1.$"):
        ServeOptions(host=host)
    assert ServeOptions(host=host, api_key=KEY).api_key == KEY


def test_the_key_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INDEXER_API_KEY", KEY)
    monkeypatch.setenv("INDEXER_CORS_ORIGINS", "https://intranet.example.gov.uk, https://other.example")
    options = serve_options(host="0.0.0.0")
    assert options.api_key == KEY
    assert options.cors_origins == ("https://intranet.example.gov.uk", "https://other.example")


def test_serve_refuses_to_start_elsewhere_without_a_key(seeds: Settings) -> None:
    env = {k: v for k, v in os.environ.items() if k != "INDEXER_API_KEY"}
    proc = subprocess.run([sys.executable, "-m", "indexer", "serve", "--host", "0.0.0.0", "--port", "8765",
                           "--index", str(seeds.index_dir)], capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)
    assert proc.returncode == 1
    assert proc.stderr.strip().endswith(
        "error: Serving on 0.0.0.0 needs an API key: set INDEXER_API_KEY, or bind to 127.0.0.1.")


@pytest.mark.parametrize("header", [None, "Bearer wrong", f"Basic {KEY}", f"Bearer {KEY}x", "Bearer "])
def test_without_the_key_every_endpoint_answers_401(keyed: TestClient, header: str | None) -> None:
    headers = {"Authorization": header} if header else {}
    for url in ("/health", "/search?q=care", "/judgements", "/documents", "/documents/abc"):
        r = keyed.get(url, headers=headers)
        assert (r.status_code, r.json()) == (401, {
            "error": "This service needs an API key: send it as Authorization: Bearer KEY."})
    assert keyed.post("/ask", json={"question": "care"}, headers=headers).status_code == 401


def test_with_the_key_it_answers(keyed: TestClient) -> None:
    auth = {"Authorization": f"Bearer {KEY}"}
    assert keyed.get("/health", headers=auth).status_code == 200
    assert keyed.post("/ask", json={"question": "caseloads in Blackpool"}, headers=auth).status_code == 200
    assert keyed.get("/docs").status_code == 200  # the documentation holds no data


def test_cors_is_off_unless_configured(seeds: Settings) -> None:
    origin = {"Origin": "https://intranet.example.gov.uk"}
    with TestClient(create_app(seeds, ServeOptions(), FakeEmbedder())) as plain:
        assert "access-control-allow-origin" not in plain.get("/health", headers=origin).headers
    options = ServeOptions(cors_origins=("https://intranet.example.gov.uk",))
    with TestClient(create_app(seeds, options, FakeEmbedder())) as open_:
        r = open_.get("/health", headers=origin)
        assert r.headers["access-control-allow-origin"] == "https://intranet.example.gov.uk"
        assert "access-control-allow-origin" not in open_.get("/health", headers={"Origin": "https://evil.example"}).headers


def test_no_endpoint_writes(keyed: TestClient) -> None:
    paths = keyed.get("/openapi.json", headers={"Authorization": f"Bearer {KEY}"}).json()["paths"]
    methods = {m for ops in paths.values() for m in ops}
    assert methods <= {"get", "post"}
    assert {p for p, ops in paths.items() if "post" in ops} == {"/ask", "/compare"}
