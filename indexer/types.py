"""Frozen records handed from one stage to the next."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

DOC_TYPES = (
    "inspection",
    "focused_visit",
    "monitoring_visit",
    "jtai",
    "area_send",
    "committee_report",
    "news",
    "other",
)

READER_COMMENTS = "Reader comments"


@dataclass(frozen=True)
class Extracted:
    """What a reader got out of one file, before cleaning."""

    pages: tuple[str, ...]
    title: str | None = None
    url: str | None = None
    date: str | None = None
    comments: tuple[str, ...] = ()
    is_pdf: bool = False
    # A layout-aware reader (PDF) hands over whole paragraphs and footnotes, each with its page.
    paragraphs: tuple[tuple[str, int], ...] = ()
    footnotes: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True)
class Block:
    """One paragraph (or list) of cleaned text: offsets into ``Cleaned.text``."""

    start: int
    end: int
    page: int | None


@dataclass(frozen=True)
class Cleaned:
    text: str
    blocks: tuple[Block, ...]
    comments_start: int | None = None


@dataclass(frozen=True)
class Document:
    path: str
    sha: str
    title: str
    authority: str | None
    authorities_mentioned: tuple[str, ...]
    date: str | None
    year: int | None
    doc_type: str
    text: str
    judgements: dict[str, str] = field(default_factory=dict)
    inspection_dates: str | None = None
    url: str | None = None
    comments_start: int | None = None

    @property
    def id(self) -> str:
        """An opaque id for clients of the service (never a path to open), the same in every
        generation while the document keeps its path."""
        return hashlib.sha256(self.path.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Passage:
    id: str
    path: str
    text: str
    start: int
    end: int
    paragraph: int | None
    page: int | None
    section: str | None
    # How the document itself numbers this paragraph ("27", "3.2a"), for references; None when
    # the document numbers its paragraphs but not this one.
    label: str | None = None
    # Word pieces in ``text`` when it was chunked (0 when read back from an index).
    tokens: int = field(default=0, compare=False)

    @property
    def is_reader_comment(self) -> bool:
        return self.section == READER_COMMENTS


@dataclass(frozen=True)
class Filters:
    authorities: tuple[str, ...] = ()
    year_from: int | None = None
    year_to: int | None = None
    doc_types: tuple[str, ...] = ()
    # field name -> "flag" or the words of the question it was read from
    sources: dict[str, str] = field(default_factory=dict)
    # (part of a judgement's label, or "" for any judgement; grade), lower case: either pair admits
    grades: tuple[tuple[str, str], ...] = ()
    # The year was read from a question naming a document ("Hull's 2014 inspection"): a document
    # then passes when it was published or inspected in those years.
    year_pinned: bool = False

    @property
    def empty(self) -> bool:
        return not (self.authorities or self.year_from or self.year_to or self.doc_types or self.grades)

    def describe(self) -> dict[str, str]:
        """Each filter in words: {"authority": "Blackpool or York", "year": "2019–2022", ...}."""
        parts = {}
        if self.authorities:
            parts["authority"] = " or ".join(self.authorities)
        if self.year_from is not None or self.year_to is not None:
            parts["year"] = f"{self.year_from or '…'}–{self.year_to or '…'}"
        if self.doc_types:
            parts["type"] = " or ".join(self.doc_types)
        if self.grades:
            parts["grade"] = " or ".join(f"{name or 'any judgement'}: {grade}" for name, grade in self.grades)
        return parts

    def as_dict(self) -> dict[str, object]:
        return {
            "authority": list(self.authorities),
            "year_from": self.year_from,
            "year_to": self.year_to,
            "type": list(self.doc_types),
            "sources": dict(self.sources),
            "grade": [f"{name}={grade}" if name else grade for name, grade in self.grades],
            "year_pinned": self.year_pinned,
        }


@dataclass(frozen=True)
class Hit:
    passage: Passage
    document: Document
    score: float
    dense: float = 0.0
    lexical: float = 0.0
    row: int = -1  # the passage's row in the index it came from (-1: not from an index)


@dataclass(frozen=True)
class Citation:
    n: int
    hit: Hit
    reference: str
    markdown: str


@dataclass(frozen=True)
class Sentence:
    text: str
    citation: int


@dataclass(frozen=True)
class Answer:
    question: str
    answered: bool
    text: str
    sentences: tuple[Sentence, ...]
    citations: tuple[Citation, ...]
    hits: tuple[Hit, ...]
    filters: Filters
    message: str = ""
    # A decline under filters, when documents outside them discuss the topic: the filters to widen to.
    wider: Filters | None = None
