"""The endpoints. Each body is the object the CLI prints with ``--json`` (indexer/views.py)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response
from pydantic import BaseModel, ConfigDict, Field

from indexer import views
from indexer.library import Library, make_filters
from indexer.serve.options import MAX_K, MAX_QUESTION
from indexer.serve.problems import Problem
from indexer.types import Filters

GENERATION_HEADER = "X-Index-Generation"
router = APIRouter()


def library(request: Request, response: Response) -> Iterator[Library]:
    """The generation current when the request came in, held until it is answered."""
    with request.app.state.generations.lease() as lib:
        response.headers[GENERATION_HEADER] = lib.index.generation
        yield lib


@contextmanager
def answering(request: Request, response: Response) -> Iterator[Library]:
    """As ``library``, once one of the few places for a search or an answer is free; the
    generation is the one current when the work starts. Entered inside the endpoint, on the
    thread that does the work: a dependency would wait for the place on one pool thread and then
    need a second for the endpoint, and with every thread waiting none would be left to answer."""
    with request.app.state.answering, request.app.state.generations.lease() as lib:
        response.headers[GENERATION_HEADER] = lib.index.generation
        yield lib


Lib = Annotated[Library, Depends(library)]
Text = Annotated[str, Field(min_length=1, max_length=MAX_QUESTION, description="the question or query")]
Count = Annotated[int | None, Field(ge=1, le=MAX_K, description="how many passages (1-100)")]


class _Filters(BaseModel):
    """Filters but the authority. A field that is none of an endpoint's is refused rather than
    ignored: a misspelt filter would otherwise filter nothing."""

    model_config = ConfigDict(extra="forbid")
    year_from: int | None = None
    year_to: int | None = None
    type: list[str] = Field(default_factory=list, description="document type")
    grade: list[str] = Field(default_factory=list, description='"judgement=grade", or a grade alone')

    def made(self, authorities: list[str]) -> Filters:
        return make_filters(authorities, self.year_from, self.year_to, self.type, self.grade)


class FilterFields(_Filters):
    """The filters; in a query string ``authority``, ``type`` and ``grade`` repeat."""

    authority: list[str] = Field(default_factory=list, description="local authority, any alias")

    def filters(self) -> Filters:
        return self.made(self.authority)


class SearchQuery(FilterFields):
    q: Text
    k: Count = None


class AskBody(FilterFields):
    question: Text
    k: Count = None


class CompareBody(_Filters):
    question: Text
    authorities: list[str] = Field(min_length=2, max_length=4, description="2 to 4 authorities, one column each")

    def filters(self) -> Filters:
        return self.made(self.authorities)


Searched = Annotated[SearchQuery, Query()]
Filtered = Annotated[FilterFields, Query()]


@router.get("/health", summary="Status, model and the generation answering")
async def health(request: Request, response: Response) -> dict[str, Any]:
    # On the event loop, not the threadpool: it answers at once however busy the service is.
    with request.app.state.generations.lease() as lib:
        response.headers[GENERATION_HEADER] = lib.index.generation
        return views.health(lib.index)


@router.get("/search", summary="Ranked passages (the `search` object)")
def search(request: Request, response: Response, query: Searched) -> dict[str, Any]:
    with answering(request, response) as lib:
        hits, applied = lib.search(query.q, query.filters(), query.k)
        return views.search(hits, applied)


@router.get("/ask", summary="A cited answer (the `ask` object), from the query string")
def ask_get(request: Request, response: Response, query: Searched) -> dict[str, Any]:
    with answering(request, response) as lib:
        return views.answer(lib.ask(query.q, query.filters(), query.k))


@router.post("/ask", summary="A cited answer (the `ask` object)")
def ask_post(request: Request, response: Response, body: AskBody) -> dict[str, Any]:
    with answering(request, response) as lib:
        return views.answer(lib.ask(body.question, body.filters(), body.k))


@router.post("/compare", summary="One question, 2-4 authorities (the `compare` object)")
def compare(request: Request, response: Response, body: CompareBody) -> dict[str, Any]:
    filters = body.filters()
    with answering(request, response) as lib:
        return views.compare(lib.compare(body.question, filters.authorities, filters))


@router.get("/judgements", summary="One row per report with judgements (the `judgements` object)")
def judgements(lib: Lib, where: Filtered) -> dict[str, Any]:
    return views.judgements(lib.judgements(where.filters()))


@router.get("/documents", summary="Every document (the `info` object), each with its id")
def documents(lib: Lib) -> dict[str, Any]:
    return views.info(lib.index, with_passages=False)


@router.get("/documents/{doc_id}", summary="One document with its passages")
def document(lib: Lib, doc_id: str) -> dict[str, Any]:
    found = lib.document_by_id(doc_id)
    if found is None:
        raise Problem(404, f"No document has the id {doc_id[:40]!r}; the ids are listed at /documents.")
    return views.document_passages(lib.index, found)

