"""The HTTP JSON service: ``create_app`` for tests and uvicorn, ``serve`` for ``python -m indexer serve``.

One uvicorn worker answers on a threadpool (``ServeOptions.threads``), of which only a few threads
search or answer at once (``ServeOptions.answering``); all torch work goes to the one model thread
(store/embedding.py). bench/README.md has the figures behind these choices."""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import anyio.to_thread
from fastapi import Depends, FastAPI
from fastapi.middleware.cors import CORSMiddleware

from indexer.config import Settings, load_settings
from indexer.serve import problems
from indexer.serve.auth import require_key
from indexer.serve.generations import Generations
from indexer.serve.limits import BodyLimit
from indexer.serve.options import ServeOptions, serve_options
from indexer.serve.routes import GENERATION_HEADER, router
from indexer.store.embedding import Embedder, SentenceTransformerEmbedder

log = logging.getLogger(__name__)

DESCRIPTION = """Search and cited answers over evidence about English children's services.
Every body is the JSON object `python -m indexer VERB --json` prints; errors are
`{"error": "one sentence"}`. The header `X-Index-Generation` names the index generation that
answered."""


def create_app(settings: Settings, options: ServeOptions | None = None, embedder: Embedder | None = None) -> FastAPI:
    """The service over ``settings.index_dir``; opens (and warms) the current generation now."""
    options = options or ServeOptions()
    model = embedder or SentenceTransformerEmbedder(settings.model)
    generations = Generations(settings, model, options.interval)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        anyio.to_thread.current_default_thread_limiter().total_tokens = options.threads
        generations.start()
        try:
            yield
        finally:
            generations.close()

    app = FastAPI(title="Children's services evidence", description=DESCRIPTION, version="1",
                  lifespan=lifespan, dependencies=[Depends(require_key)])
    app.state.options = options
    app.state.generations = generations
    app.state.answering = threading.BoundedSemaphore(options.answering)
    problems.install(app)
    app.include_router(router)
    if options.cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=list(options.cors_origins),
                           allow_methods=["GET", "POST"], allow_headers=["Authorization", "Content-Type"],
                           expose_headers=[GENERATION_HEADER])
    app.add_middleware(BodyLimit, most=options.max_body)
    return app


def app_from_env() -> FastAPI:
    """For ``uvicorn --factory`` and several workers: settings and options from the environment."""
    options = serve_options(threads=int(os.environ.get("INDEXER_SERVE_THREADS", "32")),
                            answering=int(os.environ.get("INDEXER_SERVE_ANSWERING", "2")))
    return create_app(load_settings(), options)


def serve(settings: Settings, options: ServeOptions) -> None:
    import uvicorn

    log.warning("serving %s on http://%s:%d (docs at /docs)", settings.index_dir, options.host, options.port)
    if options.workers > 1:  # each worker a process of its own, with its own model
        os.environ["INDEXER_INDEX_DIR"] = str(settings.index_dir)
        os.environ["INDEXER_MODEL"] = settings.model
        os.environ["INDEXER_SERVE_THREADS"] = str(options.threads)
        os.environ["INDEXER_SERVE_ANSWERING"] = str(options.answering)
        uvicorn.run("indexer.serve.app:app_from_env", factory=True, host=options.host, port=options.port,
                    workers=options.workers, log_level="warning")
        return
    app = create_app(settings, options)
    uvicorn.run(app, host=options.host, port=options.port, log_level="warning", access_log=False)
