"""Calibrate what decides to answer: the whole pipeline under each answer gate at several
thresholds, one question file, one index. The topic rules run at each threshold with each
``--sure`` cosine, from which a sentence is quoted whether or not it names the question's topic
words (``inf``: never); then the sentence score alone (``score``), the answer judge alone
(``judge``) at each threshold, and the topic rules with the judge overruling them from each
``--rescue`` probability (``topic+judge``, at the settings' floor and sure cosine). Each search is done once and each question's sentences judged
once (memos); everything else is the product's own ask() and evaluate(). Thresholds belong to
the index's model.

    python bench/answer_gates.py train/data/valid-eval.jsonl --index DIR \
        [--topic 0.45 0.5] [--sure 0.6 inf] [--score 0.5 0.6] [--judge-thresholds 0.3 0.5] \
        [--rescue 0.7 0.8 0.9] [--judge MODEL]

Calibrate on the validation split (reports the models never trained on); report other files
with the threshold chosen there, never the other way round.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from indexer.ask.judge import CrossEncoderJudge, MemoJudge  # noqa: E402
from indexer.config import load_settings  # noqa: E402
from indexer.evaluate import evaluate, load_questions  # noqa: E402
from indexer.library import Library  # noqa: E402


class MemoSearcher:
    """The library's searcher, each search done once: thresholds change answers, not hits."""

    def __init__(self, searcher: Any) -> None:
        self.searcher = searcher
        self.memo: dict[str, Any] = {}

    def __getattr__(self, name: str) -> Any:
        return getattr(self.searcher, name)

    def search(self, query: str, filters: Any, k: int, **kwargs: Any) -> Any:
        key = repr((query, filters, k, kwargs.get("topic")))
        if key not in self.memo:
            self.memo[key] = self.searcher.search(query, filters, k, **kwargs)
        return self.memo[key]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("questions", type=Path)
    parser.add_argument("--index", required=True)
    parser.add_argument("--judge", default=None, help="judge model (default: the settings')")
    parser.add_argument("--topic", type=float, nargs="*", default=[0.45, 0.5, 0.55],
                        help="thresholds of the topic rules (each with every --sure)")
    parser.add_argument("--sure", type=float, nargs="*", default=[0.6, float("inf")],
                        help="with the topic rules, the cosine from which a sentence is quoted off the topic words")
    parser.add_argument("--score", type=float, nargs="*", default=[0.45, 0.5, 0.55, 0.6])
    parser.add_argument("--judge-thresholds", type=float, nargs="*", default=[0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8])
    parser.add_argument("--rescue", type=float, nargs="*", default=[0.7, 0.8, 0.9],
                        help="probabilities from which the judge overrules the topic rules")
    args = parser.parse_args()
    settings = load_settings(index_dir=args.index, answer_gate="topic")
    library = Library.open(settings)
    library.__dict__["searcher"] = MemoSearcher(library.searcher)  # a cached_property, set once
    rows = load_questions(args.questions)
    inf = float("inf")
    runs = [("topic", t, sure) for sure in args.sure for t in args.topic]
    runs += [("score", t, inf) for t in args.score] + [("judge", t, inf) for t in args.judge_thresholds]
    runs += [("topic+judge", t, settings.sure_answer_cosine) for t in args.rescue]
    judged = args.judge_thresholds or args.rescue
    judge = MemoJudge(CrossEncoderJudge(args.judge or settings.judge)) if judged else None
    for gate, threshold, sure in runs:
        library.judge = judge if gate in ("judge", "topic+judge") else None
        chosen = {"judge": "min_judge_score", "topic+judge": "judge_rescue_score"}.get(gate, "min_answer_score")
        library.settings = replace(settings, answer_gate=gate, sure_answer_cosine=sure, **{chosen: threshold})
        r = evaluate(library, rows)
        overall = r.get("overall", {})
        print(json.dumps({
            "gate": gate, "threshold": threshold, "sure": None if sure == inf else sure, "recall@5": overall.get("recall@5"), "mrr": overall.get("mrr"),
            "answer_hit": r["answer_hit"], "answer_precision": r["answer_precision"],
            "abstention_accuracy": r["abstention_accuracy"],
            "near_miss_declined": r["abstention_near_miss"]["declined"],
            "off_topic_declined": r["abstention_off_topic"]["declined"],
        }), flush=True)


if __name__ == "__main__":
    main()
