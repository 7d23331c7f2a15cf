"""Would weights learned from the eval questions beat the hand-set ones?

    python bench/learned_weights.py --index DIR FILES... [--seed-index DIR --seed-files FILES...]

Two logistic models (scikit-learn, which sentence-transformers installs), scored by five-fold
cross-validation grouped by report, so no report's questions are both fitted and scored:

* the second stage: the hybrid top 20 per question, each passage described by its fused score,
  dense and BM25 scores, best and second-best sentence cosine, the share of topic groups it names,
  whether it names the most telling one, the question's words it holds weighted by rarity, and
  its heading's cosine; against `rerank.py`'s hand weights;
* the answer: the candidate sentences of the top 5 passages (`answer._candidates`), each with its
  cosine and the gap to the best, word overlap plain and weighted by rarity, its passage's score
  and rank, the topic groups it and its passage name, its length and whether it ends as a
  sentence; only sentences the topic gate passes can be quoted, as in `answer.py`; against the
  hand score (0.45 to answer, quotes within 0.8 of the best). Near-miss rows count as declined
  when nothing reaches the threshold.

The hand weights were tuned on these questions, so the comparison favours them. Figures: README.
"""

from __future__ import annotations

import argparse
import json
import math
import os
from pathlib import Path
from typing import Any

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")

from ranking import first_gold, report  # noqa: E402

from indexer.ask.answer import PASSAGES_READ, _candidates  # noqa: E402
from indexer.ask.rerank import SENTENCE_WEIGHT, TOPIC_WEIGHT  # noqa: E402
from indexer.ask.search import Searcher  # noqa: E402
from indexer.ask.topic import is_procedural, on_topic, speaks_to  # noqa: E402
from indexer.config import load_settings  # noqa: E402
from indexer.evaluate import _filters, contains_evidence  # noqa: E402
from indexer.ingest.sentences import sentence_spans  # noqa: E402
from indexer.library import Library  # noqa: E402
from indexer.store.lexical import query_terms, tokenize  # noqa: E402

PASSAGE = ("fused", "dense", "lex", "best", "second", "share", "key", "rare", "heading")
SENTENCE = ("cos", "gap", "overlap", "rare", "passage", "rank", "s_share", "s_key", "p_key", "p_share", "length", "end")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--index", type=Path, required=True)
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--seed-index", type=Path)
    parser.add_argument("--seed-files", nargs="*", type=Path, default=[])
    args = parser.parse_args()
    questions = _read(args.index, args.files)
    if args.seed_index:
        questions += _read(args.seed_index, args.seed_files)
    passage_scores = _cross_validate(questions, "passages", PASSAGE)
    print("Second stage (answerable questions):")
    hand = [
        np.array([(1 - SENTENCE_WEIGHT) * p["fused"] + SENTENCE_WEIGHT * p["best"] + TOPIC_WEIGHT * p["share"]
                  for p in q["passages"]])
        for q in questions
    ]
    report({
        name: [first_gold(s, {i for i, p in enumerate(q["passages"]) if p["gold"]})
               for q, s in zip(questions, scores) if q["answerable"]]
        for name, scores in (("hand weights (rerank.py)", hand), ("learned", passage_scores))
    })
    sentence_p = _cross_validate(questions, "sentences", SENTENCE)
    print("Answers (quotes among the sentences the topic gate passes):")
    hand_s = [[c["score"] if c["gate"] else 0.0 for c in q["sentences"]] for q in questions]
    print("  hand score, 0.45:", _answers(questions, hand_s, 0.45, 0.8))
    for tau in (0.02, 0.05, 0.1, 0.2):
        gated = [[p if c["gate"] else 0.0 for p, c in zip(ps, q["sentences"])] for ps, q in zip(sentence_p, questions)]
        print(f"  learned, threshold {tau}:", _answers(questions, gated, tau, 0.5))


