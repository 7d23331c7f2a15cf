"""Search and ask latency on a real index: each question of the files once, cold (no question
repeats, so nothing of it is remembered), after one warm-up question. Medians and p95 in ms.

    python bench/ask_latency.py --index DIR eval/real.jsonl eval/real-test.jsonl

The settings' model, answer gate and judge are the product's (``INDEXER_*`` to change them).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from indexer.config import load_settings  # noqa: E402
from indexer.evaluate import load_questions  # noqa: E402
from indexer.library import Library  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("questions", type=Path, nargs="+")
    parser.add_argument("--index", required=True)
    args = parser.parse_args()
    library = Library.open(load_settings(index_dir=args.index))
    questions = list(dict.fromkeys(r["question"] for f in args.questions for r in load_questions(f)))
    library.ask("How are care leavers supported?")  # loads the model
    if library.judge is not None:  # and the answer judge, which only some questions need
        library.judge.score("How are care leavers supported?", ["Care leavers are well supported."])
    timings: dict[str, list[float]] = {"search": [], "ask": []}
    for i, question in enumerate(questions):
        # Every other question is searched, the others asked: each call is the question's first.
        what = "search" if i % 2 else "ask"
        started = time.perf_counter()
        library.search(question) if what == "search" else library.ask(question)
        timings[what].append(time.perf_counter() - started)
    out = {"index": args.index, "passages": library.index.size, "documents": len(library.index.documents),
           "sentence_vectors": library.index.sentence_vectors(0) is not None, "questions": len(questions)}
    for what, values in timings.items():
        ms = np.array(values) * 1000
        out[what] = {"p50_ms": round(float(np.median(ms)), 1), "p95_ms": round(float(np.percentile(ms, 95)), 1),
                     "n": len(ms)}
    print(json.dumps(out))


if __name__ == "__main__":
    main()
