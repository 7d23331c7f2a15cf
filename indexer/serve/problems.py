"""Every error a client can cause, as 4xx with ``{"error": "one plain sentence"}``."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from indexer.errors import IndexerError

log = logging.getLogger(__name__)


class Problem(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


def sentence(errors: Sequence[Any]) -> tuple[int, str]:
    """The first validation error of a request, in words, with its status."""
    if not errors:
        return 422, "The request is not valid."
    first = errors[0]
    kind, loc, given = first.get("type", ""), tuple(first.get("loc", ())), first.get("input")
    ctx = first.get("ctx") or {}
    names = [str(part) for part in loc[1:] if not isinstance(part, int)]
    name = names[0] if names else "the request body"
    if kind == "json_invalid":
        return 400, "The request body is not valid JSON."
    if kind in ("model_attributes_type", "dict_type") or (kind == "missing" and not names):
        return 400, "The request body must be a JSON object."
    if kind == "missing":
        return 422, f"{name} is required."
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return 422, f"{name} must be a whole number, not {given!r}."
    if kind in ("greater_than_equal", "less_than_equal"):
        low, high = first.get("ctx", {}).get("ge"), first.get("ctx", {}).get("le")
        if name == "k":
            return 422, f"k must be between 1 and 100, not {given}."
        return 422, f"{name} must be {'at least ' + str(low) if low is not None else 'at most ' + str(high)}, not {given}."
    if kind == "string_too_long":
        return 422, f"{name} must be at most {ctx.get('max_length')} characters, not {len(str(given))}."
    if kind == "string_too_short":
        return 422, f"{name} must not be empty."
    if kind in ("too_short", "too_long"):
        return 422, f"{name} must list {_range(name)}, not {len(given) if isinstance(given, list) else given!r}."
    if kind == "extra_forbidden":
        return 422, f"{name} is not a field this endpoint reads; see /docs."
    if kind in ("string_type", "list_type"):
        what = "a list" if kind == "list_type" else "text"
        return 422, f"{name} must be {what}, not {given!r}."
    return 422, f"{name} is not valid: {first.get('msg', 'see /docs')}."


def _range(name: str) -> str:
    return "2 to 4 authorities" if name == "authorities" else "a valid number of items"


def install(app: FastAPI) -> None:
    @app.exception_handler(Problem)
    async def _problem(request: Request, exc: Problem) -> JSONResponse:
        return error(exc.status, exc.message)

    @app.exception_handler(IndexerError)
    async def _domain(request: Request, exc: IndexerError) -> JSONResponse:
        return error(422, str(exc))

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        status, message = sentence(exc.errors())
        return error(status, message)

    @app.exception_handler(HTTPException)
    async def _http(request: Request, exc: HTTPException) -> JSONResponse:
        messages = {404: f"There is nothing at {request.url.path}; the endpoints are listed at /docs.",
                    405: f"{request.method} is not allowed on {request.url.path}; see /docs."}
        return error(exc.status_code, messages.get(exc.status_code, str(exc.detail)))

    @app.exception_handler(Exception)
    async def _failed(request: Request, exc: Exception) -> JSONResponse:
        log.exception("failed on %s", request.url.path)
        return error(500, "The service failed on this request; the reason is in its log.")
