from pathlib import Path

from conftest import CORPUS, FakeEmbedder
from fixtures import write_pdf

from indexer.describe.authorities import gazetteer
from indexer.describe.metadata import describe
from indexer.ingest.chunking import chunk
from indexer.ingest.cleaning import clean
from indexer.ingest.readers import read
from indexer.ingest.sentences import sentence_spans
from indexer.types import READER_COMMENTS, Passage


def passages_of(path: Path, max_tokens: int = 200) -> tuple[str, list[Passage]]:
    extracted = read(path)
    cleaned = clean(extracted)
    doc = describe(path.name, "sha", extracted, cleaned, gazetteer())
    return doc.text, chunk(doc, cleaned.blocks, FakeEmbedder().count_tokens, max_tokens)


def test_ofsted_paragraph_numbers() -> None:
    _, passages = passages_of(next(CORPUS.glob("004_*")))
    dentist = [p for p in passages if p.text.startswith("27. Too many children wait too long to see a dentist")]
    assert len(dentist) == 1 and dentist[0].paragraph == 27
    assert dentist[0].section and dentist[0].section.startswith("The experiences and progress of children in care")
    # Paragraph 2 ran across a page break: one passage, still paragraph 2.
    two = [p for p in passages if p.paragraph == 2]
    assert len(two) == 1 and "proportionate information-gathering" in two[0].text


def test_passages_are_verbatim_with_offsets() -> None:
    for path in CORPUS.iterdir():
        text, passages = passages_of(path)
        assert passages
        for p in passages:
            assert text[p.start : p.end] == p.text


def test_every_sentence_survives_in_a_passage() -> None:
    for path in CORPUS.iterdir():
        text, passages = passages_of(path)
        joined = "\n".join(p.text for p in passages)
        for s, e in sentence_spans(text):
            assert text[s:e] in joined


def test_long_paragraphs_split_at_sentences_within_budget() -> None:
    fake = FakeEmbedder()
    _, passages = passages_of(next(CORPUS.glob("001_*")), max_tokens=60)
    assert max(fake.count_tokens([p.text for p in passages])) <= 60
    ends = [p.text[-1] in ".!?:;)’”'\"" for p in passages if len(p.text) > 200]
    assert sum(ends) >= 0.8 * len(ends)  # cut inside a sentence only when one sentence is too long


def test_no_boilerplate_passage() -> None:
    for path in CORPUS.iterdir():
        _, passages = passages_of(path)
        assert not any("regulates and inspects" in p.text for p in passages)


def test_reader_comments_section() -> None:
    _, passages = passages_of(next(CORPUS.glob("003_*")))
    despair = next(p for p in passages if "I despair" in p.text)
    assert despair.section == READER_COMMENTS
    article = next(p for p in passages if "decline in strategic leadership" in p.text)
    assert article.section != READER_COMMENTS


def test_pdf_passages_have_pages(tmp_path: Path) -> None:
    _, passages = passages_of(write_pdf(tmp_path / "r.pdf"))
    assert passages and all(p.page is not None for p in passages)
    assert next(p for p in passages if p.text.startswith("5. ")).page == 2
    assert not any("Page 1 of" in p.text for p in passages)


def test_ids_are_content_hashes() -> None:
    _, first = passages_of(next(CORPUS.glob("000_*")))
    _, again = passages_of(next(CORPUS.glob("000_*")))
    assert [p.id for p in first] == [p.id for p in again]
    assert len({p.id for p in first}) == len(first)


def test_council_papers_keep_their_own_paragraph_numbers() -> None:
    _, passages = passages_of(next(CORPUS.glob("002_*")))
    vacancies = next(p for p in passages if "31 permanent qualified vacancies" in p.text)
    assert vacancies.label is None and vacancies.section == "5.2 Recruitment and Retention"
    members = next(p for p in passages if p.text.startswith("3.1 For Members of the Scrutiny Committee"))
    assert members.label == "3.1"
