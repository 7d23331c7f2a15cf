"""The command-line contract of DESIGN.md, run as a user runs it."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CORPUS, ROOT, SHARED

from indexer.config import DEFAULT_MODEL

pytestmark = pytest.mark.model


def run(*args: str, index: Path, check: bool = True) -> dict:  # type: ignore[type-arg]
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    proc = subprocess.run(
        [sys.executable, "-m", "indexer", *args, "--index", str(index), "--json"],
        capture_output=True, text=True, cwd=ROOT, env=env, timeout=600,
    )
    if check:
        assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.strip().splitlines()
    assert len(lines) == 1, proc.stdout
    return json.loads(lines[0])  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def cli_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    index = tmp_path_factory.mktemp("cli") / "index"
    report = run("build", str(CORPUS), index=index)
    assert set(report) == {"documents", "passages", "embedded", "reused", "skipped", "seconds"}
    assert report["documents"] == 5 and report["embedded"] == report["passages"] and report["skipped"] == []
    return index


def test_rebuild_embeds_nothing(cli_index: Path) -> None:
    report = run("build", str(CORPUS), index=cli_index)
    assert report["embedded"] == 0 and report["reused"] == report["passages"]


def test_info(cli_index: Path) -> None:
    info = run("info", index=cli_index)
    assert info["model"] == DEFAULT_MODEL == "bundled:children-retriever"  # the trained retriever, from disk
    keys = {"path", "title", "authority", "authorities_mentioned", "date", "year", "doc_type", "judgements", "passages"}
    assert all(keys <= set(d) for d in info["documents"])
    by_year = sorted((d["authority"], d["year"], d["doc_type"]) for d in info["documents"])
    assert by_year[0] == ("Blackburn with Darwen", 2022, "inspection")
    passages = run("info", "--passages", index=cli_index)["passages"]
    assert {"id", "path", "text", "paragraph", "page", "section"} <= set(passages[0])
    dentist = [p for p in passages if p["text"].startswith("27. Too many children wait too long to see a dentist")]
    assert dentist[0]["paragraph"] == 27


def test_search_and_ask(cli_index: Path) -> None:
    out = run("search", "pre-proceedings", "--authority", "blackpool", "--year-from", "2022", "--year-to", "2022", "-k", "3", index=cli_index)
    assert out["filters"]["authority"] == ["Blackpool"] and len(out["results"]) == 3
    result = out["results"][0]
    assert {"text", "score", "title", "authority", "date", "year", "doc_type", "path", "paragraph", "page", "reference"} <= set(result)
    assert all(r["authority"] == "Blackpool" and r["year"] == 2022 for r in out["results"])
    answer = run("ask", "Do staff enjoy working in Blackburn with Darwen?", index=cli_index)
    assert answer["answered"] and "[1]" in answer["answer"]
    assert answer["citations"][0]["n"] == 1 and answer["citations"][0]["reference"].startswith("Ofsted (2022)")
    assert answer["sentences"][0]["citation"] == 1


def test_user_errors_are_one_sentence(cli_index: Path, tmp_path: Path) -> None:
    out = run("search", "x", "--authority", "Blakpool", index=cli_index, check=False)
    assert out == {"error": "'Blakpool' is not an English local authority that we know. Did you mean Blackpool?"}
    out = run("info", index=tmp_path / "nothing", check=False)
    assert out["error"].startswith("No index found in")


@pytest.mark.skipif(not (SHARED / "eval" / "dev.jsonl").exists(), reason="shared/eval/dev.jsonl not beside the project")
def test_eval_on_dev_questions(cli_index: Path) -> None:
    report = run("eval", str(SHARED / "eval" / "dev.jsonl"), index=cli_index)
    assert report["overall"]["recall@5"] >= 0.95 and report["overall"]["mrr"] >= 0.8
    assert report["filter_accuracy"] == 1.0 and report["abstention_accuracy"] >= 0.95
    assert report["answer_hit"] >= 0.8


def test_eval_on_our_own_questions(cli_index: Path) -> None:
    report = run("eval", str(ROOT / "eval" / "questions.jsonl"), index=cli_index)
    assert report["overall"]["recall@5"] >= 0.9 and report["overall"]["mrr"] >= 0.75
    assert report["filter_accuracy"] == 1.0 and report["abstention_accuracy"] >= 0.9
    assert report["answer_hit"] >= 0.75


@pytest.fixture(scope="module")
def graded_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed documents and three graded reports from two more authorities."""
    from fixtures import write_graded_corpus

    base = tmp_path_factory.mktemp("cli-graded")
    shutil.copytree(CORPUS, base / "corpus")
    write_graded_corpus(base / "corpus")
    run("build", str(base / "corpus"), index=base / "index")
    return base / "index"


