from pathlib import Path

import pytest
from conftest import FakeEmbedder

from indexer.build import build
from indexer.config import Settings
from indexer.errors import UnknownAuthority, UnknownDocType
from indexer.library import Library, make_filters
from indexer.types import Filters, Hit


@pytest.fixture
def library(corpus_copy: Path, settings: Settings, fake: FakeEmbedder) -> Library:
    build(corpus_copy, settings, fake, progress=False)
    lib = Library.open(settings, fake)
    yield lib
    lib.close()


def test_filters_apply_before_ranking(library: Library) -> None:
    # Few passages of Blackburn with Darwen mention domestic abuse; k still fills from that authority.
    hits, applied = library.search("domestic abuse", make_filters(["blackburn with darwen"]), k=20)
    assert len(hits) == 20
    assert {h.document.authority for h in hits} == {"Blackburn with Darwen"}
    assert applied.authorities == ("Blackburn with Darwen",)


def test_year_and_type_filters(library: Library) -> None:
    hits, _ = library.search("pre-proceedings", make_filters(["Blackpool"], 2022, 2022), k=10)
    assert hits and {(h.document.authority, h.document.year) for h in hits} == {("Blackpool", 2022)}
    hits, _ = library.search("leadership", make_filters(doc_types=["news"]), k=5)
    assert hits and {h.document.doc_type for h in hits} == {"news"}


def test_filter_that_excludes_everything(library: Library) -> None:
    hits, _ = library.search("caseloads", make_filters(["Blackpool"], 2030, 2031))
    assert hits == []
    answer = library.ask("caseloads", make_filters(["Blackpool"], 2030, 2031))
    assert not answer.answered and "No indexed document matches the filter years 2030–2031: remove or widen it." in answer.message


def test_unknown_names_are_errors() -> None:
    with pytest.raises(UnknownAuthority, match="Did you mean Blackpool"):
        make_filters(["Blakpool"])
    with pytest.raises(UnknownDocType, match="use one of: inspection, focused_visit"):
        make_filters(doc_types=["memo"])


def test_authority_absent_from_corpus_is_declined(library: Library) -> None:
    hits, applied = library.search("What did Ofsted say about Manchester?")
    assert hits == [] and applied.sources["authority_not_indexed"] == "Manchester"
    answer = library.ask("What did Ofsted say about Manchester?")
    assert not answer.answered and answer.message == "No documents about Manchester are indexed."
    answer = library.ask("caseloads", make_filters(["Leeds"]))
    assert not answer.answered and answer.message == "No documents about Leeds are indexed."


def test_large_indexes_use_a_graph_with_the_same_answers(corpus_copy: Path, settings: Settings, fake: FakeEmbedder) -> None:
    from dataclasses import replace

    build(corpus_copy, settings, fake, progress=False)
    exact = Library.open(settings, fake)
    graph_settings = replace(settings, index_dir=settings.index_dir.parent / "graph", ann_threshold=10)
    build(corpus_copy, graph_settings, fake, progress=False)
    graph = Library.open(graph_settings, fake)
    assert graph.index.approximate and not exact.index.approximate
    assert graph.index.manifest["vector_index"] == "hnsw"
    for question, filters in (("domestic abuse", make_filters()), ("care leavers", make_filters(["Blackpool"]))):
        a, _ = exact.search(question, filters, k=5)
        b, _ = graph.search(question, filters, k=5)
        assert [h.passage.text for h in a] == [h.passage.text for h in b]
        assert {h.document.authority for h in b} <= set(filters.authorities or {"Blackpool", "Blackburn with Darwen"})
    # and a rebuild reuses the graph's vectors
    again = build(corpus_copy, graph_settings, fake, progress=False)
    assert again.embedded == 0
    exact.close()
    graph.close()


def test_a_spelled_out_name_finds_passages_that_use_its_abbreviation(library: Library) -> None:
    question = "Who tells the request for support hub?"
    assert library.topic(question).other_words() == "RfSH"

    def first_abbreviated(hits: list[Hit]) -> int:
        return next(i for i, h in enumerate(hits) if "RfSH" in h.passage.text and "Request for" not in h.passage.text)

    with_it, _ = library.search(question, k=60)
    without = library.searcher.search(question, Filters(), k=60)
    assert first_abbreviated(with_it) < first_abbreviated(without)
