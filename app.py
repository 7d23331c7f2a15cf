"""Streamlit front end: widgets in, the indexer's Python API, rendering out.

State lives in the URL (?q=...&authority=...&year_from=...&year_to=...&type=...&grade=...,
and compare=NAME&compare=NAME, timeline=NAME, tab=...), so a search can be bookmarked and shared.
Text from documents is always escaped before it is shown.
"""

from __future__ import annotations

import html
import os
from collections.abc import Callable
from dataclasses import replace
from datetime import date

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from indexer import IndexerError, Library, grades, load_settings, make_filters
from indexer.authorities import gazetteer
from indexer.citations import escape_markdown as md_escape
from indexer.citations import location, long_date, reference
from indexer.embedding import SentenceTransformerEmbedder
from indexer.export import (
    answer_copy_text,
    citation_copy_texts,
    compare_copy_text,
    compare_csv,
    compare_docx,
    compare_markdown,
    judgements_csv,
    judgements_rows,
    to_csv,
    to_docx,
    to_markdown,
)
from indexer.overview import COMPARE_MOST, Column, Entry
from indexer.store import read_manifest
from indexer.types import DOC_TYPES, Answer, Document, Filters, Hit

os.environ.setdefault("HF_HUB_OFFLINE", "1")

TYPE_LABELS = {
    "inspection": "Inspection report",
    "focused_visit": "Focused visit",
    "monitoring_visit": "Monitoring visit",
    "jtai": "Joint targeted area inspection",
    "committee_report": "Committee report",
    "news": "News article",
    "other": "Other",
}
_DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
TABS = ("Ask", "Compare", "Timeline", "Judgements", "Browse documents")
_ORDER = {name: i for i, (name, _) in enumerate(grades.COLUMNS)}
GRADE_COLOURS = {"outstanding": "green", "good": "blue", "requires improvement": "orange", "inadequate": "red"}
_GRADE_CELLS = {  # the table's cells, light enough for dark text
    "outstanding": "#c8ecd4", "good": "#d4e6fb", "requires improvement": "#fde3c2", "inadequate": "#f9cccc",
}
# One click copies a quote and its reference without a second copy of the text on the page: the
# text sits in the button's data-copy attribute (escaped), and this one listener copies it.
_COPY_SCRIPT = """
<style>
button.copy-button { font: inherit; font-size: 0.875rem; min-height: 2.5rem; padding: 0.25rem 0.75rem;
  display: inline-flex; align-items: center; gap: 0.4rem; border-radius: 0.5rem; cursor: pointer;
  border: 1px solid rgba(128, 128, 128, 0.35); background: transparent; color: inherit; }
button.copy-button:hover { border-color: #ff4b4b; color: #ff4b4b; }
button.copy-button::before { content: ""; width: 14px; height: 14px; background-color: currentColor;
  -webkit-mask: var(--copy-icon) no-repeat center / contain; mask: var(--copy-icon) no-repeat center / contain; }
:root { --copy-icon: url("data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 24 24' fill='none' stroke='black' stroke-width='2'%3E%3Crect x='9' y='9' width='11' height='11' rx='2'/%3E%3Cpath d='M5 15V5a2 2 0 0 1 2-2h10'/%3E%3C/svg%3E"); }
</style>
<script>
if (!window.__copyButtons) {
  window.__copyButtons = true;
  document.addEventListener("click", async (event) => {
    const button = event.composedPath().find((el) => el instanceof HTMLElement && el.dataset && "copy" in el.dataset);
    if (!button) return;
    const text = button.dataset.copy;
    try {
      await navigator.clipboard.writeText(text);
    } catch (error) {  // no clipboard API outside https and localhost
      const area = document.createElement("textarea");
      area.value = text;
      document.body.appendChild(area);
      area.select();
      document.execCommand("copy");
      area.remove();
    }
    button.dataset.label = button.dataset.label || button.textContent;
    button.textContent = "Copied ✓";
    setTimeout(() => { button.textContent = button.dataset.label; }, 1500);
  });
}
</script>
"""


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
    return Library.open(settings, embedder(model))


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


def highlighted(text: str, quotes: list[str]) -> str:
    out = md_escape(text)
    for quote in quotes:
        escaped = md_escape(quote)
        out = out.replace(escaped, f":orange-background[{escaped}]", 1)
    return out


def passage_meta(hit: Hit) -> str:
    d = hit.document
    bits = [d.authority or "Authority unknown", long_date(d.date) or str(d.year or "undated"),
            TYPE_LABELS.get(d.doc_type, d.doc_type), location(d, hit.passage)]
    return " · ".join(md_escape(b) for b in bits)


def in_context(lib: Library, hit: Hit) -> None:
    index = lib.document_index(hit.document.path)
    if index is None:
        return
    passages = lib.index.passages_of(index)
    at = next((i for i, p in enumerate(passages) if p.id == hit.passage.id), 0)
    with st.expander("Show in document"):
        for p in passages[max(0, at - 2) : at + 3]:
            text = md_escape(p.text)
            st.markdown(f"**{text}**" if p.id == hit.passage.id else text)


def copy_button(text: str, label: str = "Copy quote and reference") -> None:
    """A button that puts ``text`` on the clipboard; the text is not shown again on the page."""
    st.html(
        f'<button type="button" class="copy-button" data-copy="{html.escape(text, quote=True)}" '
        f'title="Copies the text with its full reference">{html.escape(label)}</button>',
        width="content",
    )


