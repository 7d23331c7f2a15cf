import pytest

from indexer.describe import grades
from indexer.errors import UnknownGrade

BLACKBURN = {
    "The impact of leaders on social work practice with children and families": "Requires improvement to be good",
    "The experiences and progress of children in care and care leavers": "Good",
    "Overall effectiveness": "Requires improvement to be good",
}


def test_parse_names_a_judgement_or_any() -> None:
    assert grades.parse_grade("Overall effectiveness=Inadequate") == ("overall effectiveness", "inadequate")
    assert grades.parse_grade("overall effectiveness: requires improvement to be good") == (
        "overall effectiveness", "requires improvement")
    assert grades.parse_grade(" Inadequate ") == ("", "inadequate")
    assert grades.parse_grade("any judgement=good") == ("", "good")


def test_an_unknown_grade_names_the_allowed_ones() -> None:
    with pytest.raises(UnknownGrade, match=r"^'excellent' is not an Ofsted grade; use one of: outstanding, good, "
                                           r"requires improvement, inadequate, or an area SEND outcome: positive, inconsistent, systemic, "
                                           r"written statement of action\.$"):
        grades.parse_grade("overall effectiveness=excellent")


def test_match_by_part_of_the_label_and_grade_case_insensitively() -> None:
    assert grades.has_grade(BLACKBURN, "overall effectiveness", "requires improvement")
    assert grades.has_grade(BLACKBURN, "care leavers", "good")  # the pre-2023 joint judgement
    assert grades.has_grade(BLACKBURN, "", "good")
    assert not grades.has_grade(BLACKBURN, "overall effectiveness", "good")
    assert not grades.has_grade({}, "", "good")
    assert grades.passes(BLACKBURN, [("overall effectiveness", "inadequate"), ("leaders", "requires improvement")])


def test_columns_group_ofsted_labels() -> None:
    assert grades.column("The experiences and progress of children in care and care leavers") == "Children in care"
    assert grades.column("The experiences and progress of care leavers") == "Care leavers"
    assert grades.column("Adoption performance") == "Adoption performance"
    assert grades.columns([BLACKBURN, {"Adoption performance": "Good"}]) == [
        "Overall effectiveness", "Leaders", "Children in care", "Adoption performance"]
    assert grades.by_column(BLACKBURN)["Leaders"] == "Requires improvement to be good"


def test_counts_and_labels_for_the_sidebar() -> None:
    counts = grades.counts([BLACKBURN, {"Overall effectiveness": "Inadequate"}])
    assert list(counts)[:3] == ["good", "requires improvement", "inadequate"]
    assert counts["overall effectiveness=requires improvement"] == 1 and counts["requires improvement"] == 1
    assert grades.label("overall effectiveness=inadequate") == "Overall effectiveness: Inadequate"
    assert grades.label("good") == "Any judgement: Good"
    assert grades.spec(*grades.parse_grade("Overall effectiveness=Good")) == "overall effectiveness=good"


def test_send_outcomes_filter_columns_and_counts() -> None:
    send = {"Area SEND outcome": "Lead to inconsistent experiences and outcomes"}
    assert grades.parse_grade("send=inconsistent") == ("send", "inconsistent")
    assert grades.parse_grade("SEND outcome=significant concerns") == ("send outcome", "systemic")
    assert grades.parse_grade("positive") == ("", "positive")
    assert grades.has_grade(send, "send", "inconsistent") and not grades.has_grade(send, "send", "positive")
    assert grades.has_grade({"Area SEND outcome": "Widespread and/or systemic failings leading to significant concerns"},
                            "send", "systemic")
    assert not grades.has_grade(BLACKBURN, "send", "inconsistent")
    assert grades.by_column(send) == {"SEND outcome": "Lead to inconsistent experiences and outcomes"}
    assert grades.columns([BLACKBURN, send])[-1] == "SEND outcome"
    assert grades.counts([send]) == {"inconsistent": 1, "send=inconsistent": 1}
    assert grades.label("send=inconsistent") == "SEND outcome: Inconsistent"
