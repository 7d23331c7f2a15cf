from __future__ import annotations

import hashlib
import os
import re
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(Path(__file__).resolve().parent))

from indexer.config import Settings  # noqa: E402


class FakeEmbedder:
    """Deterministic bag-of-words vectors: similar words, similar vectors; no model needed."""

    name = "fake"
    dimension = 64

    def __init__(self) -> None:
        self.calls = 0
        self.embedded = 0

    def embed(self, texts: Sequence[str], batch_size: int = 32) -> np.ndarray:
        self.calls += 1
        self.embedded += len(texts)
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for i, text in enumerate(texts):
            for word in re.findall(r"\w+", text.lower()):
                h = int(hashlib.md5(word.encode()).hexdigest(), 16)
                out[i, h % self.dimension] += 1.0
            norm = np.linalg.norm(out[i])
            out[i] = out[i] / norm if norm else out[i]
        return out

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        return [len(re.findall(r"\w+|[^\w\s]", t)) for t in texts]


@pytest.fixture
def fake() -> FakeEmbedder:
    return FakeEmbedder()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(index_dir=tmp_path / "index", corpus_dir=tmp_path / "corpus", model="fake", judge="")


@pytest.fixture
def corpus_copy(tmp_path: Path) -> Path:
    target = tmp_path / "corpus"
    shutil.copytree(CORPUS, target)
    return target


@pytest.fixture(scope="session")
def real_embedder():  # type: ignore[no-untyped-def]
    from indexer.store.embedding import SentenceTransformerEmbedder

    return SentenceTransformerEmbedder()


@pytest.fixture(scope="session")
def seed_index(tmp_path_factory: pytest.TempPathFactory, real_embedder) -> Settings:  # type: ignore[no-untyped-def]
    """The five seed documents, indexed once with the real model."""
    from indexer.build import build
    from indexer.config import load_settings

    folder = tmp_path_factory.mktemp("seed") / "index"
    settings = load_settings(index_dir=folder)
    build(CORPUS, settings, real_embedder, progress=False)
    return settings


@pytest.fixture(scope="session")
def seed_library(seed_index, real_embedder):  # type: ignore[no-untyped-def]
    from indexer.library import Library

    library = Library.open(seed_index, real_embedder)
    yield library
    library.close()


@pytest.fixture(scope="session")
def seeds(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """The seed documents indexed once with the fake embedder, for tests that never write to it."""
    from indexer.build import build

    settings = Settings(index_dir=tmp_path_factory.mktemp("seeds") / "index", model="fake")
    build(CORPUS, settings, FakeEmbedder(), progress=False)
    return settings