def citation_cards(lib: Library, answer: Answer) -> None:
    copies = citation_copy_texts(answer)
    for c in answer.citations:
        quoted = [s.text for s in answer.sentences if s.citation == c.n]
        with st.container(border=True):
            st.markdown(f"**[{c.n}] {md_escape(c.hit.document.title)}**  \n{passage_meta(c.hit)}")
            st.markdown(highlighted(c.hit.passage.text, quoted))
            copy_button(copies[c.n])
            in_context(lib, c.hit)


def passage_cards(lib: Library, hits: list[Hit]) -> None:
    for hit in hits:
        with st.container(border=True):
            st.markdown(f"**{md_escape(hit.document.title)}**  \n{passage_meta(hit)}")
            st.markdown(md_escape(hit.passage.text))
            copy_button(f"\u201c{' '.join(hit.passage.text.split())}\u201d\n{reference(hit.document, hit.passage)}",
                        "Copy passage and reference")
            in_context(lib, hit)


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
    download(row, "Word", lambda: to_docx(answer), "answer.docx", _DOCX_MIME)
    st.subheader("Cited passages")
    citation_cards(lib, answer)
    cited = {c.hit.passage.id for c in answer.citations}
    further = [h for h in answer.hits if h.passage.id not in cited][:5]
    if further:
        st.subheader("Further relevant passages")
        passage_cards(lib, further)


def answer_markdown(answer: Answer) -> str:
    return " ".join(f"{md_escape(s.text)} **\\[{s.citation}\\]**" for s in answer.sentences)


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


def grade_badges(doc: Document) -> str:
    """Short judgement names (the table's columns), so that the grade is never cut off."""
    return " ".join(
        f":{GRADE_COLOURS.get(grades.normalise_grade(grade), 'gray')}-badge[{md_escape(name)}: {md_escape(grade)}]"
        for name, grade in sorted(grades.by_column(doc.judgements).items(), key=lambda kv: _ORDER.get(kv[0], 9))
    )


def show_document(lib: Library, path: str) -> None:
    index = lib.document_index(path)
    if index is None:
        return
    doc = lib.index.documents[index]
    st.markdown(f"### {md_escape(doc.title)}")
    meta = [doc.authority or "", long_date(doc.date) or str(doc.year or ""), TYPE_LABELS.get(doc.doc_type, "")]
    if doc.inspection_dates:
        meta.append(f"inspected {doc.inspection_dates}")
    st.caption(" · ".join(md_escape(m) for m in meta if m))
    if doc.judgements:
        st.markdown(grade_badges(doc))
    if doc.url:
        st.link_button("Open the original", doc.url, icon=":material/open_in_new:")
    section = None
    for p in lib.index.passages_of(index):
        if p.label is not None or p.page is not None:
            st.markdown(f"*{md_escape(location(doc, p))}*  \n{md_escape(p.text)}")
            continue
        if p.section and p.section != section:  # a heading once, not a label on every paragraph
            st.markdown(f"*{md_escape(p.section)}*")
        section = p.section
        st.markdown(md_escape(p.text))


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


def declined(answer: Answer, warn: bool = False) -> None:
    """A decline in a narrow place; the closest passage is named rather than shown."""
    message = answer.message
    if message.endswith("; the closest passages are below."):
        message = message.removesuffix("; the closest passages are below.") + "."
    if warn:
        st.warning(message, icon=":material/block:")
    else:
        st.caption(md_escape(message))
    if answer.hits:
        st.caption("Closest (not an answer): " + md_escape(reference(answer.hits[0].document, answer.hits[0].passage)))


def cited_answer(answer: Answer) -> None:
    """An answer in a narrow place (a compare column, a timeline entry): sentences, references, copy."""
    if not answer.answered:
        declined(answer)
        return
    st.markdown(answer_markdown(answer))
    st.caption("  \n".join(f"\\[{c.n}\\] {md_escape(c.reference)}" for c in answer.citations))
    copy_button(answer_copy_text(answer), "Copy answer and references")


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


def download(
    where: DeltaGenerator | None, label: str, make: Callable[[], str | bytes], file_name: str, mime: str,
    key: str | None = None,
) -> None:
    """A download button (in ``where``, or in the page's flow) whose file is made when it is
    clicked, not on every rerun, and whose click reruns nothing (a rerun under way could swallow
    the download)."""
    button = where.download_button if where is not None else st.download_button
    button(label, make, file_name, mime, icon=":material/download:", key=key, on_click="ignore")


def compare_downloads(columns: tuple[Column, ...]) -> None:
    row = st.container(horizontal=True)
    download(row, "Markdown", lambda: compare_markdown(columns), "compare.md", "text/markdown", key="compare_md")
    download(row, "CSV", lambda: compare_csv(columns), "compare.csv", "text/csv", key="compare_csv")
    download(row, "Word", lambda: compare_docx(columns), "compare.docx", _DOCX_MIME, key="compare_docx")
    with row:
        copy_button("\n\n".join(compare_copy_text(c) for c in columns), "Copy every column")


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
    st.html(_COPY_SCRIPT, unsafe_allow_javascript=True)
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
