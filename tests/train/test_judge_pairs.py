"""The answer judge's pairs: a near miss's wording alone must not tell it that nothing answers."""

from __future__ import annotations

import sys

from conftest import ROOT

sys.path.insert(0, str(ROOT / "train"))

from judge_pairs import pairs  # noqa: E402

FDAC = "Milton Keynes has also invested in the Family Drug and Alcohol Court (FDAC) this year."
QUESTIONS = [
    {"question": "Has Milton Keynes invested in a family court for parents who misuse drugs?",
     "evidence": "invested in the Family Drug and Alcohol Court", "authority": "Milton Keynes",
     "passage": FDAC + " Social workers visit children regularly and see them alone."},
    {"question": "Do Wirral social workers visit children on their own?",
     "evidence": "Social workers visit children alone", "authority": "Wirral",
     "passage": "Social workers visit children alone and record their wishes. Managers check the plans monthly."},
]
NEAR_MISS = {"question": "Does the Wirral have a Family Drug and Alcohol Court?", "kind": "near_miss",
             "authority": "Wirral", "why": "regex /FDAC|drug and alcohol court/i matched 0 of 12 passages"}


def test_a_near_miss_is_paired_with_another_authoritys_sentence_that_says_its_topic() -> None:
    made = pairs(QUESTIONS, [NEAR_MISS], seed=1, per_declined=1, said_elsewhere=2)
    asked = [(s, y) for q, s, y in made if q == NEAR_MISS["question"]]
    assert (FDAC, 1) in asked
    assert any(y == 0 for _, y in asked)  # and with its own authority's closest sentence, which does not


def test_without_said_elsewhere_a_near_miss_has_only_non_answers() -> None:
    made = pairs(QUESTIONS, [NEAR_MISS], seed=1, per_declined=1, said_elsewhere=0)
    assert [y for q, _, y in made if q == NEAR_MISS["question"]] == [0]