def test_judgements(graded_index: Path) -> None:
    out = run("judgements", index=graded_index)
    assert set(out) == {"reports"}
    assert [(r["authority"], r["year"]) for r in out["reports"]] == [
        ("Blackburn with Darwen", 2022), ("Oldham", 2022), ("Oldham", 2024), ("Tameside", 2019), ("Tameside", 2023)]
    send = run("judgements", "--grade", "send=inconsistent", index=graded_index)["reports"]
    assert [(r["path"], r["doc_type"], r["judgements"]) for r in send] == [
        ("s24.txt", "area_send", {"Area SEND outcome": "Lead to inconsistent experiences and outcomes"})]
    first = out["reports"][0]
    assert set(first) == {"path", "title", "authority", "date", "year", "doc_type", "judgements"}
    assert first["judgements"]["Overall effectiveness"] == "Requires improvement to be good"
    tameside = run("judgements", "--authority", "tameside", "--year-from", "2020", "--year-to", "2025", index=graded_index)
    assert [r["date"] for r in tameside["reports"]] == ["2023-11-17"]
    inadequate = run("judgements", "--grade", "overall effectiveness=inadequate", index=graded_index)
    assert [r["path"] for r in inadequate["reports"]] == ["t19.txt"]


def test_grade_filtered_search_returns_only_reports_with_that_grade(graded_index: Path) -> None:
    out = run("search", "care leavers accommodation", "--grade", "Overall effectiveness=Requires improvement",
              "-k", "10", index=graded_index)
    assert out["filters"]["grade"] == ["overall effectiveness=requires improvement"]
    assert len(out["results"]) == 10
    assert {r["path"] for r in out["results"]} == {"004_98f2a677d982edb4.txt", "t23.txt"}
    answer = run("ask", "Where do care leavers live?", "--grade", "inadequate", index=graded_index)
    assert answer["answered"] and {c["path"] for c in answer["citations"]} == {"t19.txt"}
    out = run("search", "x", "--grade", "overall effectiveness=excellent", index=graded_index, check=False)
    assert out == {"error": "'excellent' is not an Ofsted grade; use one of: outstanding, good, requires improvement, "
                            "inadequate, or an area SEND outcome: positive, inconsistent, systemic, written statement of action."}


def test_compare(cli_index: Path) -> None:
    out = run("compare", "What is said about dentists?", "--authority", "blackpool", "--authority",
              "Blackburn with Darwen", index=cli_index)
    assert set(out) == {"columns"}
    blackpool, blackburn = out["columns"]
    assert all(set(c) == {"authority", "answered", "answer", "sentences", "citations", "message"} for c in out["columns"])
    assert blackpool["authority"] == "Blackpool" and not blackpool["answered"] and blackpool["message"]
    assert blackpool["citations"] == [] and blackpool["answer"] == ""
    assert blackburn["authority"] == "Blackburn with Darwen" and blackburn["answered"]
    assert blackburn["answer"].startswith("Too many children wait too long to see a dentist in Blackburn with Darwen. [1]")
    assert all(c["authority"] == "Blackburn with Darwen" for c in blackburn["citations"])
    out = run("compare", "dentists", "--authority", "Blackpool", index=cli_index, check=False)
    assert out == {"error": "Compare needs 2 to 4 authorities and was given 1 (Blackpool); name each with --authority."}


@pytest.mark.parametrize(
    "question, said",
    [
        # "adopted or approved by the Council" is no answer; other documents do discuss adoption
        ("How is Blackpool doing on adoption?", "answers “How is Blackpool doing on adoption?”"),
        ("What is the council tax in Blackpool?", "discusses tax"),  # no document says "tax"
        ("How are unaccompanied asylum-seeking children supported in Blackpool?", "discusses asylum-seeking"),
    ],
)
def test_near_miss_declines_name_what_was_asked(cli_index: Path, question: str, said: str) -> None:
    answer = run("ask", question, index=cli_index)
    assert not answer["answered"] and answer["sentences"] == []
    assert answer["message"].startswith(f"No Blackpool document {said}")
    assert answer["closest"]


def test_decline_under_filters_offers_the_wider_search(cli_index: Path) -> None:
    answer = run("ask", "What did inspectors say about care leavers in Blackpool in 2022?", index=cli_index)
    assert not answer["answered"]
    assert answer["message"] == (
        "No Blackpool document from 2022–2023 answers “What did inspectors say about care leavers in Blackpool "
        "in 2022?”. Documents outside the filters do: Blackburn with Darwen (2022)."
    )
    assert answer["wider"]["authority"] == [] and answer["wider"]["year_from"] is None
    widened = run("ask", "What did inspectors say about care leavers?", index=cli_index)
    assert widened["answered"] and any("care leaver" in s["text"].lower() for s in widened["sentences"])
