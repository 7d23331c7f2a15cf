"""The page, driven by Streamlit's AppTest against the seed index built with the real model."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT
from streamlit.testing.v1 import AppTest

from indexer.config import Settings

pytestmark = pytest.mark.model
APP = str(ROOT / "app.py")


@pytest.fixture
def app(seed_index: Settings, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("INDEXER_INDEX_DIR", str(seed_index.index_dir))
    return AppTest.from_file(APP, default_timeout=120)


def open_url(app: AppTest, **params: str) -> AppTest:
    """Run the page as if opened at ``/?key=value&...``."""
    for key, value in params.items():
        app.query_params[key] = value
    app.run()
    assert not app.exception
    return app


def codes(at: AppTest) -> list[str]:
    return [c.value for c in at.code]


def markdown(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


def test_empty_question_does_nothing(app: AppTest) -> None:
    app.run()
    assert not app.exception
    assert app.text_input(key="q").value == ""
    assert codes(app) == [] and not app.warning
    assert app.title[0].value == "Children's services evidence"


def test_ask_shows_answer_citations_and_copy_boxes(app: AppTest) -> None:
    app.run()
    app.text_input(key="q").input("How long do children wait to see a dentist in Blackburn with Darwen?").run()
    assert not app.exception
    boxes = codes(app)
    whole = boxes[0]
    assert whole.startswith("Too many children wait too long to see a dentist in Blackburn with Darwen. [1]")
    assert "[1] Ofsted (2022) Inspection of Blackburn with Darwen local authority children's services, 4 February 2022, para. 27." in whole
    assert boxes[1] == (
        "\u201cToo many children wait too long to see a dentist in Blackburn with Darwen.\u201d\n"
        "Ofsted (2022) Inspection of Blackburn with Darwen local authority children's services, 4 February 2022, para. 27."
    )
    assert app.query_params["q"] == "How long do children wait to see a dentist in Blackburn with Darwen?"
    # the authority read from the question is shown, and removable
    chip = next(b for b in app.button if b.key == "drop_authority")
    assert "Blackburn with Darwen" in chip.label
    chip.click().run()
    assert "ignore" in app.query_params
    assert not any(b.key == "drop_authority" for b in app.button)


def test_url_state_runs_the_search_with_filters(app: AppTest) -> None:
    open_url(app, q="How is neglect handled?", authority="blackpool", year_from="2022", year_to="2022")
    assert app.multiselect(key="authority").value == ["Blackpool"]
    assert app.slider(key="years").value == (2022, 2022)
    refs = [c for c in codes(app)[1:]]
    assert refs and all("Blackpool" in r and "(2022)" in r for r in refs)
    assert app.query_params["authority"] == "Blackpool"


def test_sidebar_filter_changes_results_and_url(app: AppTest) -> None:
    app.run()
    app.multiselect(key="authority").select("Blackburn with Darwen")
    app.text_input(key="q").input("What is said about care leavers?").run()
    assert not app.exception
    assert all("Blackburn with Darwen" in c for c in codes(app)[1:])
    assert app.query_params["authority"] == "Blackburn with Darwen"


def test_decline_for_authority_not_indexed(app: AppTest) -> None:
    open_url(app, q="What did Ofsted say about Manchester?")
    assert [w.value for w in app.warning] == ["No documents about Manchester are indexed."]
    assert codes(app) == []


def test_filters_that_exclude_everything_say_which(app: AppTest) -> None:
    open_url(app, q="caseloads", type="news", year_from="2022", year_to="2025")
    assert any("No indexed document matches the filters" in w.value for w in app.warning)


def test_no_index_says_how_to_build_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INDEXER_INDEX_DIR", str(tmp_path / "none"))
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert "python -m indexer build corpus/" in at.info[0].value


def test_browse_lists_documents(app: AppTest) -> None:
    app.run()
    table = app.dataframe[0].value
    assert len(table) == 5 and set(table["Authority"]) == {"Blackpool", "Blackburn with Darwen"}
