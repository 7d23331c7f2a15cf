"""Every endpoint and every client error, with FastAPI's test client on the seeds (fake embedder).
Each body must equal what the CLI's --json prints, made by the same views functions."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import FakeEmbedder
from fastapi.testclient import TestClient

from indexer import views
from indexer.config import Settings
from indexer.library import Library, make_filters
from indexer.serve import ServeOptions, create_app

DENTIST = "How long do children wait to see a dentist in Blackburn with Darwen?"


@pytest.fixture(scope="module")
def client(seeds: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(seeds, ServeOptions(), FakeEmbedder())) as c:
        yield c


@pytest.fixture(scope="module")
def library(seeds: Settings) -> Iterator[Library]:
    lib = Library.open(seeds, FakeEmbedder())
    yield lib
    lib.close()


def test_health_names_the_generation(client: TestClient, library: Library) -> None:
    r = client.get("/health")
    assert r.status_code == 200
    assert r.json() == {"status": "ok", "model": "fake", "generation": library.index.generation,
                        "documents": 5, "passages": library.index.size}
    assert r.headers["X-Index-Generation"] == library.index.generation


def test_search_is_the_cli_search_object(client: TestClient, library: Library) -> None:
    r = client.get("/search", params={"q": "pre-proceedings", "authority": "blackpool", "year_from": 2022,
                                      "year_to": 2022, "k": 3})
    assert r.status_code == 200
    hits, applied = library.search("pre-proceedings", make_filters(["blackpool"], 2022, 2022), 3)
    assert r.json() == views.search(hits, applied)
    assert r.json()["filters"]["authority"] == ["Blackpool"] and len(r.json()["results"]) == 3


def test_repeated_filters_and_grades(client: TestClient, library: Library) -> None:
    params = [("q", "leadership"), ("authority", "Blackpool"), ("authority", "Blackburn with Darwen"),
              ("type", "inspection"), ("type", "monitoring_visit"), ("k", "5")]
    r = client.get("/search", params=params)
    assert r.status_code == 200
    assert r.json()["filters"]["authority"] == ["Blackpool", "Blackburn with Darwen"]
    assert r.json()["filters"]["type"] == ["inspection", "monitoring_visit"]
    graded = client.get("/search", params={"q": "dentist", "grade": "inadequate"})
    assert graded.status_code == 200 and graded.json()["filters"]["grade"] == ["inadequate"]


def test_ask_get_and_post_are_the_cli_ask_object(client: TestClient, library: Library) -> None:
    expected = views.answer(library.ask(DENTIST))
    got = client.get("/ask", params={"q": DENTIST})
    assert got.status_code == 200 and got.json() == expected and expected["answered"]
    posted = client.post("/ask", json={"question": DENTIST})
    assert posted.status_code == 200 and posted.json() == expected
    filtered = client.post("/ask", json={"question": "caseloads", "authority": ["Blackpool"], "year_from": 2022,
                                         "year_to": 2022, "type": [], "grade": [], "k": 5})
    assert filtered.json() == views.answer(library.ask("caseloads", make_filters(["Blackpool"], 2022, 2022), 5))


def test_an_authority_not_indexed_is_declined_by_name(client: TestClient) -> None:
    r = client.post("/ask", json={"question": "caseloads", "authority": ["York"]})
    assert r.status_code == 200
    assert r.json()["answered"] is False and r.json()["message"] == "No documents about York are indexed."


def test_compare_is_the_cli_compare_object(client: TestClient, library: Library) -> None:
    body = {"question": "What is said about dentists?", "authorities": ["Blackpool", "Blackburn with Darwen"]}
    r = client.post("/compare", json=body)
    assert r.status_code == 200
    filters = make_filters(body["authorities"])
    assert r.json() == views.compare(library.compare(body["question"], filters.authorities, filters))
    assert [c["authority"] for c in r.json()["columns"]] == ["Blackpool", "Blackburn with Darwen"]


def test_judgements_is_the_cli_judgements_object(client: TestClient, library: Library) -> None:
    r = client.get("/judgements")
    assert r.status_code == 200 and r.json() == views.judgements(library.judgements())
    assert r.json()["reports"]
    none = client.get("/judgements", params={"authority": "Blackpool", "grade": "outstanding"})
    assert none.status_code == 200 and none.json() == {"reports": []}


def test_documents_list_and_one_document(client: TestClient, library: Library) -> None:
    r = client.get("/documents")
    assert r.status_code == 200 and r.json() == views.info(library.index, with_passages=False)
    first = r.json()["documents"][0]
    assert len(first["id"]) == 16 and "/" not in first["id"] and first["id"] != first["path"]
    one = client.get(f"/documents/{first['id']}")
    assert one.status_code == 200
    assert one.json()["path"] == first["path"] and len(one.json()["passages"]) == first["passages"]
    assert {"id", "text", "paragraph", "page", "section"} <= set(one.json()["passages"][0])


def test_openapi_documentation(client: TestClient) -> None:
    assert client.get("/docs").status_code == 200
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/health", "/search", "/ask", "/compare", "/judgements", "/documents", "/documents/{doc_id}"} <= set(paths)


@pytest.mark.parametrize(("method", "url", "payload", "status", "message"), [
    ("get", "/search?q=care&year_from=2020x", None, 422, "year_from must be a whole number, not '2020x'."),
    ("get", "/search?q=care&year_to=soon", None, 422, "year_to must be a whole number, not 'soon'."),
    ("get", "/search?q=care&type=blog", None, 422,
     "'blog' is not a document type; use one of: inspection, focused_visit, monitoring_visit, jtai, area_send, committee_report, news, other."),
    ("get", "/search?q=care&k=0", None, 422, "k must be between 1 and 100, not 0."),
    ("get", "/search?q=care&k=101", None, 422, "k must be between 1 and 100, not 101."),
    ("get", "/search?q=care&k=ten", None, 422, "k must be a whole number, not 'ten'."),
    ("get", "/search", None, 422, "q is required."),
    ("get", "/search?q=", None, 422, "q must not be empty."),
    ("get", "/search?q=care&authorty=York", None, 422, "authorty is not a field this endpoint reads; see /docs."),
    ("get", "/search?q=care&grade=superb", None, 422,
     "'superb' is not an Ofsted grade; use one of: outstanding, good, requires improvement, inadequate, "
     "or an area SEND outcome: positive, inconsistent, systemic, written statement of action."),
    ("get", "/search?q=care&authority=Narnia", None, 422, "'Narnia' is not an English local authority that we know."),
    ("get", "/ask?q=" + "a" * 1001, None, 422, "q must be at most 1000 characters, not 1001."),
    ("post", "/ask", {"question": "a" * 1001}, 422, "question must be at most 1000 characters, not 1001."),
    ("post", "/ask", {"question": "care", "year_from": "last year"}, 422, "year_from must be a whole number, not 'last year'."),
    ("post", "/ask", {"question": "care", "authority": "Blackpool"}, 422, "authority must be a list, not 'Blackpool'."),
    ("post", "/ask", {"question": "care", "k": 500}, 422, "k must be between 1 and 100, not 500."),
    ("post", "/ask", {}, 422, "question is required."),
    ("post", "/ask", [1, 2], 400, "The request body must be a JSON object."),
    ("post", "/compare", {"question": "dentists", "authorities": ["Blackpool"]}, 422,
     "authorities must list 2 to 4 authorities, not 1."),
    ("post", "/compare", {"question": "dentists", "authorities": ["A", "B", "C", "D", "E"]}, 422,
     "authorities must list 2 to 4 authorities, not 5."),
    ("get", "/judgements?year_from=twenty", None, 422, "year_from must be a whole number, not 'twenty'."),
    ("get", "/documents/0123456789abcdef", None, 404,
     "No document has the id '0123456789abcdef'; the ids are listed at /documents."),
    ("get", "/documents/..%2F..%2Fetc%2Fpasswd", None, 404,
     "There is nothing at /documents/../../etc/passwd; the endpoints are listed at /docs."),
    ("get", "/documents/%2Fetc%2Fpasswd", None, 404,
     "There is nothing at /documents//etc/passwd; the endpoints are listed at /docs."),
    ("get", "/documents/corpus.txt", None, 404, "No document has the id 'corpus.txt'; the ids are listed at /documents."),
    ("delete", "/documents", None, 405, "DELETE is not allowed on /documents; see /docs."),
    ("get", "/nothing", None, 404, "There is nothing at /nothing; the endpoints are listed at /docs."),
])
def test_bad_input_is_one_sentence(client: TestClient, method: str, url: str, payload: object, status: int,
                                   message: str) -> None:
    r = client.request(method.upper(), url, json=payload) if payload is not None else client.request(method.upper(), url)
    assert (r.status_code, r.json()) == (status, {"error": message})


def test_a_body_that_is_not_json(client: TestClient) -> None:
    r = client.post("/ask", content=b"question=care", headers={"Content-Type": "application/json"})
    assert (r.status_code, r.json()) == (400, {"error": "The request body is not valid JSON."})
    r = client.post("/ask", content=b"question=care", headers={"Content-Type": "text/plain"})
    assert r.status_code == 400 and r.json() == {"error": "The request body must be a JSON object."}


def test_bodies_are_capped(client: TestClient) -> None:
    big = b'{"question": "' + b"a" * 20_000 + b'"}'
    r = client.post("/ask", content=big, headers={"Content-Type": "application/json"})
    assert (r.status_code, r.json()) == (413, {"error": "The request body is over 16,384 bytes; send a shorter one."})

    def chunks() -> Iterator[bytes]:  # no Content-Length: counted as it arrives
        yield b'{"question": "'
        for _ in range(40):
            yield b"a" * 1000
        yield b'"}'

    r = client.post("/ask", content=chunks(), headers={"Content-Type": "application/json"})
    assert r.status_code == 413


def test_errors_change_nothing(client: TestClient, seeds: Settings) -> None:
    before = sorted(p.name for p in Path(seeds.index_dir).rglob("*"))
    generation = client.get("/health").json()["generation"]
    for url in ("/search?q=care&k=0", "/documents/..%2Fmanifest.json", "/ask?q=" + "a" * 2000):
        assert 400 <= client.get(url).status_code < 500
    assert client.post("/ask", content=b"{", headers={"Content-Type": "application/json"}).status_code == 400
    assert sorted(p.name for p in Path(seeds.index_dir).rglob("*")) == before
    assert client.get("/health").json()["generation"] == generation
