from indexer.ask.citations import copy_text, escape_markdown, markdown_reference, reference
from indexer.types import READER_COMMENTS, Document, Passage


def doc(**changes) -> Document:  # type: ignore[no-untyped-def]
    base = dict(path="a.txt", sha="s", title="Monitoring visit to Blackpool children's services",
                authority="Blackpool", authorities_mentioned=(), date="2022-07-19", year=2022,
                doc_type="monitoring_visit", text="")
    base.update(changes)
    return Document(**base)  # type: ignore[arg-type]


def passage(**changes) -> Passage:  # type: ignore[no-untyped-def]
    base = dict(id="p", path="a.txt", text="Quote.", start=0, end=6, paragraph=12, page=None, section=None, label="12")
    base.update(changes)
    return Passage(**base)  # type: ignore[arg-type]


def test_reference_formats() -> None:
    assert reference(doc(), passage()) == \
        "Ofsted (2022) Monitoring visit to Blackpool children's services, 19 July 2022, para. 12."
    assert reference(doc(title="Inspection report", url="https://x.org/r"), passage(paragraph=None, page=4, label=None)) == \
        "Ofsted (2022) Inspection report, Blackpool, 19 July 2022, p. 4. https://x.org/r"
    assert markdown_reference(doc(), passage()).startswith("Ofsted (2022) *Monitoring visit to Blackpool")


def test_committee_and_comments() -> None:
    committee = doc(doc_type="committee_report", title="CHILDREN'S SOCIAL CARE IMPROVEMENT", date="2020-01-09", year=2020)
    assert reference(committee, passage(paragraph=3, label="3.1")) == \
        "Blackpool Council (2020) CHILDREN'S SOCIAL CARE IMPROVEMENT, 9 January 2020, para. 3.1."
    news = doc(doc_type="news", date=None, year=2019, title="Leadership void")
    assert "reader comment" in reference(news, passage(section=READER_COMMENTS, paragraph=40))


def test_copy_text_has_quote_and_reference() -> None:
    text = copy_text("Quote  with\nspaces.", doc(), passage())
    assert text == "\u201cQuote with spaces.\u201d\nOfsted (2022) Monitoring visit to Blackpool children's services, 19 July 2022, para. 12."


def test_markdown_escaping_leaves_markup_literal() -> None:
    assert escape_markdown("<script>alert(1)</script> **x** [a](b) $x$") == \
        "\\<script\\>alert\\(1\\)\\</script\\> \\*\\*x\\*\\* \\[a\\]\\(b\\) \\$x\\$"
