"""Reference formats for a cited passage, in one place: plain text, Markdown, and copy text."""

from __future__ import annotations

import re
from datetime import date

from indexer.types import READER_COMMENTS, Document, Passage

_OFSTED_TYPES = {"inspection", "focused_visit", "monitoring_visit", "jtai", "area_send"}


def publisher(doc: Document) -> str:
    if doc.doc_type in _OFSTED_TYPES:
        return "Ofsted"
    if doc.doc_type == "committee_report" and doc.authority:
        return f"{doc.authority} Council"
    return doc.authority or "Unknown author"


def long_date(iso: str | None) -> str | None:
    if not iso:
        return None
    d = date.fromisoformat(iso)
    return f"{d.day} {d.strftime('%B %Y')}"


def location(doc: Document, passage: Passage) -> str:
    """Where in the document: the paragraph, else the page, else the section."""
    if passage.section == READER_COMMENTS:
        return "reader comment (not part of the article)"
    if passage.label is not None:
        where = f"para. {passage.label}"
        return f"{where}, p. {passage.page}" if passage.page is not None else where
    if passage.page is not None:
        return f"p. {passage.page}"
    if passage.section:
        return f"section '{passage.section}'"
    return "opening"


def _parts(doc: Document, passage: Passage) -> tuple[str, str, list[str]]:
    year = str(doc.year) if doc.year else "n.d."
    head = f"{publisher(doc)} ({year})"
    title = doc.title or doc.path
    tail: list[str] = []
    if doc.authority and doc.authority.lower() not in title.lower() and doc.authority not in head:
        tail.append(doc.authority)
    when = long_date(doc.date)
    if when:
        tail.append(when)
    tail.append(location(doc, passage))
    return head, title, tail


def reference(doc: Document, passage: Passage) -> str:
    """``Ofsted (2022) Monitoring visit to Blackpool children's services, 19 July 2022, para. 12.``"""
    head, title, tail = _parts(doc, passage)
    text = f"{head} {title}, {', '.join(tail)}."
    return f"{text} {doc.url}" if doc.url else text


def markdown_reference(doc: Document, passage: Passage) -> str:
    head, title, tail = _parts(doc, passage)
    text = f"{head} *{escape_markdown(title)}*, {', '.join(tail)}."
    return f"{text} <{doc.url}>" if doc.url else text


def copy_text(quote: str, doc: Document, passage: Passage) -> str:
    """What a user pastes into a report: the quote, then its full reference."""
    return f"\u201c{' '.join(quote.split())}\u201d\n{reference(doc, passage)}"


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=^])")


def escape_markdown(text: str) -> str:
    """Text shown literally in Markdown: no emphasis, links, images, HTML or maths from a document."""
    return _MD_SPECIAL.sub(r"\\\1", text).replace("\n", "  \n")
