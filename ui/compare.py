"""The Compare page: one question, two to four authorities, one cited column each."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from indexer import IndexerError, Library
from indexer.across import COMPARE_MOST, Column
from indexer.ask.citations import escape_markdown as md_escape
from indexer.describe import gazetteer
from indexer.export import (
    compare_copy_text,
    compare_csv,
    compare_docx,
    compare_markdown,
)
from indexer.types import Filters
from ui.shared import (
    DOCX_MIME,
    cited_answer,
    copy_button,
    declined,
    download,
)


def compare_tab(lib: Library, filters: Filters, question: str) -> None:
    indexed: dict[str, int] = lib.summary["authorities"]
    names = sorted(indexed) + [n for n in gazetteer().names if n not in indexed]
    st.multiselect(
        "Authorities to compare", names, key="compare", max_selections=COMPARE_MOST,
        format_func=lambda n: f"{n} ({indexed[n]})" if n in indexed else f"{n} (none indexed)",
        placeholder="Choose two to four authorities", persist_state="page",
    )
    chosen = list(st.session_state["compare"])
    if len(chosen) < 2 or not question:
        st.caption("Choose two to four authorities and ask a question above: each authority gets its own "
                   "cited answer, or says that its documents do not answer it.")
        return
    try:
        columns = lib.compare(question, chosen, replace(filters, authorities=()))
    except IndexerError as exc:
        st.error(str(exc))
        return
    shared = columns[0].answer.filters.describe()
    shared.pop("authority", None)
    st.caption("Each column searches only its own authority's documents"
               + (", under " + "; ".join(f"{k} {md_escape(v)}" for k, v in shared.items()) if shared else "") + ".")
    for column, place in zip(columns, st.columns(len(columns), border=True)):
        with place:
            st.markdown(f"#### {md_escape(column.authority)}")
            if column.answer.answered:
                cited_answer(column.answer)
            else:
                declined(column.answer, warn=True)
    compare_downloads(columns)


def compare_downloads(columns: tuple[Column, ...]) -> None:
    row = st.container(horizontal=True)
    download(row, "Markdown", lambda: compare_markdown(columns), "compare.md", "text/markdown", key="compare_md")
    download(row, "CSV", lambda: compare_csv(columns), "compare.csv", "text/csv", key="compare_csv")
    download(row, "Word", lambda: compare_docx(columns), "compare.docx", DOCX_MIME, key="compare_docx")
    with row:
        copy_button("\n\n".join(compare_copy_text(c) for c in columns), "Copy every column")
