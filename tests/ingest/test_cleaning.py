from pathlib import Path

import pytest
from conftest import CORPUS
from fixtures import write_pdf

from indexer.ingest.cleaning import clean
from indexer.ingest.readers import read
from indexer.types import Extracted


def cleaned(name_prefix: str) -> str:
    path = next(CORPUS.glob(f"{name_prefix}_*"))
    return clean(read(path)).text


# Sentences that the seed files cut in two at a page break.
@pytest.mark.parametrize(
    ("prefix", "joined"),
    [
        ("000", "agency social workers in the strengthening and supporting families (SSF) teams"),
        ("001", "timely and supportive return home interviews"),
        ("002", "their perception of, and work with, the local community."),
        ("004", "along with proportionate information-gathering, means that most children"),
        ("004", "over-reliance on written agreements to manage risks"),
        ("004", "the regional adoption agency, Adoption Now, to account"),
    ],
)
def test_page_break_splits_are_rejoined(prefix: str, joined: str) -> None:
    assert joined in cleaned(prefix)


def test_ofsted_closing_boilerplate_is_removed() -> None:
    text = cleaned("004")
    for boilerplate in ("regulates and inspects", "large print or Braille", "Open Government Licence",
                        "Piccadilly Gate", "Crown copyright"):
        assert boilerplate not in text
    assert text.rstrip().endswith("creativity and innovation.") or "51. Staff report" in text


def test_words_are_unchanged_only_white_space_normalised() -> None:
    for path in CORPUS.iterdir():
        source = " ".join(path.read_text(encoding="utf-8").split())
        for block in clean(read(path)).text.split("\n\n"):
            assert " ".join(block.split()) in source


def test_running_headers_footers_and_page_numbers_go(tmp_path: Path) -> None:
    result = clean(read(write_pdf(tmp_path / "r.pdf", authority="Tameside")))
    assert "Page 1 of" not in result.text and "Page 2 of" not in result.text
    assert result.text.count("Inspection of Tameside local authority children's services") == 1
    long_para = next(t for t in result.text.split("\n\n") if t.startswith("4. "))
    assert long_para.endswith("need it most.")  # the paragraph that ran onto page 2 is whole
    assert all(b.page is not None for b in result.blocks)


def test_repeated_running_title_in_text_file() -> None:
    page = "Leeds Council – Children's Services Report\n\nFirst paragraph of findings here.\n\n"
    raw = page + "Second paragraph.\n\nLeeds Council – Children's Services Report\n\nThird.\n\n" \
        "Leeds Council – Children's Services Report\n\nPage 3 of 3\n\nFourth."
    text = clean(Extracted(pages=(raw,))).text
    assert text.count("Leeds Council – Children's Services Report") == 1
    assert "Page 3 of 3" not in text


def test_reader_comments_are_marked() -> None:
    path = next(CORPUS.glob("003_*"))
    result = clean(read(path))
    assert result.comments_start is not None
    assert "I despair" in result.text[result.comments_start:]
    assert "I despair" not in result.text[: result.comments_start]
