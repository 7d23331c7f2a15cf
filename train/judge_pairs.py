"""(question, sentence, label) pairs for the answer judge, from ``train/data``.

A sentence is cut from its passage as the product cuts candidates (indexer.ask.answer): a
sentence that answers holds part of the evidence (1). Not answers (0): another sentence of the
same passage that shares none of the evidence, the hard negative's sentences that share most
words with the question, a sentence of another report, and, for a question that must be declined,
the sentences BM25 ranks highest among the passages the data holds for its authority (or for
every authority, when it names none). And so that the judge cannot learn a near miss from its
wording ("Does X run the Pause programme?") rather than from what the sentence says, the same
question is paired with sentences of other authorities' reports that do say its topic (the
regular expression its ``why`` records): answers (1). Deterministic for a seed.
"""

from __future__ import annotations

import random
import re
from collections import defaultdict
from collections.abc import Iterable

import bm25s
import Stemmer
from build_data import norm

from indexer.ingest.sentences import sentence_spans

_STEMMER = Stemmer.Stemmer("english")


def sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in sentence_spans(text) if len(text[s:e].split()) >= 4]


def _answers(sentence: str, evidence: str) -> bool:
    """The sentence holds the evidence, or the evidence holds the sentence, or they share a run
    of at least six words (the evidence crosses a sentence end)."""
    s, e = norm(sentence), norm(evidence)
    if e in s or s in e:
        return True
    words = e.split()
    return any(" ".join(words[i:i + 6]) in s for i in range(max(1, len(words) - 5)))


def _overlap(question: str, sentence: str) -> int:
    q = set(re.findall(r"[a-z]{4,}", question.lower()))
    return len(q & set(re.findall(r"[a-z]{4,}", sentence.lower())))


def pairs(questions: Iterable[dict], declined: Iterable[dict], seed: int = 16,
          per_declined: int = 4, said_elsewhere: int = 2) -> list[tuple[str, str, int]]:
    rng = random.Random(seed)
    questions, declined = list(questions), list(declined)
    out: list[tuple[str, str, int]] = []
    every = [s for r in questions for s in sentences(r["passage"])]
    for r in questions:
        own = sentences(r["passage"])
        good = [s for s in own if _answers(s, r["evidence"])]
        if not good:
            continue
        out.extend((r["question"], s, 1) for s in good)
        others = [s for s in own if s not in good]
        if others:
            out.append((r["question"], rng.choice(others), 0))
        if r.get("negative"):
            hard = sorted(sentences(r["negative"]), key=lambda s: -_overlap(r["question"], s))[:2]
            out.extend((r["question"], s, 0) for s in hard if not _answers(s, r["evidence"]))
        stranger = rng.choice(every)
        if not _answers(stranger, r["evidence"]):
            out.append((r["question"], stranger, 0))
    if per_declined:
        out.extend(_declined_pairs(questions, declined, per_declined))
        if said_elsewhere:
            out.extend(_said_elsewhere(questions, declined, said_elsewhere, rng))
    rng.shuffle(out)
    return out


_TOPIC_PATTERN = re.compile(r"/(.+?)/i?(?=[\s,.;)]|$)")


def _said_elsewhere(questions: list[dict], declined: list[dict], per_question: int,
                    rng: random.Random) -> list[tuple[str, str, int]]:
    """A near miss asked of an authority whose reports do say its topic is answered by the
    sentence that says it: up to ``per_question`` such sentences of other authorities' passages."""
    pool = sorted({(r["authority"] or "", s) for r in questions for text in (r["passage"], r.get("negative"))
                   if text for s in sentences(text)})
    out: list[tuple[str, str, int]] = []
    for d in declined:
        found = _TOPIC_PATTERN.search(d.get("why") or "") if d["kind"] == "near_miss" else None
        if found is None:
            continue
        topic = re.compile(found.group(1), re.IGNORECASE)
        saying = [s for authority, s in pool if authority != d.get("authority") and topic.search(s)]
        out.extend((d["question"], s, 1) for s in rng.sample(saying, min(per_question, len(saying))))
    return out


def _declined_pairs(questions: list[dict], declined: list[dict], per_question: int = 4) -> list[tuple[str, str, int]]:
    pools: dict[str | None, list[str]] = defaultdict(list)
    for r in questions:
        for text in (r["passage"], r.get("negative")):
            if text:
                pools[r["authority"]].extend(sentences(text))
                pools[None].extend(sentences(text))
    out: list[tuple[str, str, int]] = []
    retrievers: dict[str | None, tuple[bm25s.BM25, list[str]]] = {}
    for d in declined:
        key = d.get("authority") if d.get("authority") in pools else None
        if key not in retrievers:
            pool = sorted(set(pools[key]))
            model = bm25s.BM25()
            model.index(bm25s.tokenize(pool, stemmer=_STEMMER, show_progress=False), show_progress=False)
            retrievers[key] = (model, pool)
        model, pool = retrievers[key]
        ids, _ = model.retrieve(bm25s.tokenize([d["question"]], stemmer=_STEMMER, show_progress=False),
                                k=min(per_question, len(pool)), show_progress=False)
        out.extend((d["question"], pool[int(i)], 0) for i in ids[0])
    return out
