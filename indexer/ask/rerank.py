"""Second-stage ranking: a passage scores by its best sentence, not by its average.

A paragraph of an Ofsted report covers several things; one sentence of it answers the question.
The bi-encoder's vector of the whole paragraph blurs that sentence with the rest, so the top
passages of the hybrid ranking are scored again by the closest of their sentences to the
question, and the two scores are blended, the best sentence weighing ``SENTENCE_WEIGHT``. With the
base MiniLM, weight 0.5 at depth 15 kept seed recall@5 at 1.00 (0.92 without) and real-report MRR
at 0.69 (0.67 without). With the trained retriever, whose sentence cosines say more, weight 0.7,
topic weight 0.2 and depth 30 measured best on the validation reports of train/data and the real
dev questions (recall@5 0.76 -> 0.80 and 0.85 -> 0.89, MRR 0.63 -> 0.67 and 0.73 -> 0.78;
README, "The trained retriever"); the sentence vectors are stored, so depth costs dot products.

A passage that names what the question asks about (topic.py: the word, its synonym or its
abbreviation) gains ``TOPIC_WEIGHT`` times the share of the question's topic groups it names.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import numpy as np

from indexer.ask.topic import Topic, speaks_to
from indexer.ingest.sentences import sentence_spans
from indexer.store.embedding import Embedder
from indexer.types import Hit

SENTENCE_WEIGHT = 0.7  # 0.3, 0.5, 0.7, 0.85, 1.0 measured (above)
TOPIC_WEIGHT = 0.2  # 0, 0.1, 0.2, 0.3 measured


def rerank(hits: Sequence[Hit], query_vector: np.ndarray, embedder: Embedder, topic: Topic | None = None) -> list[Hit]:
    if len(hits) < 2:
        return list(hits)
    texts: list[str] = []
    owner: list[int] = []
    for i, hit in enumerate(hits):
        text = hit.passage.text
        spans = sentence_spans(text)
        pieces = [text[s:e] for s, e in spans]
        texts.extend(pieces or [text])
        owner.extend([i] * len(pieces or [text]))
    cosines = np.einsum("ij,j->i", embedder.embed(texts), query_vector)  # no BLAS threads
    best = np.full(len(hits), -1.0)
    np.maximum.at(best, np.array(owner), cosines)
    top = max(h.score for h in hits) or 1.0
    scores = (1 - SENTENCE_WEIGHT) * np.array([h.score / top for h in hits]) + SENTENCE_WEIGHT * best
    if topic is not None and not topic.empty:
        covered = np.array([sum(speaks_to(h.passage.text, g) for g in topic.groups) / len(topic.groups) for h in hits])
        scores = scores + TOPIC_WEIGHT * covered
    order = np.argsort(-scores, kind="stable")
    return [replace(hits[i], score=float(scores[i])) for i in order]
