"""The Browse page: the documents under the sidebar filters, and any one opened whole."""

from __future__ import annotations

import streamlit as st

from indexer import Library
from indexer.types import Filters
from ui.shared import (
    TYPE_LABELS,
    show_document,
)


def browse_tab(lib: Library, filters: Filters) -> None:
    admitted = lib.searcher.admitted_documents(filters)
    docs = [d for d, keep in zip(lib.index.documents, admitted) if keep]
    st.caption(f"{len(docs)} of {len(lib.index.documents)} documents match the sidebar filters.")
    rows = [{
        "Title": d.title, "Authority": d.authority, "Date": d.date, "Year": d.year,
        "Type": TYPE_LABELS.get(d.doc_type, d.doc_type),
        "Judgements": "; ".join(f"{k}: {v}" for k, v in d.judgements.items()), "File": d.path,
    } for d in docs]
    st.dataframe(rows, hide_index=True, width="stretch")
    if not docs:
        return
    titles = {d.path: f"{d.title} ({d.authority or 'authority unknown'}, {d.year or 'undated'})" for d in docs}
    path = st.selectbox("Open a document", list(titles), index=None, format_func=titles.__getitem__,
                        placeholder="Choose a document to read its cleaned text and passages")
    if path is not None:
        show_document(lib, path)
