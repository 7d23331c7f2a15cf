"""The Judgements page: every inspection report's grades in columns, coloured, sortable, downloadable."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from indexer import Library
from indexer.describe import grades
from indexer.export import (
    judgements_csv,
    judgements_rows,
)
from indexer.types import Filters
from ui.shared import (
    TYPE_LABELS,
    download,
    show_document,
)

_GRADE_CELLS = {  # the table's cells, light enough for dark text
    "outstanding": "#c8ecd4", "good": "#d4e6fb", "requires improvement": "#fde3c2", "inadequate": "#f9cccc",
    "positive": "#c8ecd4", "inconsistent": "#fde3c2", "systemic": "#f9cccc", "written statement of action": "#f9cccc",
}


def judgements_tab(lib: Library, filters: Filters) -> None:
    docs = lib.judgements(filters)
    many = f"{len(docs)} inspection reports with judgements match" if len(docs) != 1 else (
        "1 inspection report with judgements matches")
    st.caption(f"{many} the sidebar filters; narrow them by **Judgement grade** there. "
               "Sort by any column; select a row to open its report.")
    if not docs:
        return
    rows = judgements_rows(docs)
    columns = [k for k in rows[0] if k not in ("authority", "date", "year", "doc_type", "title", "path")]
    table = pd.DataFrame([{
        "Authority": r["authority"], "Date": date.fromisoformat(str(r["date"])) if r["date"] else None,
        "Type": TYPE_LABELS.get(str(r["doc_type"]), r["doc_type"]), **{c: r[c] for c in columns}, "Title": r["title"],
    } for r in rows])
    shade = lambda v: f"background-color: {_GRADE_CELLS[g]}" if isinstance(v, str) and (  # noqa: E731
        g := grades.normalise_grade(v)) in _GRADE_CELLS else ""
    event = st.dataframe(
        table.style.map(shade, subset=columns), key="judgements_table", on_select="rerun",
        selection_mode="single-row", hide_index=True, width="stretch",
        column_config={"Date": st.column_config.DateColumn(format="D MMM YYYY"),
                       "Title": st.column_config.TextColumn(width="large")},
    )
    download(None, "Download CSV", lambda: judgements_csv(docs), "judgements.csv", "text/csv")
    chosen = event.selection.rows if event is not None else []
    if chosen:
        with st.container(border=True):
            show_document(lib, docs[chosen[0]].path)
