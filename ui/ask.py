"""The Ask page: the question box, the filters read from it (each removable), and the cited answer."""

from __future__ import annotations

import streamlit as st

from indexer import IndexerError, Library
from indexer.ask.citations import escape_markdown as md_escape
from indexer.export import (
    answer_copy_text,
    to_csv,
    to_docx,
    to_markdown,
)
from indexer.types import Answer, Filters
from ui.shared import (
    DOCX_MIME,
    TYPE_LABELS,
    answer_markdown,
    citation_cards,
    copy_button,
    download,
    passage_cards,
)


def question_box(lib: Library) -> str:
    st.text_input("Ask a question", key="q", placeholder="e.g. How is neglect handled in pre-proceedings?")
    examples = lib.example_questions
    if examples:
        row = st.container(horizontal=True)
        for example in examples:
            if row.button(example, key=f"example_{example}", width="content", type="tertiary",
                          icon=":material/lightbulb:"):
                st.session_state["_pending_q"] = example
                st.rerun()
    for warning in st.session_state.pop("_url_warnings", []):
        st.warning(warning)
    return str(st.session_state["q"]).strip()


def chips(answer: Answer) -> None:
    """Filters read from the question, each removable; the year range applied, always shown."""
    f = answer.filters
    names = {"authority": "Authority", "year": "Document years", "type": "Type", "grade": "Grade"}
    described = f.describe()
    if f.doc_types:
        described["type"] = " or ".join(TYPE_LABELS[t] for t in f.doc_types)
    parts = [f"{names[field]}: {value}" for field, value in described.items()]
    if parts:
        st.caption("Searching " + " · ".join(md_escape(p) for p in parts))
    row = st.container(horizontal=True)
    for field in ("authority", "year"):
        source = f.sources.get(field, "")
        if source.startswith("question"):
            label = (
                f"✕ {', '.join(f.authorities)} (from your question)" if field == "authority"
                else f"✕ {f.year_from or 'any'}–{f.year_to or 'any'} (from your question)"
            )
            if row.button(label, key=f"drop_{field}", help="Stop reading this filter from the question",
                          width="content"):
                st.session_state["ignore"] = set(st.session_state.get("ignore", set())) | {field}
                st.rerun()
    if st.session_state.get("ignore") and row.button(
        "Read filters from my question again", key="undo_ignore", width="content"
    ):
        st.session_state["ignore"] = set()
        st.rerun()


def widen(lib: Library) -> None:
    """Drop the authority and year filters, from the sidebar and from the question, and ask again."""
    st.session_state["authority"] = []
    years = lib.summary["years"]
    if years:
        st.session_state["years"] = tuple(years)
    st.session_state["ignore"] = set(st.session_state.get("ignore", set())) | {"authority", "year"}


def show_answer(lib: Library, answer: Answer) -> None:
    chips(answer)
    if not answer.answered:
        st.warning(answer.message)
        if answer.wider is not None:
            # a callback: it runs before the sidebar's widgets exist, so it may change their values
            st.button("Search without the authority and year filters", key="widen",
                      icon=":material/travel_explore:", on_click=widen, args=(lib,))
        if not answer.hits:
            held = ", ".join(f"{name} ({n})" for name, n in sorted(lib.summary["authorities"].items()))
            st.caption(f"Documents are indexed about: {md_escape(held)}.")
        if answer.hits:
            st.subheader("Closest passages (not an answer)")
            passage_cards(lib, list(answer.hits[:5]))
        return
    st.subheader("Answer")
    with st.container(border=True):
        st.markdown(answer_markdown(answer))
    row = st.container(horizontal=True, vertical_alignment="center")
    with row:
        copy_button(answer_copy_text(answer), "Copy answer and references")
    download(row, "Markdown", lambda: to_markdown(answer), "answer.md", "text/markdown")
    download(row, "CSV", lambda: to_csv(answer), "answer.csv", "text/csv")
    download(row, "Word", lambda: to_docx(answer), "answer.docx", DOCX_MIME)
    st.subheader("Cited passages")
    citation_cards(lib, answer)
    cited = {c.hit.passage.id for c in answer.citations}
    further = [h for h in answer.hits if h.passage.id not in cited][:5]
    if further:
        st.subheader("Further relevant passages")
        passage_cards(lib, further)


def ask_tab(lib: Library, filters: Filters, question: str) -> None:
    if not question:
        st.caption("Ask a question above: the answer quotes the documents word for word, each sentence cited.")
        return
    read = frozenset({"authority", "year"}) - set(st.session_state.get("ignore", set()))
    try:
        answer = lib.ask(question, filters, read=read)
    except IndexerError as exc:
        st.error(str(exc))
        return
    show_answer(lib, answer)
