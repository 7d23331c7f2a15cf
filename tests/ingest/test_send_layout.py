"""Area SEND report structure: a report drawn run by run as the real ones are
(tests/send_fixtures.py ``write_send_layout_pdf``), read into paragraphs and passages."""


import pytest
from pdf_fixtures import blocks, read_described
from send_fixtures import write_send_layout_pdf

from indexer.ingest.chunking import chunk
from indexer.types import Block, Cleaned, Document, Passage


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Document, Cleaned]:
    return read_described(write_send_layout_pdf(tmp_path_factory.mktemp("send") / "9a1c.pdf"))


def words(texts: list[str]) -> int:
    return sum(len(t.split()) for t in texts)


def passages(report: tuple[Document, Cleaned], max_tokens: int = 512) -> list[Passage]:
    doc, cleaned = report
    return chunk(doc, cleaned.blocks, lambda texts: [len(t.split()) for t in texts], max_tokens)


def test_a_line_ending_high_over_one_starting_low_is_one_paragraph(report: tuple[Document, Cleaned]) -> None:
    # glyph boxes: "’" sits high and "p" hangs low, so boxes are further apart than the baselines
    assert any("Providers have ‘waiting well’ policies in place" in b for b in blocks(report[1]))


def test_a_list_item_runs_on_across_a_page_break_at_its_indent(report: tuple[Document, Cleaned]) -> None:
    assert any("well targeted. Support is tailored well" in b for b in blocks(report[1]))


def test_a_question_heading_names_the_section_of_its_list(report: tuple[Document, Cleaned]) -> None:
    items = [p for p in passages(report) if p.text.startswith("• The local area partnership")]
    assert items and {p.section for p in items} == {"What is the area partnership doing that is effective?"}


def test_a_long_list_is_split_between_its_items(report: tuple[Document, Cleaned]) -> None:
    items = [p for p in passages(report, max_tokens=40) if "parent carer forum" in p.text or "threshold" in p.text]
    assert len(items) > 1 and all(p.text.startswith("•") for p in items)


def test_responsible_body_cells_stay_beside_their_actions(report: tuple[Document, Cleaned]) -> None:
    table = [b for b in blocks(report[1]) if "Leaders should act with urgency" in b]
    assert len(table) == 1
    rows = table[0].split("\n")
    assert rows[0] == "Responsible body Areas for priority action"
    assert rows[1].startswith("Dorset Council and NHS Dorset Integrated Care Board\tLeaders should act with urgency")
    assert rows[2].startswith("Dorset Council and NHS Dorset Integrated Care Board\tLeaders should work more")
    sections = {p.section for p in passages(report) if "Leaders should act with urgency" in p.text}
    assert sections == {"Areas for priority action"}


def test_a_table_heading_cell_is_not_glued_to_its_first_item(report: tuple[Document, Cleaned]) -> None:
    texts = blocks(report[1])
    assert "Areas for improvement" in texts
    assert not any(t.startswith("Areas for improvement Leaders") for t in texts)
    assert any(t.startswith("Leaders should take action") for t in texts)  # the next item is its own


def test_the_complaints_line_is_not_glued_to_the_inspection_team(report: tuple[Document, Cleaned]) -> None:
    team = next(b for b in blocks(report[1]) if "Pippa Maitland" in b)
    assert "complain" not in team


def test_chunk_never_starts_a_passage_inside_a_bullet() -> None:
    text = "\n".join(f"• Item {n} has a first sentence here. It has a second sentence too." for n in range(6))
    doc = Document("d.txt", "sha", "d", None, (), None, None, "other", text)
    out = chunk(doc, [Block(0, len(text), None)], lambda texts: [len(t.split()) for t in texts], 30)
    assert len(out) > 1 and all(p.text.startswith("•") for p in out)
