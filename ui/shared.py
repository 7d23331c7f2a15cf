"""What every page shows: passage and citation cards, the copy button, download buttons, an
answer in a narrow place, and a document opened whole. Text from documents is always escaped."""

from __future__ import annotations

import html
from collections.abc import Callable

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from indexer import Library
from indexer.ask.citations import escape_markdown as md_escape
from indexer.ask.citations import location, long_date, reference
from indexer.describe import grades
from indexer.export import (
    answer_copy_text,
    citation_copy_texts,
)
from indexer.types import Answer, Document, Hit

TYPE_LABELS = {
    "inspection": "Inspection report",
    "focused_visit": "Focused visit",
    "monitoring_visit": "Monitoring visit",
    "jtai": "Joint targeted area inspection",
    "area_send": "Area SEND inspection",
    "committee_report": "Committee report",
    "news": "News article",
    "other": "Other",
}


DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


GRADE_COLOURS = {"outstanding": "green", "good": "blue", "requires improvement": "orange", "inadequate": "red",
                 # area SEND outcomes, coloured as the grades they sit beside in benchmarking packs
                 "positive": "green", "inconsistent": "orange", "systemic": "red", "written statement of action": "red"}


_ORDER = {name: i for i, (name, _) in enumerate(grades.COLUMNS)}


# One click copies a quote and its reference without a second copy of the text on the page: the
# text sits in the button's data-copy attribute (escaped), and this one listener copies it.
COPY_SCRIPT = """
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


def copy_button(text: str, label: str = "Copy quote and reference") -> None:
    """A button that puts ``text`` on the clipboard; the text is not shown again on the page."""
    st.html(
        f'<button type="button" class="copy-button" data-copy="{html.escape(text, quote=True)}" '
        f'title="Copies the text with its full reference">{html.escape(label)}</button>',
        width="content",
    )


def download(
    where: DeltaGenerator | None, label: str, make: Callable[[], str | bytes], file_name: str, mime: str,
    key: str | None = None,
) -> None:
    """A download button (in ``where``, or in the page's flow) whose file is made when it is
    clicked, not on every rerun, and whose click reruns nothing (a rerun under way could swallow
    the download)."""
    button = where.download_button if where is not None else st.download_button
    button(label, make, file_name, mime, icon=":material/download:", key=key, on_click="ignore")


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


def answer_markdown(answer: Answer) -> str:
    return " ".join(f"{md_escape(s.text)} **\\[{s.citation}\\]**" for s in answer.sentences)


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
