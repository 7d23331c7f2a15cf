"""BM25 over passages with bm25s (sparse matrices: scores every passage in milliseconds, and saves
as plain .npy/.json files). Words are lower-cased, English stop words dropped, Snowball-stemmed."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import bm25s
import numpy as np
from bm25s.stopwords import STOPWORDS_EN_PLUS

# The words BM25 never indexes: no passage holds them, so none is telling.
STOP_WORDS = frozenset(STOPWORDS_EN_PLUS)

log = logging.getLogger(__name__)


@cache
def _stemmer():  # type: ignore[no-untyped-def]
    import Stemmer

    return Stemmer.Stemmer("english")


# Words that questions use to ask, not to say what they are about.
_QUESTION_WORDS = (
    "say said says tell told inspector inspectors ofsted find found findings mention mentioned "
    "describe described regarding according letter document documents happen happened"
)


@cache
def _question_noise() -> frozenset[str]:
    return frozenset(tokenize([_QUESTION_WORDS])[0])


def stem(word: str) -> str:
    return _stemmer().stemWord(word)  # type: ignore[no-any-return]


def query_terms(query: str) -> list[str]:
    """A question's content words, stemmed; all of them if only question words are left."""
    tokens = tokenize([query])[0]
    content = [t for t in tokens if t not in _question_noise()]
    return content or tokens


def tokenize(texts: Sequence[str]) -> list[list[str]]:
    return bm25s.tokenize(  # type: ignore[no-any-return]
        list(texts), stopwords="en_plus", stemmer=_stemmer(), return_ids=False, show_progress=False
    )


class Lexical:
    def __init__(self, retriever: bm25s.BM25, size: int) -> None:
        self._retriever = retriever
        self.size = size

    @classmethod
    def build(cls, texts: Sequence[str]) -> Lexical:
        retriever = bm25s.BM25()
        if texts:
            retriever.index(tokenize(texts), show_progress=False)
        return cls(retriever, len(texts))

    def save(self, folder: Path) -> None:
        if self.size:
            self._retriever.save(str(folder))

    @classmethod
    def load(cls, folder: Path, size: int) -> Lexical:
        if not size:
            return cls(bm25s.BM25(), 0)
        return cls(bm25s.BM25.load(str(folder), mmap=size > 200_000), size)

    def rarity(self, word: str) -> float:
        """How telling a word is here: the inverse of the share of passages that hold it, read as
        the index reads it ("drop-in" as "drop" and "in"; the rarest part counts). A word no passage
        holds is as telling as one a single passage holds; a stop word is not telling."""
        tokens = tokenize([word])[0]
        if not self.size or not tokens:
            return 0.0
        vocab, indptr = self._retriever.vocab_dict, self._retriever.scores["indptr"]
        rarest = 0.0
        for token in tokens:
            token_id = vocab.get(token)
            held = 0 if token_id is None else int(indptr[token_id + 1] - indptr[token_id])
            rarest = max(rarest, self.size / max(1, held))
        return rarest

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of every passage for ``query`` (zeros when no word of it is indexed)."""
        if not self.size:
            return np.zeros(0, dtype=np.float32)
        vocab = self._retriever.vocab_dict
        tokens = [t for t in query_terms(query) if t in vocab]
        if not tokens:
            return np.zeros(self.size, dtype=np.float32)
        return np.asarray(self._retriever.get_scores(tokens), dtype=np.float32)
