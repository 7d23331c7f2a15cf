"""Calibrate the answer judge's threshold: the whole pipeline at several thresholds, one question
file, one index. Each question's sentences are judged once (a memo); everything else is the
product's own ask() and evaluate().

    python bench/judge_threshold.py train/data/valid-eval.jsonl --index DIR [--thresholds 0.3 0.5 0.7]

Calibrate on the validation split (reports the models never trained on); report other files
with the threshold chosen there, never the other way round.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from indexer.ask.judge import CrossEncoderJudge, Judge  # noqa: E402
from indexer.config import load_settings  # noqa: E402
from indexer.evaluate import evaluate, load_questions  # noqa: E402
from indexer.library import Library  # noqa: E402


class MemoJudge:
    def __init__(self, judge: Judge) -> None:
        self.judge = judge
        self.memo: dict[tuple[str, str], float] = {}

    def score(self, question: str, sentences: Sequence[str]) -> np.ndarray:
        missing = [s for s in dict.fromkeys(sentences) if (question, s) not in self.memo]
        for s, p in zip(missing, self.judge.score(question, missing)):
            self.memo[(question, s)] = float(p)
        return np.array([self.memo[(question, s)] for s in sentences], dtype=np.float32)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("questions", type=Path)
    parser.add_argument("--index", required=True)
    parser.add_argument("--judge", default=None, help="judge model (default: the settings')")
    parser.add_argument("--thresholds", type=float, nargs="+", default=[0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8])
    args = parser.parse_args()
    settings = load_settings(index_dir=args.index)
    library = Library.open(settings, judge=MemoJudge(CrossEncoderJudge(args.judge or settings.judge)))
    rows = load_questions(args.questions)
    for threshold in args.thresholds:
        lib = replace(library, settings=replace(settings, min_judge_score=threshold))
        r = evaluate(lib, rows)
        kinds = r.get("by_kind", {})
        print(json.dumps({
            "threshold": threshold, "recall@5": r.get("recall@5"), "mrr": r.get("mrr"),
            "answer_hit": r.get("answer_hit"), "answer_precision": r.get("answer_precision"),
            "abstention_accuracy": r.get("abstention_accuracy"),
            "near_miss_declined": r.get("abstention_near_miss", {}).get("declined"),
            "off_topic_declined": r.get("abstention_off_topic", {}).get("declined"),
            "answered_answerable": kinds and r.get("answered_answerable"),
        }), flush=True)


if __name__ == "__main__":
    main()
