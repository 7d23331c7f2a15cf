"""Sentence boundaries: what a quote can be."""

from indexer.ingest.sentences import sentence_spans


def _sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in sentence_spans(text)]


def test_a_bulleted_item_is_split_into_its_sentences() -> None:
    # Real letters to children (Kirklees, 2016): sentencex leaves a line that starts with "•" whole.
    text = (
        "• Inspectors found that many services are poor.\n"
        "• Social workers take too long to decide, leaving some of you unsafe at home. When you do "
        "become looked after, you often live many miles from your home.\n"
        "  ● Plans are not good enough. Leaders know this."
    )
    assert _sentences(text) == [
        "• Inspectors found that many services are poor.",
        "• Social workers take too long to decide, leaving some of you unsafe at home.",
        "When you do become looked after, you often live many miles from your home.",
        "● Plans are not good enough.",
        "Leaders know this.",
    ]


def test_lines_and_numbered_paragraphs_stay_apart() -> None:
    text = "27. Social workers know their children well. They visit them, e.g. at school.\nA table row"
    assert _sentences(text) == [
        "27.", "Social workers know their children well.", "They visit them, e.g. at school.", "A table row",
    ]
