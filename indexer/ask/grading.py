"""Questions that ask for Ofsted's grade: "What was Rochdale's overall judgement in 2023?", "How
was Surrey rated in 2018?", "What grade did Bromley get for care leavers?".

The answer is the judgement as the report prints it: a row of its judgement table ("Overall
effectiveness<TAB>Requires improvement to be good"), a section heading ("…help and protection:
good") or the overall sentence ("Children's services in Surrey are inadequate"), read as
describe/judgements.py reads them. A row says little to a sentence encoder (a label and one word),
so without this a grade question is declined with the table as its top passage, or answered with
a figure from the same report. A question about anything else that happens to say "judged" ("How
did inspectors judge the quality of EHC plans?") asks for no grade.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence

from indexer.ask.topic import Topic
from indexer.describe.grades import COLUMNS, by_column, column, normalise_grade
from indexer.describe.judgements import read_judgements
from indexer.ingest.sentences import sentence_spans
from indexer.types import Document, Passage

_ASKS_GRADE = re.compile(
    r"\b(?:grade[ds]?|grading|rat(?:ed|ing|ings)|judge[ds]?|judg(?:e)?ments?|verdict|"
    r"overall effectiveness)\b",
    re.I,
)
_LABEL_WORDS = dict(COLUMNS)
# The judgements a question can name, and the words of Ofsted's labels for each (the judgements
# table's columns, grades.py; adoption was a judgement of its own until 2018).
_AREAS = (
    (re.compile(r"\blead(?:ers|ership)\b|\bmanagement\b", re.I), _LABEL_WORDS["Leaders"]),
    (re.compile(r"help and protection|\bprotection\b", re.I), _LABEL_WORDS["Help and protection"]),
    (re.compile(r"care leavers?|leaving care", re.I), _LABEL_WORDS["Care leavers"]),
    # Not "the children in care council", the body of children every authority has.
    (re.compile(r"(?:children in care|looked[- ]after|\bin care\b)(?! council)", re.I), _LABEL_WORDS["Children in care"]),
    (re.compile(r"\badoption\b", re.I), ("adoption",)),
)
_OVERALL = (*_LABEL_WORDS["Overall effectiveness"], "overall judgement")
# Topic words that name the inspection or a grade, not what was inspected.
_INSPECTION_WORDS = frozenset(
    "ilacs ofsted inspection grade graded grades grading rating ratings rated verdict result results score "
    "effectiveness overall judgement judgment outstanding good requires require requiring improvement "
    "inadequate adequate".split()
)


def asked_judgement(question: str, topic: Topic) -> tuple[str, ...] | None:
    """The label words of the judgement ``question`` asks the grade of, or None when it asks no
    grade. No area named and nothing else asked about: the overall effectiveness."""
    if not _ASKS_GRADE.search(question):
        return None
    for pattern, labels in _AREAS:
        if pattern.search(question):
            return labels
    if all(word.lower() in _INSPECTION_WORDS for word in topic.words):
        return _OVERALL
    return None


def is_grade_of(sentence: str, labels: tuple[str, ...], judgements: Mapping[str, str]) -> bool:
    """Is ``sentence`` a judgement row, heading or overall sentence for one of ``labels``, giving
    the grade its report was given (``judgements``, the document's own)? A 2018 report lists the
    2015 inspection's grades ("• Overall effectiveness: Inadequate"): a row in the report's words,
    not the report's grade."""
    for label, grade in read_judgements([sentence]).items():
        if any(word in label.lower() for word in labels):
            given = by_column(judgements).get(column(label))
            if given is not None and normalise_grade(given) == normalise_grade(grade):
                return True
    return False


def printed_grade(
    question: str, topic: Topic, authorities: Sequence[str], documents: Sequence[Document],
    admitted: Sequence[bool], passages_of: Callable[[int], list[Passage]],
) -> tuple[Document, Passage] | None:
    """For a grade question about one authority, the passage of its newest report (under the
    filters) that gives the judgement asked about, the passage that prints its grade, whether or not the search ranked it: a table row
    says little to the retriever, and a report has one. None for other questions."""
    labels = asked_judgement(question, topic)
    if not labels or len(authorities) != 1:
        return None
    graded = [  # a later area SEND inspection grades something else
        i for i, (doc, ok) in enumerate(zip(documents, admitted))
        if ok and any(word in label.lower() for label in doc.judgements for word in labels)
    ]
    if not graded:
        return None
    newest = max(graded, key=lambda i: (documents[i].date or "", documents[i].year or 0))
    doc = documents[newest]
    for passage in passages_of(newest):
        if any(is_grade_of(passage.text[s:e], labels, doc.judgements) for s, e in sentence_spans(passage.text)):
            return doc, passage
    return None
