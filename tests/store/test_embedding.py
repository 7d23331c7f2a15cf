"""The encoder wrapper: a question's texts are encoded once, a build's are not remembered."""

import numpy as np
import pytest

from indexer.store.embedding import _MEMO_CALL, SentenceTransformerEmbedder


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> tuple[SentenceTransformerEmbedder, list[list[str]]]:
    calls: list[list[str]] = []

    def encode(self: SentenceTransformerEmbedder, items: list[str], batch_size: int) -> np.ndarray:
        calls.append(items)
        return np.array([[float(len(t)), 1.0] for t in items], dtype=np.float32)

    monkeypatch.setattr(SentenceTransformerEmbedder, "_encode", encode)
    return SentenceTransformerEmbedder(), calls


def test_sentences_embedded_again_are_not_encoded_again(counted) -> None:  # type: ignore[no-untyped-def]
    embedder, calls = counted
    first = embedder.embed(["Care leavers are supported.", "Caseloads are high."])
    again = embedder.embed(["Caseloads are high.", "A new sentence.", "Caseloads are high."])
    assert calls == [["Care leavers are supported.", "Caseloads are high."], ["A new sentence."]]
    assert np.array_equal(again[0], first[1]) and np.array_equal(again[2], first[1])


def test_a_build_sized_call_is_not_remembered(counted) -> None:  # type: ignore[no-untyped-def]
    embedder, calls = counted
    texts = [f"passage {i}" for i in range(_MEMO_CALL + 1)]
    embedder.embed(texts)
    embedder.embed(texts)
    assert len(calls) == 2 and not embedder._memo
