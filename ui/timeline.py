"""The Timeline page: one authority's documents oldest first, with grades and each one's answer."""

from __future__ import annotations

import streamlit as st

from indexer import Library
from indexer.across import Entry
from indexer.ask.citations import escape_markdown as md_escape
from indexer.ask.citations import long_date
from indexer.types import Filters
from ui.shared import (
    TYPE_LABELS,
    cited_answer,
    grade_badges,
)


def timeline_tab(lib: Library, filters: Filters, question: str) -> None:
    indexed: dict[str, int] = lib.summary["authorities"]
    if st.session_state.get("timeline") is None and len(filters.authorities) == 1:
        st.session_state["timeline"] = filters.authorities[0]
    st.selectbox("Authority", sorted(indexed), key="timeline", index=None,
                 format_func=lambda n: f"{n} ({indexed[n]})", placeholder="Choose an authority to follow",
                 persist_state="page")
    name = st.session_state["timeline"]
    if name is None:
        st.caption("Choose an authority: its documents in date order, with their grades and, when you ask a "
                   "question above, what each document says about it.")
        return
    entries: tuple[Entry, ...] = lib.timeline(name, question, filters)
    st.caption(f"{len(entries)} documents about {md_escape(name)}, oldest first"
               + (", each with its own best answer to the question." if question else "."))
    for entry in entries:
        doc = entry.document
        with st.container(border=True):
            when = long_date(doc.date) or str(doc.year or "Undated")
            st.markdown(f"**{md_escape(when)}** · {md_escape(TYPE_LABELS.get(doc.doc_type, doc.doc_type))}  \n"
                        f"{md_escape(doc.title)}")
            if doc.judgements:
                st.markdown(grade_badges(doc))
            if entry.answer is not None:
                cited_answer(entry.answer)
