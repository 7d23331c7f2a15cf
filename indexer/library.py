"""The Python API that the CLI and the app call: open an index, search, ask."""

from __future__ import annotations

import functools
import logging
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Any

from indexer import across
from indexer.ask.answer import PASSAGES_READ, compose, decline
from indexer.ask.grading import printed_grade
from indexer.ask.judge import CrossEncoderJudge, Judge
from indexer.ask.query import parse_question
from indexer.ask.search import Searcher, authorities, doc_counts
from indexer.ask.topic import Topic, topic_of
from indexer.config import Settings
from indexer.describe.authorities import gazetteer
from indexer.describe.examples import example_questions
from indexer.describe.grades import parse_grade
from indexer.errors import UnknownDocType
from indexer.store.embedding import Embedder, SentenceTransformerEmbedder
from indexer.store.index import Index, open_index
from indexer.types import DOC_TYPES, Answer, Document, Filters, Hit

log = logging.getLogger(__name__)

QUESTION_FILTERS = frozenset({"authority", "year"})


def make_filters(
    authority: list[str] | None = None,
    year_from: int | None = None,
    year_to: int | None = None,
    doc_types: list[str] | None = None,
    grades: list[str] | None = None,
) -> Filters:
    """Filters as given by a user (flags, sidebar, URL): names checked and made canonical.

    ``grades`` are "judgement=grade" (or a grade alone, for any judgement)."""
    gaz = gazetteer()
    names = tuple(dict.fromkeys(gaz.canonical(a) for a in authority or [] if a.strip()))
    kinds = tuple(dict.fromkeys(t.strip() for t in doc_types or [] if t.strip()))
    for kind in kinds:
        if kind not in DOC_TYPES:
            raise UnknownDocType(kind, DOC_TYPES)
    sources: dict[str, str] = {}
    if names:
        sources["authority"] = "flag"
    if year_from is not None or year_to is not None:
        sources["year"] = "flag"
    if kinds:
        sources["type"] = "flag"
    pairs = tuple(dict.fromkeys(parse_grade(g) for g in grades or [] if g.strip()))
    if pairs:
        sources["grade"] = "flag"
    return Filters(names, year_from, year_to, kinds, sources, grades=pairs)


