"""The command-line contract of DESIGN.md, run as a user runs it."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CORPUS, ROOT, SHARED

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
    assert info["model"] == "bundled:all-MiniLM-L6-v2"
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
