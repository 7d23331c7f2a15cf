"""A build that publishes is picked up without a restart; requests in flight keep their generation."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import FakeEmbedder
from fastapi.testclient import TestClient
from service import ADDED, ADDED_NAME, PROBE

from indexer.build import build
from indexer.config import Settings
from indexer.errors import ModelMismatch
from indexer.serve import ServeOptions, create_app
from indexer.serve.generations import Generations
from indexer.store.index import MANIFEST


def test_a_published_generation_is_picked_up(corpus_copy: Path, settings: Settings, fake: FakeEmbedder) -> None:
    build(corpus_copy, settings, fake, progress=False)
    app = create_app(settings, ServeOptions(interval=60), fake)  # refreshed by hand below
    with TestClient(app) as client:
        first = client.get("/health").json()
        assert not any(PROBE in r["text"].lower() for r in client.get("/search", params={"q": PROBE}).json()["results"])
        (corpus_copy / ADDED_NAME).write_text(ADDED, encoding="utf-8")
        report = build(corpus_copy, settings, fake, progress=False)
        assert 1 <= report.embedded <= 5 < report.reused  # incremental: only the new letter
        assert app.state.generations.refresh()
        second = client.get("/health")
        assert second.json()["generation"] != first["generation"]
        assert second.headers["X-Index-Generation"] == second.json()["generation"]
        assert second.json()["documents"] == first["documents"] + 1
        hits = client.get("/search", params={"q": PROBE, "k": 1})
        assert PROBE in hits.json()["results"][0]["text"].lower()
        assert hits.headers["X-Index-Generation"] == second.json()["generation"]
        assert not app.state.generations.refresh()  # nothing new


def test_the_old_generation_serves_requests_in_flight(corpus_copy: Path, settings: Settings, fake: FakeEmbedder) -> None:
    build(corpus_copy, settings, fake, progress=False)
    generations = Generations(settings, fake, interval=60)
    with generations.lease() as old:
        (corpus_copy / ADDED_NAME).write_text(ADDED, encoding="utf-8")
        build(corpus_copy, settings, fake, progress=False)
        assert generations.refresh()
        assert generations.generation != old.index.generation
        hits, _ = old.search("care leavers", k=3)  # still open, still answering
        assert len(hits) == 3
    assert old.index._db is not None
    with generations.lease() as new:
        assert new.index.generation == generations.generation
    generations.close()


def test_a_generation_that_cannot_be_opened_leaves_the_last_good_one(
    corpus_copy: Path, settings: Settings, fake: FakeEmbedder
) -> None:
    build(corpus_copy, settings, fake, progress=False)
    generations = Generations(settings, fake, interval=60)
    good = generations.generation
    manifest = settings.index_dir / MANIFEST
    broken = {**json.loads(manifest.read_text()), "generation": "gen-missing", "model": "another-model"}
    manifest.write_text(json.dumps(broken))
    with pytest.raises(ModelMismatch, match="another-model"):  # the watcher logs it and carries on
        generations.refresh()
    assert generations.generation == good
    assert not generations.refresh()  # reported once, not on every look
    with generations.lease() as lib:
        assert lib.search("care leavers", k=1)[0]
    generations.close()


def test_a_generation_starts_loading_its_answer_judge(
    corpus_copy: Path, settings: Settings, fake: FakeEmbedder, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first question a service answers does not wait for the judge to load from disk."""
    from indexer import library as library_module

    class Judge:
        preloads = 0

        def preload(self) -> None:
            Judge.preloads += 1

    build(corpus_copy, settings, fake, progress=False)
    monkeypatch.setattr(library_module, "shared_judge", lambda name: Judge())
    Generations(replace(settings, judge="bundled:children-judge"), fake)
    assert Judge.preloads == 1
