"""The API key rule: with a key configured, every endpoint but the documentation wants
``Authorization: Bearer KEY``, compared in constant time."""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from indexer.serve.problems import Problem

_bearer = HTTPBearer(auto_error=False, description="INDEXER_API_KEY, when the service has one")


def require_key(
    request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
) -> None:
    key: str | None = request.app.state.options.api_key
    if not key:
        return
    given = credentials.credentials if credentials is not None else ""
    if not hmac.compare_digest(given.encode(), key.encode()):
        raise Problem(401, "This service needs an API key: send it as Authorization: Bearer KEY.")
