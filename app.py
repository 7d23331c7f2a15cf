"""Streamlit front end: widgets in, the indexer's Python API, rendering out.

State lives in the URL (?q=...&authority=...&year_from=...&year_to=...&type=...&grade=...,
and compare=NAME&compare=NAME, timeline=NAME, tab=...), so a search can be bookmarked and shared.
Text from documents is always escaped before it is shown.
"""

from __future__ import annotations

import os

import streamlit as st

from indexer import IndexerError, Library, load_settings, make_filters
from indexer.across import COMPARE_MOST
from indexer.describe import grades
from indexer.describe.authorities import gazetteer
from indexer.store.embedding import SentenceTransformerEmbedder
from indexer.store.index import read_manifest
from indexer.types import DOC_TYPES, Filters
from ui.ask import ask_tab, question_box
from ui.browse import browse_tab
from ui.compare import compare_tab
from ui.judgements import judgements_tab
from ui.shared import COPY_SCRIPT, TYPE_LABELS
from ui.timeline import timeline_tab

os.environ.setdefault("HF_HUB_OFFLINE", "1")

TABS = ("Ask", "Compare", "Timeline", "Judgements", "Browse documents")


@st.cache_resource(show_spinner=False)
def embedder(model: str) -> SentenceTransformerEmbedder:
    """Loads in the background while the index opens and the page draws; the first answer waits."""
    model_ = SentenceTransformerEmbedder(model)
    model_.preload()
    return model_


@st.cache_resource(show_spinner="Opening the index…", max_entries=2)
def library(index_dir: str, generation: str, model: str) -> Library:
    """One per index generation: a rebuild publishes a new one, and the page switches to it."""
    settings = load_settings(index_dir=index_dir, model=model)
    opened = Library.open(settings, embedder(model))
    opened.preload_judge()  # the answer judge loads while the page draws
    return opened


def open_library() -> Library | None:
    settings = load_settings()
    try:
        manifest = read_manifest(settings.index_dir)
        if manifest is None:
            st.title("Children's services evidence")
            st.info(
                "No index yet. Build one from the corpus folder with:\n\n"
                "`python -m indexer build corpus/`  (or `make run`)"
            )
            return None
        return library(str(settings.index_dir), str(manifest["generation"]), settings.model)
    except IndexerError as exc:
        st.error(str(exc))
        return None


def first_load_from_url(lib: Library, summary: dict) -> None:
    """Put the URL's search into the widgets, once per session."""
    if st.session_state.get("_loaded"):
        return
    st.session_state["_loaded"] = True
    params = st.query_params
    st.session_state["q"] = params.get("q", "")
    known = set(summary["authorities"])
    chosen = []
    for name in params.get_all("authority"):
        canonical = gazetteer().lookup(name)
        if canonical in known and canonical not in chosen:
            chosen.append(canonical)
        elif canonical is None or canonical not in known:
            st.session_state.setdefault("_url_warnings", []).append(
                f"No documents about {name} are indexed." if canonical else f"{name!r} is not a local authority we know."
            )
    st.session_state["authority"] = chosen
    st.session_state["type"] = [t for t in params.get_all("type") if t in DOC_TYPES]
    lo, hi = summary["years"] or (2000, 2030)
    year_from = _int(params.get("year_from"))
    year_to = _int(params.get("year_to"))
    st.session_state["years"] = (
        max(lo, min(hi, year_from)) if year_from is not None else lo,
        max(lo, min(hi, year_to)) if year_to is not None else hi,
    )
    st.session_state["ignore"] = set(params.get_all("ignore"))
    st.session_state["grade"] = _url_grades(params.get_all("grade"))
    compared = [gazetteer().lookup(name) or name for name in params.get_all("compare")]
    st.session_state["compare"] = [n for n in dict.fromkeys(compared) if n in gazetteer().names][:COMPARE_MOST]
    followed = gazetteer().lookup(params.get("timeline") or "")
    st.session_state["timeline"] = followed if followed in known else None
    tab = params.get("tab")
    st.session_state["_tab"] = tab if tab in TABS else "Compare" if compared else "Timeline" if followed else "Ask"


def _url_grades(specs: list[str]) -> list[str]:
    chosen = []
    for text in specs:
        try:
            chosen.append(grades.spec(*grades.parse_grade(text)))
        except IndexerError as exc:
            st.session_state.setdefault("_url_warnings", []).append(str(exc))
    return list(dict.fromkeys(chosen))


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except ValueError:
        return None


