"""The committed training data keeps its promises: verbatim evidence, no evaluation question or
evaluation report in it, and reports that never straddle the train/validation split."""

from __future__ import annotations

import json
import re
from collections import defaultdict

import pytest
from conftest import ROOT, SHARED

DATA = ROOT / "train" / "data"


def _norm(text: str) -> str:
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return re.sub(r"\s+", " ", text.replace("\u2013", "-").replace("\u2014", "-")).strip().lower()


def _rows(name: str) -> list[dict]:
    return [json.loads(line) for line in (DATA / name).open(encoding="utf-8")]


@pytest.fixture(scope="module")
def questions() -> list[dict]:
    return _rows("questions.jsonl")


def test_there_are_enough_questions_to_train_on(questions: list[dict]) -> None:
    declined = _rows("declined.jsonl")
    assert len(questions) >= 2000
    assert len(declined) >= 500
    assert {d["kind"] for d in declined} == {"near_miss", "offtopic"}
    assert {r["family"] for r in questions} == {"ilacs", "send", "seed"}


def test_every_evidence_stands_verbatim_in_its_passage(questions: list[dict]) -> None:
    assert [r["question"] for r in questions if _norm(r["evidence"]) not in _norm(r["passage"])] == []
    assert [r["question"] for r in questions if r["negative"] and _norm(r["evidence"]) in _norm(r["negative"])] == []


def test_no_evaluation_question_or_evaluation_report_is_trained_on(questions: list[dict]) -> None:
    evaluation = set()
    held_reports = set()
    for path in [*(ROOT / "eval").glob("*.jsonl"), *(SHARED / "eval").glob("*.jsonl")]:
        for line in path.open(encoding="utf-8"):
            row = json.loads(line)
            evaluation.add(_norm(row["question"]))
            if row.get("file") and (row.get("split") in ("heldout", "test")):
                held_reports.add(row["file"])
    trained = {_norm(r["question"]) for r in [*questions, *_rows("declined.jsonl")]}
    assert trained & evaluation == set()
    assert {r["file"] for r in questions} & held_reports == set()


def test_a_report_is_in_one_split_only(questions: list[dict]) -> None:
    splits = defaultdict(set)
    for r in questions:
        splits[r["file"]].add(r["split"])
    assert [f for f, s in splits.items() if len(s) > 1] == []
    assert {r["split"] for r in questions} == {"train", "valid"}
