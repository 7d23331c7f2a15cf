"""Judgements of single inspection framework reports (2013–2018) as their PDFs are read: the
overall sentence run into the table's first row, rows run together, the date in front."""

from indexer.describe.grades import by_column
from indexer.describe.judgements import read_judgements

# Cornwall 2016 and Surrey 2018, block for block as pypdfium2 and cleaning give them.
CORNWALL = (
    "Children’s services in Cornwall are good 1. Children who need help and protection\tRequires improvement\n"
    "2. Children looked after and achieving permanence\tGood\n2.1 Adoption performance\tGood\n"
    "2.2 Experiences and progress of care leavers\tGood\n3. Leadership, management and governance\tGood"
)
SURREY = (
    "Children’s services in Surrey are inadequate 1. Children who need help and protection\tInadequate\n"
    "2. Children looked after and achieving permanence Requires Improvement 2.1 Adoption performance\tGood\n"
    "2.2 Experiences and progress of care leavers Requires Improvement 3. Leadership, management and governance\tInadequate"
)


def test_the_overall_sentence_run_into_the_first_row_is_the_overall_judgement() -> None:
    found = read_judgements(["Cornwall Council", CORNWALL])
    assert found["Overall effectiveness"] == "Good"
    assert found["Children who need help and protection"] == "Requires improvement"  # not the overall grade
    assert not any("services in" in label for label in found)


def test_rows_run_together_on_one_line_are_each_read() -> None:
    columns = by_column(read_judgements(["Surrey County Council", SURREY]))
    assert columns["Overall effectiveness"] == "Inadequate"
    assert columns["Children in care"] == "Requires improvement"  # was "Good", the adoption row's grade
    assert columns["Care leavers"] == "Requires improvement"  # was "Inadequate", leadership's
    assert columns["Leaders"] == "Inadequate"


def test_the_overall_sentence_alone_or_after_the_date() -> None:
    assert read_judgements(["Children’s services in Oldham require improvement to be good"]) == {
        "Overall effectiveness": "Requires improvement to be good"
    }
    barnsley = read_judgements(["Report published: 8 August 2014 The overall judgement is requires improvement"])
    assert barnsley == {"Overall effectiveness": "Requires improvement"}
    # As the sentence splitter cuts the run-on line: the next row's number ends it.
    assert read_judgements(["Children’s services in Surrey are inadequate 1."]) == {"Overall effectiveness": "Inadequate"}
    # An earlier inspection's grade in a sentence of the body is not the overall judgement.
    assert read_judgements(["Children’s services in Surrey were judged inadequate in 2015."]) == {}