def _read(index: Path, files: list[Path]) -> list[dict[str, Any]]:
    lib = Library.open(load_settings(index_dir=index))
    flat = Searcher(lib.index, lib.embedder, lib.settings.dense_weight, lib.settings.ann_ef_search, 0)
    out = []
    for path in files:
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            if row.get("kind") == "offtopic":
                continue
            query, applied, missing = lib.resolve(row["question"], _filters(row))
            if missing and not applied.authorities:
                continue
            topic, qv = lib.topic(query), lib.embedder.embed([query])[0]
            evidence = row.get("evidence") or []
            terms = set(query_terms(query))
            weight = {t: math.log(1 + lib.index.lexical.rarity(t)) for t in terms}
            total = sum(weight.values()) or 1.0

            def rare(text: str) -> float:
                return sum(weight[t] for t in terms & set(tokenize([text])[0])) / total  # noqa: B023

            def share(text: str) -> float:
                groups = topic.groups  # noqa: B023
                return sum(speaks_to(text, g) for g in groups) / len(groups) if groups else 1.0

            def key(text: str) -> float:
                return float(speaks_to(text, topic.groups[0])) if topic.groups else 1.0  # noqa: B023

            top20 = flat.search(query, applied, 20, query_vector=qv, topic=topic)
            if not top20:
                continue
            high, lex_high = max(h.score for h in top20) or 1.0, max(h.lexical for h in top20) or 1.0
            passages = []
            for hit in top20:
                text = hit.passage.text
                cosines = np.sort(lib.embedder.embed([text[s:e] for s, e in sentence_spans(text)] or [text]) @ qv)[::-1]
                heading = float(lib.embedder.embed([hit.passage.section])[0] @ qv) if hit.passage.section else 0.0
                passages.append({
                    "fused": hit.score / high, "dense": hit.dense, "lex": hit.lexical / lex_high,
                    "best": float(cosines[0]), "second": float(cosines[:2].mean()), "share": share(text),
                    "key": key(text), "rare": rare(text), "heading": heading,
                    "gold": bool(evidence) and contains_evidence(text, evidence),
                })
            hits = lib.searcher.search(query, applied, 10, query_vector=qv, topic=topic)
            candidates = _candidates(query, hits[:PASSAGES_READ], lib.embedder, qv)
            best_cos = max((c.cosine for c in candidates), default=0.0)
            best_hit = max(h.score for h in hits) or 1.0
            sentences = []
            for c in candidates:
                if is_procedural(c.text):
                    continue
                around = hits[c.hit_rank].passage.text
                sentences.append({
                    "cos": c.cosine, "gap": c.cosine - best_cos, "overlap": c.overlap, "rare": rare(c.text),
                    "passage": hits[c.hit_rank].score / best_hit, "rank": c.hit_rank, "s_share": share(c.text),
                    "s_key": key(c.text), "p_key": key(around), "p_share": share(around),
                    "length": math.log(len(c.text.split())), "end": float(c.text[-1] in ".!?\"”’')"),
                    "gate": on_topic(c.text, topic, around, c.cosine), "score": c.score,
                    "gold": bool(evidence) and contains_evidence(c.text, evidence),
                })
            answerable = bool(evidence) and row.get("expect_answered", True) is not False
            group = f"{index}:{row.get('file') or row['id']}"
            out.append({"group": group, "answerable": answerable, "passages": passages, "sentences": sentences})
    lib.close()
    return out


def _cross_validate(questions: list[dict[str, Any]], part: str, features: tuple[str, ...]) -> list[np.ndarray]:
    from sklearn.linear_model import LogisticRegression

    groups = sorted({q["group"] for q in questions})
    fold = {g: i % 5 for i, g in enumerate(np.random.default_rng(0).permutation(groups))}
    out: list[np.ndarray] = [np.zeros(len(q[part])) for q in questions]
    for k in range(5):
        train = [q for q in questions if fold[q["group"]] != k]
        x = np.array([[item[f] for f in features] for q in train for item in q[part]])
        y = np.array([item["gold"] for q in train for item in q[part]])
        model = LogisticRegression(max_iter=3000).fit(x, y)
        for i, q in enumerate(questions):
            if fold[q["group"]] == k and q[part]:
                out[i] = model.predict_proba(np.array([[item[f] for f in features] for item in q[part]]))[:, 1]
    return out


def _answers(questions: list[dict[str, Any]], scores: list[Any], threshold: float, ratio: float) -> str:
    hits = answerable = declined = near_misses = 0
    for q, raw in zip(questions, scores):
        s = np.asarray(raw, dtype=float)
        answers = s.size > 0 and s.max() >= threshold
        if q["answerable"]:
            answerable += 1
            if answers:
                chosen = [i for i in np.argsort(-s)[:4] if s[i] >= max(threshold, ratio * s.max())]
                hits += any(q["sentences"][i]["gold"] for i in chosen)
        else:
            near_misses += 1
            declined += not answers
    return f"answer-hit {hits / max(1, answerable):.3f} (n={answerable}), near misses declined {declined}/{near_misses}"


if __name__ == "__main__":
    main()
