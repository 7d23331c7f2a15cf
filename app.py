"""Streamlit front end: widgets in, the indexer's Python API, rendering out.

State lives in the URL (?q=...&authority=...&year_from=...&year_to=...&type=...), so a search can
be bookmarked and shared. Text from documents is always escaped before it is shown.
"""

from __future__ import annotations

import os

import streamlit as st

from indexer import IndexerError, Library, load_settings, make_filters
from indexer.authorities import gazetteer
from indexer.citations import escape_markdown as md_escape
from indexer.citations import location, long_date, reference
from indexer.embedding import SentenceTransformerEmbedder
from indexer.export import answer_copy_text, citation_copy_texts, to_csv, to_docx, to_markdown
from indexer.store import read_manifest
from indexer.types import DOC_TYPES, Answer, Filters, Hit

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


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except ValueError:
        return None


def sidebar(summary: dict) -> Filters:
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
    if st.session_state.get("ignore"):
        wanted["ignore"] = sorted(st.session_state["ignore"])
    current = {k: (st.query_params.get_all(k) if k in ("authority", "type", "ignore") else st.query_params.get(k))
               for k in st.query_params}
    if current != wanted:
        st.query_params.from_dict(wanted)


def chips(answer: Answer) -> None:
    """Filters read from the question, each removable; the year range applied, always shown."""
    f = answer.filters
    names = {"authority": "Authority", "year": "Document years", "type": "Type"}
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


def citation_cards(lib: Library, answer: Answer) -> None:
    copies = citation_copy_texts(answer)
    for c in answer.citations:
        quoted = [s.text for s in answer.sentences if s.citation == c.n]
        with st.container(border=True):
            st.markdown(f"**[{c.n}] {md_escape(c.hit.document.title)}**  \n{passage_meta(c.hit)}")
            st.markdown(highlighted(c.hit.passage.text, quoted))
            st.caption("Copy the quote with its reference")
            st.code(copies[c.n], language=None, wrap_lines=True)
            in_context(lib, c.hit)


def passage_cards(lib: Library, hits: list[Hit]) -> None:
    for hit in hits:
        with st.container(border=True):
            st.markdown(f"**{md_escape(hit.document.title)}**  \n{passage_meta(hit)}")
            st.markdown(md_escape(hit.passage.text))
            st.code(f"\u201c{' '.join(hit.passage.text.split())}\u201d\n{reference(hit.document, hit.passage)}",
                    language=None, wrap_lines=True)
            in_context(lib, hit)


def show_answer(lib: Library, answer: Answer) -> None:
    chips(answer)
    if not answer.answered:
        st.warning(answer.message)
        if not answer.hits:
            held = ", ".join(f"{name} ({n})" for name, n in sorted(lib.summary["authorities"].items()))
            st.caption(f"Documents are indexed about: {md_escape(held)}.")
        if answer.hits:
            st.subheader("Closest passages (not an answer)")
            passage_cards(lib, list(answer.hits[:5]))
        return
    st.subheader("Answer")
    with st.container(border=True):
        st.markdown(" ".join(f"{md_escape(s.text)} **\\[{s.citation}\\]**" for s in answer.sentences))
    st.caption("The whole answer with its references, to copy or download")
    st.code(answer_copy_text(answer), language=None, wrap_lines=True)
    row = st.container(horizontal=True)
    icon = ":material/download:"
    # Files are made when a button is clicked, not on every rerun.
    row.download_button("Markdown", lambda: to_markdown(answer), "answer.md", "text/markdown", icon=icon)
    row.download_button("CSV", lambda: to_csv(answer), "answer.csv", "text/csv", icon=icon)
    row.download_button("Word", lambda: to_docx(answer), "answer.docx", _DOCX_MIME, icon=icon)
    st.subheader("Cited passages")
    citation_cards(lib, answer)
    cited = {c.hit.passage.id for c in answer.citations}
    further = [h for h in answer.hits if h.passage.id not in cited][:5]
    if further:
        st.subheader("Further relevant passages")
        passage_cards(lib, further)


def ask_tab(lib: Library, filters: Filters) -> None:
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
    question = st.session_state["q"].strip()
    sync_url(filters, question)
    if not question:
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
    if path is None:
        return
    index = lib.document_index(path)
    if index is None:
        return
    doc = lib.index.documents[index]
    st.markdown(f"### {md_escape(doc.title)}")
    meta = [doc.authority or "", long_date(doc.date) or str(doc.year or ""), TYPE_LABELS.get(doc.doc_type, "")]
    if doc.inspection_dates:
        meta.append(f"inspected {doc.inspection_dates}")
    st.caption(" · ".join(md_escape(m) for m in meta if m))
    for p in lib.index.passages_of(index):
        label = location(doc, p)
        st.markdown(f"*{md_escape(label)}*  \n{md_escape(p.text)}")


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
        filters = sidebar(summary)
    except IndexerError as exc:
        st.error(str(exc))
        return
    st.title("Children's services evidence")
    st.caption("Answers quoted word for word from inspection reports, letters, council papers and articles, each cited.")
    ask, browse = st.tabs(["Ask", "Browse documents"])
    with ask:
        ask_tab(lib, filters)
    with browse:
        browse_tab(lib, filters)


main()
