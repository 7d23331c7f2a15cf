"""The page, driven by Streamlit's AppTest against the seed index built with the real model."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest
from conftest import CORPUS, ROOT
from fixtures import write_graded_corpus
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
    """What the copy buttons put on the clipboard, in page order (the text is not shown again)."""
    found = [html.unescape(m) for h in at.get("html") for m in re.findall(r'data-copy="([^"]*)"', h.value)]
    assert not at.code, "copy text is no longer shown in code boxes"
    return found


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
    # each quote shown once: highlighted in its passage, not again in a copy box
    quote = "Too many children wait too long to see a dentist"
    folded = sum(m.value.count(quote) for e in app.expander for m in e.markdown)  # "Show in document", closed
    assert markdown(app).count(quote) - folded == 2  # the answer, and its passage
    assert ":orange-background[Too many children wait too long to see a dentist" in markdown(app)
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


@pytest.fixture(scope="module")
def graded_index(tmp_path_factory: pytest.TempPathFactory, real_embedder) -> Settings:  # type: ignore[no-untyped-def]
    """The seed documents and three graded reports (Tameside 2019 inadequate, 2023 requires
    improvement; Oldham 2022 good), indexed with the real model."""
    from indexer.build import build
    from indexer.config import load_settings

    base = tmp_path_factory.mktemp("graded")
    shutil.copytree(CORPUS, base / "corpus")
    write_graded_corpus(base / "corpus")
    settings = load_settings(index_dir=base / "index")
    build(base / "corpus", settings, real_embedder, progress=False)
    return settings


@pytest.fixture
def graded(graded_index: Settings, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("INDEXER_INDEX_DIR", str(graded_index.index_dir))
    return AppTest.from_file(APP, default_timeout=120)


def judgements_table(at: AppTest):  # type: ignore[no-untyped-def]
    return next(d for d in at.dataframe if d.key == "judgements_table").value


def test_judgements_table_filter_by_grade_open_a_report_csv(graded: AppTest) -> None:
    open_url(graded, tab="Judgements")
    table = judgements_table(graded)
    assert list(table.columns[:8]) == ["Authority", "Date", "Type", "Overall effectiveness", "Leaders",
                                       "Help and protection", "Children in care", "Care leavers"]
    assert list(table["Authority"]) == ["Blackburn with Darwen", "Oldham", "Oldham", "Tameside", "Tameside"]
    assert list(table["Overall effectiveness"].fillna("")) == [
        "Requires improvement to be good", "Good", "", "Inadequate", "Requires improvement to be good"]
    assert list(table["Type"])[2] == "Area SEND inspection"
    assert list(table["SEND outcome"].fillna(""))[2] == "Lead to inconsistent experiences and outcomes"
    assert [b.label for b in graded.get("download_button")] == ["Download CSV"]
    assert "Overall effectiveness: Inadequate (1)" in graded.multiselect(key="grade").options
    graded.multiselect(key="grade").select("overall effectiveness=inadequate").run()
    table = judgements_table(graded)
    assert list(zip(table["Authority"], table["Overall effectiveness"])) == [("Tameside", "Inadequate")]
    assert graded.query_params["grade"] == "overall effectiveness=inadequate"
    assert graded.query_params["tab"] == "Judgements"
    graded.session_state["judgements_table"] = {"selection": {"rows": [0], "columns": [], "cells": []}}
    graded.run()
    shown = markdown(graded)
    assert "### Inspection of Tameside local authority children's services" in shown
    assert ":red-badge[Overall effectiveness: Inadequate]" in shown
    assert "Care leavers in Tameside wait too long for suitable accommodation" in shown


def test_judgements_tab_filtered_by_send_outcome(graded: AppTest) -> None:
    open_url(graded, tab="Judgements", grade="send=inconsistent")
    assert "SEND outcome: Inconsistent (1)" in graded.multiselect(key="grade").options
    table = judgements_table(graded)
    assert list(zip(table["Authority"], table["SEND outcome"])) == [
        ("Oldham", "Lead to inconsistent experiences and outcomes")]
    graded.session_state["judgements_table"] = {"selection": {"rows": [0], "columns": [], "cells": []}}
    graded.run()
    shown = markdown(graded)
    assert "### Area SEND inspection of Oldham Local Area Partnership" in shown
    assert ":orange-badge[SEND outcome: Lead to inconsistent experiences and outcomes]" in shown


def test_grade_in_the_url_limits_the_search(graded: AppTest) -> None:
    open_url(graded, q="Where do care leavers live?", grade="overall effectiveness=inadequate")
    assert graded.multiselect(key="grade").value == ["overall effectiveness=inadequate"]
    assert any("Grade: overall effectiveness: inadequate" in c.value.replace("\\", "") for c in graded.caption)
    refs = [c.split("\n")[-1] for c in codes(graded)[1:]]
    assert refs and all("Tameside" in r and "15 March 2019" in r for r in refs)


def test_an_unknown_grade_in_the_url_is_a_plain_warning(graded: AppTest) -> None:
    open_url(graded, grade="overall effectiveness=excellent")
    assert [w.value for w in graded.warning] == [
        "'excellent' is not an Ofsted grade; use one of: outstanding, good, requires improvement, inadequate, "
        "or an area SEND outcome: positive, inconsistent, systemic, written statement of action."]


def test_compare_two_authorities_one_declines_in_its_own_column(app: AppTest) -> None:
    app.query_params["compare"] = ["Blackpool", "Blackburn with Darwen"]
    open_url(app, q="What is said about dentists?")
    assert app.multiselect(key="compare").value == ["Blackpool", "Blackburn with Darwen"]
    blackpool, blackburn = app.columns[:2]
    assert blackpool.markdown[0].value == "#### Blackpool"
    assert blackpool.warning and not blackpool.get("html")  # its own decline, nothing to copy
    assert blackburn.markdown[0].value == "#### Blackburn with Darwen"
    assert not blackburn.warning
    assert "Too many children wait too long to see a dentist in Blackburn with Darwen\\. **\\[1\\]**" in blackburn.markdown[1].value
    copied = codes(app)
    assert copied[0].startswith("Too many children wait too long to see a dentist in Blackburn with Darwen. [1]")
    assert copied[-1].startswith("Blackpool: ") and "\n\nBlackburn with Darwen\nToo many children" in copied[-1]
    assert [b.label for b in app.get("download_button")][-3:] == ["Markdown", "CSV", "Word"]
    assert app.query_params["compare"] == ["Blackpool", "Blackburn with Darwen"]
    assert app.query_params["tab"] == "Compare"


def test_compare_needs_two_authorities(app: AppTest) -> None:
    app.query_params["compare"] = ["Blackpool"]
    open_url(app, q="What is said about dentists?")
    assert not app.columns and any("Choose two to four authorities" in c.value for c in app.caption)


def test_timeline_in_date_order_with_each_documents_answer(graded: AppTest) -> None:
    open_url(graded, timeline="Tameside", q="Where do care leavers live in Tameside?")
    assert graded.selectbox(key="timeline").value == "Tameside"
    heads = [m.value for m in graded.markdown if m.value.startswith("**")]
    assert heads[0].startswith("**15 March 2019** · Inspection report") and heads[1].startswith("**17 November 2023**")
    shown = markdown(graded)
    assert shown.index(":red-badge[Overall effectiveness: Inadequate]") < shown.index(
        ":orange-badge[Overall effectiveness: Requires improvement to be good]")
    copied = codes(graded)
    assert len(copied) == 2
    assert "15 March 2019" in copied[0] and "17 November 2023" not in copied[0]
    assert "17 November 2023" in copied[1] and "15 March 2019" not in copied[1]
    assert graded.query_params["timeline"] == "Tameside"


def test_off_topic_decline_names_the_question_and_filters_and_offers_to_widen(app: AppTest) -> None:
    open_url(app, q="What did inspectors say about care leavers in Blackpool in 2022?")
    [warning] = [w.value for w in app.warning]
    assert warning.startswith(
        "No Blackpool document from 2022–2023 answers “What did inspectors say about care leavers in Blackpool in 2022?”.")
    assert "Documents outside the filters do: Blackburn with Darwen (2022)." in warning
    assert "Closest passages (not an answer)" in [h.value for h in app.subheader]
    app.button(key="widen").click().run()
    assert not app.exception
    assert not app.warning  # answered from Blackburn with Darwen's report
    assert any("care leavers" in c for c in codes(app))
