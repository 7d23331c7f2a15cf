"""Sweep the second stage (rerank.py) on question files: recall@1, recall@5 and MRR of the
search results, for each fusion weight, best-sentence weight, topic weight and depth.

    python bench/second_stage.py --index DIR FILES... [--dense 0.7] [--sentence 0.5 0.7]
        [--topic 0.1 0.2] [--depth 15 30]

Each question is resolved, embedded and given its topic once; only the ranking changes. Choose
on the validation and dev files and read the others as a check: a setting should sit on a
plateau for every file, not on one file's peak. Figures: README, "The trained retriever".
"""

from __future__ import annotations

import argparse
import itertools
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

import indexer.ask.rerank as second_stage  # noqa: E402
from indexer.ask.search import Searcher  # noqa: E402
from indexer.config import load_settings  # noqa: E402
from indexer.evaluate import _filters, evidence_rank, is_answerable, load_questions  # noqa: E402
from indexer.library import Library  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", type=Path, nargs="+")
    parser.add_argument("--index", required=True)
    parser.add_argument("--dense", type=float, nargs="*", default=[0.5, 0.7, 0.85])
    parser.add_argument("--sentence", type=float, nargs="*", default=[0.3, 0.5, 0.7, 0.85])
    parser.add_argument("--topic", type=float, nargs="*", default=[0.0, 0.1, 0.2, 0.3])
    parser.add_argument("--depth", type=int, nargs="*", default=[15, 30])
    args = parser.parse_args()
    library = Library.open(load_settings(index_dir=args.index))
    asked = {}
    for path in args.files:
        rows = [r for r in load_questions(path) if is_answerable(r)]
        items = []
        for row in rows:
            query, filters, _ = library.resolve(row["question"], _filters(row))
            items.append((query, filters, library.embedder.embed([query])[0], library.topic(query), row["evidence"]))
        asked[path.stem] = items
    print("dense sentence topic depth  " + "  ".join(f"{name}: r@1 r@5 MRR" for name in asked))
    for dense, sentence, topic, depth in itertools.product(args.dense, args.sentence, args.topic, args.depth):
        second_stage.SENTENCE_WEIGHT, second_stage.TOPIC_WEIGHT = sentence, topic
        searcher = Searcher(library.index, library.embedder, dense, library.settings.ann_ef_search, depth)
        figures = []
        for items in asked.values():
            r1 = r5 = mrr = 0.0
            for query, filters, vector, what, evidence in items:
                hits = searcher.search(query, filters, 10, query_vector=vector, topic=what)
                rank = evidence_rank(hits, evidence)
                if rank:
                    r1, r5, mrr = r1 + (rank == 1), r5 + (rank <= 5), mrr + 1 / rank
            n = len(items) or 1
            figures.append(f"{r1 / n:.3f} {r5 / n:.3f} {mrr / n:.3f}")
        print(f"{dense:5} {sentence:8} {topic:5} {depth:5}  " + "  ".join(figures), flush=True)


if __name__ == "__main__":
    main()