def sidebar(lib: Library, summary: dict) -> Filters:
    bar = st.sidebar
    bar.header("Filters")
    counts: dict[str, int] = summary["authorities"]
    bar.multiselect(
        "Local authority", sorted(counts), key="authority",
        format_func=lambda name: f"{name} ({counts.get(name, 0)})",
        placeholder="All authorities",
    )
    lo, hi = summary["years"] or (2000, 2030)
    if lo < hi:
        bar.slider("Document year", lo, hi, key="years")
    else:
        st.session_state["years"] = (lo, hi)
        bar.caption(f"All documents are from {lo}.")
    types: dict[str, int] = summary["doc_types"]
    bar.multiselect(
        "Document type", [t for t in DOC_TYPES if t in types], key="type",
        format_func=lambda t: f"{TYPE_LABELS[t]} ({types.get(t, 0)})", placeholder="All types",
    )
    graded = grades.counts(d.judgements for d in lib.index.documents)
    options = list(graded) + [g for g in st.session_state["grade"] if g not in graded]
    bar.multiselect(
        "Judgement grade", options, key="grade", placeholder="Any grade",
        format_func=lambda g: f"{grades.label(g)} ({graded.get(g, 0)})",
        help="Only inspection reports with this grade; any of several.",
    )
    bar.divider()
    years = f"{lo}–{hi}" if summary["years"] else "none"
    bar.caption(
        f"**{summary['documents']}** documents · **{summary['passages']}** passages · years {years}  \n"
        f"Indexed {str(summary['built_at'] or '')[:16].replace('T', ' ')}"
    )
    year_from, year_to = st.session_state["years"]
    whole_range = (year_from, year_to) == (lo, hi)
    return make_filters(
        st.session_state["authority"],
        None if whole_range else year_from,
        None if whole_range else year_to,
        st.session_state["type"],
        st.session_state["grade"],
    )


def sync_url(filters: Filters, question: str) -> None:
    wanted: dict[str, str | list[str]] = {}
    if question:
        wanted["q"] = question
    if filters.authorities:
        wanted["authority"] = list(filters.authorities)
    if filters.year_from is not None:
        wanted["year_from"] = str(filters.year_from)
    if filters.year_to is not None:
        wanted["year_to"] = str(filters.year_to)
    if filters.doc_types:
        wanted["type"] = list(filters.doc_types)
    if filters.grades:
        wanted["grade"] = [grades.spec(name, grade) for name, grade in filters.grades]
    if st.session_state.get("ignore"):
        wanted["ignore"] = sorted(st.session_state["ignore"])
    if st.session_state.get("compare"):
        wanted["compare"] = list(st.session_state["compare"])
    if st.session_state.get("timeline"):
        wanted["timeline"] = st.session_state["timeline"]
    if st.session_state.get("tab", "Ask") != "Ask":
        wanted["tab"] = st.session_state["tab"]
    lists = ("authority", "type", "ignore", "grade", "compare")
    current = {k: (st.query_params.get_all(k) if k in lists else st.query_params.get(k)) for k in st.query_params}
    if current != wanted:
        st.query_params.from_dict(wanted)


def main() -> None:
    st.set_page_config(page_title="Children's services evidence", page_icon="📑", layout="wide")
    lib = open_library()
    if lib is None:
        return
    summary = lib.summary
    first_load_from_url(lib, summary)
    if "_pending_q" in st.session_state:
        st.session_state["q"] = st.session_state.pop("_pending_q")
    try:
        filters = sidebar(lib, summary)
    except IndexerError as exc:
        st.error(str(exc))
        return
    st.html(COPY_SCRIPT, unsafe_allow_javascript=True)
    st.title("Children's services evidence")
    st.caption("Answers quoted word for word from inspection reports, letters, council papers and articles, each cited.")
    question = question_box(lib)
    # Only the open tab does its work (an answer, a comparison, a timeline); switching reruns.
    ask, compare, timeline, judgements, browse = st.tabs(
        TABS, default=st.session_state.get("_tab", "Ask"), key="tab", on_change="rerun"
    )
    sync_url(filters, question)
    if ask.open:
        with ask:
            ask_tab(lib, filters, question)
    if compare.open:
        with compare:
            compare_tab(lib, filters, question)
    if timeline.open:
        with timeline:
            timeline_tab(lib, filters, question)
    if judgements.open:
        with judgements:
            judgements_tab(lib, filters)
    with browse:  # cheap, and a table to read without switching
        browse_tab(lib, filters)


main()
