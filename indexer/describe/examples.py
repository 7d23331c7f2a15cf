"""Example questions a library can answer, for the app's first page."""

from __future__ import annotations

from collections.abc import Sequence

from indexer.types import Document

_EXAMPLE_TOPICS = [
    ("care leavers", "How well are care leavers supported in {authority}?"),
    ("pre-proceedings", "What is said about pre-proceedings in {authority}?"),
    ("neglect", "How is neglect handled in {authority}?"),
    ("exploitation", "How are children at risk of exploitation helped in {authority}?"),
    ("caseloads", "What has happened to caseloads in {authority}?"),
    ("domestic abuse", "How do services respond to domestic abuse in {authority}?"),
    ("missing", "Do children who go missing get return home interviews in {authority}?"),
]


def example_questions(documents: Sequence[Document], n: int = 3) -> list[str]:
    """Questions the documents can answer: common topics, with the authority most written about."""
    out: list[str] = []
    for topic, template in _EXAMPLE_TOPICS:
        best = None
        for doc in documents:
            count = doc.text.lower().count(topic)
            if doc.authority and count and (best is None or count > best[0]):
                best = (count, doc.authority)
        if best:
            out.append(template.format(topic=topic, authority=best[1]))
        if len(out) == n:
            break
    return out