@dataclass
class Library:
    index: Index
    embedder: Embedder
    settings: Settings
    judge: Judge | None = None  # without one, answers follow the topic rules (ask/topic.py)

    @classmethod
    def open(cls, settings: Settings, embedder: Embedder | None = None, judge: Judge | None = None) -> Library:
        """The index of ``settings``; the judge they name (loaded once a process) unless one is given."""
        index = open_index(settings.index_dir, settings.model)
        if judge is None and settings.uses_judge:
            judge = shared_judge(settings.judge)
        return cls(index, embedder or SentenceTransformerEmbedder(settings.model), settings, judge)

    def preload_judge(self) -> None:
        """Start loading the answer judge in the background, so that no first answer waits for it."""
        preload = getattr(self.judge, "preload", None)
        if preload is not None:
            preload()

    @cached_property
    def searcher(self) -> Searcher:
        return Searcher(self.index, self.embedder, self.settings.dense_weight, self.settings.ann_ef_search,
                        self.settings.rerank_depth)

    @property
    def judge_alone(self) -> bool:
        """Does the judge alone decide what answers (a judge, and not the topic rules)?"""
        return self.judge is not None and not self.settings.topic_rules

    @property
    def min_score(self) -> float:
        """The judge's probability from which a sentence is quoted when it decides alone, or else
        the hand-weighted sentence score."""
        return self.settings.min_judge_score if self.judge_alone else self.settings.min_answer_score

    @property
    def topic_gate(self) -> bool:
        """Do the topic rules (ask/topic.py) decide as well as the sentence score?"""
        return self.settings.topic_rules

    @property
    def rescue_score(self) -> float | None:
        """The judge's probability from which a sentence the topic rules turn down is quoted."""
        if self.judge is None or self.settings.answer_gate != "topic+judge":
            return None
        return self.settings.judge_rescue_score

    @property
    def keep_score(self) -> float | None:
        """The judge's probability below which a sentence after an answer's first is not quoted."""
        if self.rescue_score is None or not self.settings.judge_keep_score:
            return None
        return self.settings.judge_keep_score

    @cached_property
    def indexed_authorities(self) -> set[str]:
        return authorities(self.index)

    def resolve(
        self, question: str, filters: Filters | None = None, read: frozenset[str] = QUESTION_FILTERS
    ) -> tuple[str, Filters, tuple[str, ...]]:
        parsed = parse_question(question, gazetteer(), filters or Filters(), self.indexed_authorities, read)
        return parsed.query, parsed.filters, parsed.missing

    def search(
        self, question: str, filters: Filters | None = None, k: int | None = None,
        read: frozenset[str] = QUESTION_FILTERS,
    ) -> tuple[list[Hit], Filters]:
        query, applied, missing = self.resolve(question, filters, read)
        if missing and not applied.authorities:
            return [], _with_missing(applied, missing)
        topic = self.topic(query)
        return self.searcher.search(query, applied, k or self.settings.k, topic=topic), applied

    def ask(
        self, question: str, filters: Filters | None = None, k: int | None = None,
        read: frozenset[str] = QUESTION_FILTERS,
    ) -> Answer:
        query, applied, missing = self.resolve(question, filters, read)
        if missing and not applied.authorities:
            names = " or ".join(missing)
            return decline(question, [], _with_missing(applied, missing), f"No documents about {names} are indexed.")
        absent = [a for a in applied.authorities if a not in self.indexed_authorities]
        if absent and len(absent) == len(applied.authorities):
            return decline(question, [], applied, f"No documents about {' or '.join(absent)} are indexed.")
        qv = self.embedder.embed([query])[0]
        topic = self.topic(query)
        hits = self.searcher.search(query, applied, k or self.settings.k, query_vector=qv, topic=topic)
        if not hits:
            return decline(question, [], applied, self.explain_empty(applied))
        hits = self._with_grade(question, topic, applied, hits)
        answer = self._compose(question, hits, applied, qv, query, topic)
        if not answer.answered and not applied.empty and (not topic.empty or not self.topic_gate):
            return self._offer_wider(answer, question, query, qv, topic)
        return answer

    def _compose(self, question: str, hits: list[Hit], filters: Filters, qv: Any, query: str, topic: Topic) -> Answer:
        """The answer from ``hits`` under this library's thresholds, rules and judge."""
        return compose(question, hits, filters, self.searcher.with_sentences(hits[:PASSAGES_READ]), self.min_score,
                       qv, query, topic, self.judge, topic_gate=self.topic_gate, rescue_score=self.rescue_score,
                       keep_score=self.keep_score, sure_cosine=self.settings.sure_answer_cosine, says=self.says)

    def _with_grade(self, question: str, topic: Topic, filters: Filters, hits: list[Hit]) -> list[Hit]:
        """A grade question's hits with the passage that prints the grade among those the answer
        reads (grading.py): the search's own ranking before it, so it is added, not promoted."""
        found = printed_grade(question, topic, filters.authorities, self.index.documents,
                              self.searcher.admitted_documents(filters).tolist(), self.index.passages_of)
        if found is None or any(h.passage.id == found[1].id for h in hits[:PASSAGES_READ]):
            return hits
        doc, passage = found
        rest = [h for h in hits if h.passage.id != passage.id]
        at = min(PASSAGES_READ - 1, len(rest))
        return rest[:at] + [Hit(passage, doc, rest[at - 1].score if at else 1.0)] + rest[at : len(hits) - 1]

    def topic(self, query: str) -> Topic:
        """What ``query`` (a question less its filter words) asks about, in this library's words."""
        return topic_of(query, self.index.lexical.rarity, self.index.acronyms, self.index.uses)

    def says(self, phrase: str) -> bool:
        """Does any passage of the library say ``phrase``? (One full-text lookup.)"""
        return self.index.uses(phrase) > 0

    def _offer_wider(self, answer: Answer, question: str, query: str, qv: Any, topic: Topic) -> Answer:
        """Nothing on the topic under the filters: say where documents outside them discuss it."""
        wider = replace(answer.filters, authorities=(), year_from=None, year_to=None, year_pinned=False,
                        sources={k: v for k, v in answer.filters.sources.items() if k not in ("authority", "year")})
        admitted = self.searcher.admitted_documents(answer.filters)  # already asked: not "outside"
        inside = {d.path for d, ok in zip(self.index.documents, admitted) if ok}
        hits = [h for h in self.searcher.search(query, wider, self.settings.k, query_vector=qv, topic=topic)
                if h.document.path not in inside]
        elsewhere = self._compose(question, hits, wider, qv, query, topic)
        where = []
        for citation in elsewhere.citations:
            doc = citation.hit.document
            label = f"{doc.authority or doc.title} ({doc.year or 'undated'})"
            if label not in where:
                where.append(label)
        if not where:
            return answer
        shown = ", ".join(where[:3]) + (" and others" if len(where) > 3 else "")
        message = answer.message.removesuffix("; the closest passages are below.") + f". Documents outside the filters do: {shown}."
        return replace(answer, message=message, wider=wider)

    def explain_empty(self, filters: Filters) -> str:
        """Which filter left nothing to search, in one sentence."""
        admitted = self.searcher.admitted_documents
        alone = {
            "authority": replace(Filters(), authorities=filters.authorities),
            "year": replace(Filters(), year_from=filters.year_from, year_to=filters.year_to,
                            year_pinned=filters.year_pinned),
            "type": replace(Filters(), doc_types=filters.doc_types),
            "grade": replace(Filters(), grades=filters.grades),
        }
        culprits = [name for name, f in alone.items() if not f.empty and not admitted(f).any()]
        return _empty_reason(filters, culprits)

    @cached_property
    def summary(self) -> dict[str, Any]:
        years = sorted({d.year for d in self.index.documents if d.year is not None})
        return {
            "documents": len(self.index.documents),
            "passages": self.index.size,
            "years": (years[0], years[-1]) if years else None,
            "built_at": self.index.manifest.get("built_at"),
            "authorities": doc_counts(self.index, "authority"),
            "doc_types": doc_counts(self.index, "doc_type"),
        }

    @cached_property
    def example_questions(self) -> list[str]:
        """Questions the corpus can answer: common topics, with the authority most written about."""
        return example_questions(self.index.documents)

    def document_index(self, path: str) -> int | None:
        return next((i for i, d in enumerate(self.index.documents) if d.path == path), None)

    @cached_property
    def _by_id(self) -> dict[str, int]:
        return {d.id: i for i, d in enumerate(self.index.documents)}

    def document_by_id(self, doc_id: str) -> int | None:
        """The row of the document with this opaque id (``Document.id``), if any."""
        return self._by_id.get(doc_id)

    def close(self) -> None:
        self.index.close()

    # Across reports and authorities (indexer/across/).

    def judgements(self, filters: Filters | None = None) -> list[Document]:
        """Every admitted document that has judgements, by authority and date."""
        return across.reports_with_judgements(self, filters or Filters())

    def compare(
        self, question: str, authorities: Sequence[str], filters: Filters | None = None
    ) -> tuple[across.Column, ...]:
        """One answer (or decline) per authority, under the same other filters."""
        return across.compare(self, question, authorities, filters or Filters())

    def timeline(
        self, authority: str, question: str = "", filters: Filters | None = None
    ) -> tuple[across.Entry, ...]:
        """The authority's documents in date order, each with its best answer to the question."""
        return across.timeline(self, authority, question, filters or Filters())


def _with_missing(filters: Filters, missing: tuple[str, ...]) -> Filters:
    sources = dict(filters.sources)
    sources["authority_not_indexed"] = ", ".join(missing)
    return replace(filters, sources=sources)


def _empty_reason(filters: Filters, culprits: list[str] | None = None) -> str:
    names = {"authority": "authority", "year": "years", "type": "type", "grade": "grade"}
    parts = {field: f"{names[field]} {value}" for field, value in filters.describe().items()}
    if culprits:
        named = "; ".join(parts[c] for c in culprits)
        return f"No indexed document matches the filter {named}: remove or widen it."
    return "No indexed document matches the filters (" + "; ".join(parts.values()) + ") together."


@functools.cache
def shared_judge(name: str) -> Judge:
    """One judge a model folder for the process: every index generation uses the same weights."""
    return CrossEncoderJudge(name)
