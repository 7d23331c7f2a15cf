"""Extractive answers: the sentences of the retrieved passages that best answer the question,
quoted verbatim and cited; or an honest "not found" with the closest passages."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from itertools import takewhile

import numpy as np

from indexer.ask.citations import markdown_reference, reference
from indexer.ask.grading import asked_judgement, is_grade_of
from indexer.ask.judge import Judge, MemoJudge
from indexer.ask.topic import Topic, could_answer, is_procedural, names_a_term, on_topic, speaks_to
from indexer.describe.judgements import read_judgements
from indexer.ingest.sentences import BULLET, sentence_spans
from indexer.store.embedding import Embedder
from indexer.store.lexical import query_terms, tokenize
from indexer.types import READER_COMMENTS, Answer, Citation, Filters, Hit, Sentence

MAX_SENTENCES = 4
_LIST_MARKER = re.compile(rf"{BULLET}\s+|\(?[a-z0-9]{{1,3}}[.)]\s+(?=[A-Z])")
_ANAPHORA = re.compile(
    r"(This|These|That|Those|It|They|Their|Such|As a result|Consequently|However|Therefore|"
    r"In addition|Despite this|Because of this)\b"
)
PASSAGES_READ = 5
_SENTENCE_END = ".!?\"”’')"


@dataclass(frozen=True)
class _Candidate:
    hit_rank: int
    start: int
    end: int
    text: str
    cosine: float
    overlap: float
    score: float


def compose(
    question: str,
    hits: Sequence[Hit],
    filters: Filters,
    embedder: Embedder,
    min_score: float,
    query_vector: np.ndarray | None = None,
    query: str | None = None,
    topic: Topic | None = None,
    judge: Judge | None = None,
    topic_gate: bool = True,
    sure_cosine: float = float("inf"),
    says: Callable[[str], bool] | None = None,
    rescue_score: float | None = None,
    keep_score: float | None = None,
) -> Answer:
    """``query`` is the question without the words that became filters. Without ``topic_gate``,
    a ``judge`` decides alone: the sentences it rates at least ``min_score`` are quoted; without
    either, those whose score reaches it. With ``topic_gate``, only those whose score reaches it
    and that are on the question's ``topic`` (topic.py), or at least ``sure_cosine`` from the
    question, or (with a judge and a ``rescue_score``) that the judge rates an answer with at least
    ``rescue_score``. Never a sentence that merely runs the process. With a judge and a
    ``keep_score``, a sentence it rates below that is left out, after the first, or as the first
    where it is far from the question in meaning (a grade the report prints never is). ``says``
    tells whether the library says a phrase at all (asked only to word a decline)."""
    judge = MemoJudge(judge) if judge is not None else None  # rescued and doubted: rated once
    candidates = _candidates(query or question, hits[:PASSAGES_READ], embedder, query_vector)
    grades = _grades(question, topic, candidates, hits, min_score)
    off_topic = False  # did the topic rules turn down a sentence that scored enough?
    if judge is not None and not topic_gate:
        candidates = judged(question, [c for c in candidates if not is_procedural(c.text)], judge)
    elif topic is not None and topic_gate:
        kept = [c for c in candidates
                if (c.cosine >= sure_cosine and not is_procedural(c.text))
                or on_topic(c.text, topic, hits[c.hit_rank].passage.text, c.cosine)]
        if judge is not None and rescue_score is not None:
            kept = _rescued(question, candidates, kept, topic, judge, rescue_score, min_score, says)
        off_topic = any(c.score >= min_score for c in candidates) and not any(c.score >= min_score for c in kept)
        candidates = kept
    if grades:  # the grade asked for, as the report prints it, first
        lifted = {(g.hit_rank, g.start) for g in grades}
        candidates = grades + [c for c in candidates if (c.hit_rank, c.start) not in lifted]
    admitted: list[_Candidate] = []
    if candidates and candidates[0].score >= min_score:
        best = candidates[0].score
        admitted = list(takewhile(lambda c: c.score >= max(min_score, 0.8 * best), candidates))
        doubted = _doubted(question, admitted, grades, judge, keep_score)
        admitted = [c for c in admitted if c not in doubted]
    if not admitted:
        # "Discusses X" where the topic rules found the close passages not to speak of X, or no
        # passage says X at all; otherwise the question as asked ("No ... discusses spring" is
        # worse than no message when spring is not what was asked).
        unsaid = topic is not None and not topic.empty and says is not None and not says(topic.describe())
        if topic is not None and (off_topic or unsaid) and hits:
            message = f"No {scope(filters)} discusses {topic.describe()}; the closest passages are below."
        elif hits and (topic is not None and not topic.empty or not topic_gate):  # what was asked, as asked
            message = f"No {scope(filters)} answers “{question.strip()}”; the closest passages are below."
        elif hits:
            message = "The indexed documents do not answer this clearly; the closest passages are below."
        else:
            message = "Nothing in the indexed documents matches this question."
        return decline(question, hits, filters, message)
    chosen: list[_Candidate] = []
    for cand in admitted:
        if len(chosen) == MAX_SENTENCES:
            break
        if any(_similar(cand.text, c.text) or _overlaps(cand, c) for c in chosen):
            continue
        if sum(1 for c in chosen if c.hit_rank == cand.hit_rank) >= 2:
            continue
        chosen.append(cand)
    # A quote must stand in its passage word for word; anything else is never shown.
    chosen = [c for c in chosen if c.text in hits[c.hit_rank].passage.text]
    numbers: dict[int, int] = {}
    for cand in chosen:  # best first: the best passage is [1]
        numbers.setdefault(cand.hit_rank, len(numbers) + 1)
    # Quotes from one passage read in the passage's order.
    chosen.sort(key=lambda c: (numbers[c.hit_rank], c.start))
    sentences = [Sentence(c.text, numbers[c.hit_rank]) for c in chosen]
    citations = tuple(
        Citation(
            n=n,
            hit=hits[rank],
            reference=reference(hits[rank].document, hits[rank].passage),
            markdown=markdown_reference(hits[rank].document, hits[rank].passage),
        )
        for rank, n in sorted(numbers.items(), key=lambda item: item[1])
    )
    text = " ".join(f"{s.text} [{s.citation}]" for s in sentences)
    return Answer(question, True, text, tuple(sentences), citations, tuple(hits), filters)


def _grades(
    question: str, topic: Topic | None, candidates: list[_Candidate], hits: Sequence[Hit], min_score: float
) -> list[_Candidate]:
    """For a question that asks for a grade (grading.py), the rows, headings and overall sentences
    that print it, scored as the best sentence (at least the floor), the best passage's first;
    only from the newest report read, so that a grade since replaced ("Is Milton Keynes still rated
    requires improvement?") is never put above what a later report says, and only the grade the
    report itself was given, never an earlier inspection's that it lists."""
    labels = asked_judgement(question, topic) if topic is not None else None
    if not labels or not candidates:
        return []
    newest = max(hits[c.hit_rank].document.year or 0 for c in candidates)
    top = max(min_score, max(c.score for c in candidates))
    graded = sorted(
        (c for c in candidates if (hits[c.hit_rank].document.year or 0) == newest
         and is_grade_of(c.text, labels, hits[c.hit_rank].document.judgements)),
        key=lambda c: (c.hit_rank, c.start),
    )
    return [replace(c, score=top) for c in graded]


# The cosine to the question below which the judge's doubt declines an answer's best sentence.
FAR = 0.4

# The most sentences turned down by the topic rules that the judge reads again, best scored first.
RESCUE_AT_MOST = 12


def _rescued(
    question: str, candidates: list[_Candidate], kept: list[_Candidate], topic: Topic, judge: Judge,
    at_least: float, min_score: float, says: Callable[[str], bool] | None = None,
) -> list[_Candidate]:
    """``kept`` (in score order) with the sentences the topic rules turned down that the judge
    rates an answer with at least ``at_least``: the question's everyday words need not be the
    report's ("moved to the mainland": "living elsewhere"). Never when what the question asks
    about most tellingly is a name or a term ("Signs of Safety", "FDAC", "Mockingbird", "sexual
    health"; topic.names_a_term): a report that has it says it by name. Only sentences that could
    be quoted at all are read: whole sentences that could answer (topic.could_answer), speak to a
    topic word and reach the floor; the best scored ``RESCUE_AT_MOST`` of them."""
    if names_a_term(topic, question, says):
        return kept
    ruled_in = set(kept)
    turned_down = [c for c in candidates if c not in ruled_in and c.score >= min_score
                   and _quotable(c.text, topic)][:RESCUE_AT_MOST]
    if not turned_down:
        return kept
    probabilities = judge.score(question, [c.text for c in turned_down])
    saved = {c for c, p in zip(turned_down, probabilities) if p >= at_least}
    return [c for c in candidates if c in ruled_in or c in saved]


def _doubted(
    question: str, candidates: list[_Candidate], grades: list[_Candidate], judge: Judge | None,
    keep_score: float | None,
) -> set[_Candidate]:
    """The ``candidates`` (besides the grades) that the judge rates below ``keep_score``, except
    the first where it is close to the question in meaning (a cosine of ``FAR`` or more): the
    score admits sentences beside the best that only share its words ("The board has reviewed
    other multi-agency audits." for how often audits are done), and a best that neither the judge
    nor the encoder takes for an answer answers nothing ("Has Camden adopted the Family
    Safeguarding model?": a sentence on family group conferences)."""
    if judge is None or keep_score is None or not candidates:
        return set()
    lifted, first = set(grades), candidates[0]
    read = [c for c in candidates if c not in lifted][: 3 * MAX_SENTENCES]
    rated = zip(read, judge.score(question, [c.text for c in read]))
    return {c for c, p in rated if p < keep_score and (c != first or c.cosine < FAR)}


def _quotable(sentence: str, topic: Topic) -> bool:
    return _is_whole(sentence) and could_answer(sentence, topic) and any(speaks_to(sentence, g) for g in topic.groups)


def _is_whole(sentence: str) -> bool:
    """A sentence, not a heading or a fragment: it ends as sentences end."""
    return sentence.rstrip()[-1:] in _SENTENCE_END


def judged(question: str, candidates: list[_Candidate], judge: Judge) -> list[_Candidate]:
    """The candidates scored by the judge, best first; a sentence of a passage the retrieval
    ranked higher wins a tie."""
    probabilities = judge.score(question, [c.text for c in candidates])
    scored = [replace(c, score=float(p)) for c, p in zip(candidates, probabilities)]
    return sorted(scored, key=lambda c: (-c.score, c.hit_rank))


def scope(filters: Filters) -> str:
    """ "Blackpool document from 2022–2023", "indexed document", for messages."""
    words = []
    if filters.authorities:
        words.append(" or ".join(filters.authorities))
    words.append(" or ".join(t.replace("_", " ") for t in filters.doc_types) or "document")
    if filters.year_from is not None or filters.year_to is not None:
        if filters.year_from == filters.year_to:
            words.append(f"from {filters.year_from}")
        else:
            words.append(f"from {filters.year_from or '…'}–{filters.year_to or '…'}")
    return ("indexed " if not filters.authorities else "") + " ".join(words)


def decline(question: str, hits: Sequence[Hit], filters: Filters, message: str) -> Answer:
    return Answer(question, False, "", (), (), tuple(hits), filters, message)


def _candidates(
    question: str, hits: Sequence[Hit], embedder: Embedder, query_vector: np.ndarray | None
) -> list[_Candidate]:
    pieces: list[tuple[int, int, int]] = []
    for rank, hit in enumerate(hits):
        text = hit.passage.text
        spans = sentence_spans(text)
        for i, (s, e) in enumerate(spans):
            marker = _LIST_MARKER.match(text, s)
            if marker:
                s = marker.end()
            if i and _ANAPHORA.match(text, s):
                s = spans[i - 1][0]  # "This means ..." needs the sentence it refers to
                marker = _LIST_MARKER.match(text, s)
                s = marker.end() if marker else s
            sentence = text[s:e]
            if (len(sentence.split()) >= 4 or read_judgements([sentence])) and re.search(r"[A-Za-z]", sentence):
                pieces.append((rank, s, e))
    if not pieces:
        return []
    qv = query_vector if query_vector is not None else embedder.embed([question])[0]
    texts = [hits[rank].passage.text[s:e] for rank, s, e in pieces]
    vectors = embedder.embed(texts)
    cosines = np.einsum("ij,j->i", vectors, qv)  # no BLAS threads next to the encoder
    q_tokens = set(query_terms(question))
    top_score = max(h.score for h in hits) or 1.0
    out = []
    for (rank, start, end), sentence, cosine in zip(pieces, texts, cosines):
        s_tokens = set(tokenize([sentence])[0])
        overlap = len(q_tokens & s_tokens) / len(q_tokens) if q_tokens else 0.0
        hit = hits[rank]
        score = 0.55 * float(cosine) + 0.3 * overlap + 0.15 * (hit.score / top_score)
        if hit.passage.section == READER_COMMENTS:
            score *= 0.8
        if not _is_whole(sentence):
            score *= 0.9  # headings and fragments answer less than sentences do
        out.append(_Candidate(rank, start, end, sentence, float(cosine), overlap, score))
    out.sort(key=lambda c: -c.score)
    return out


def _overlaps(a: _Candidate, b: _Candidate) -> bool:
    return a.hit_rank == b.hit_rank and a.start < b.end and b.start < a.end


def _similar(a: str, b: str) -> bool:
    ta, tb = set(a.lower().split()), set(b.lower().split())
    return len(ta & tb) / max(1, min(len(ta), len(tb))) > 0.8
