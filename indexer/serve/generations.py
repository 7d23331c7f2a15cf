"""The index generation a service answers from, swapped without a restart when a build publishes.

A build writes a new generation folder and renames ``manifest.json`` over the old one (store/index.py).
A watcher thread stats the manifest every ``interval`` seconds (a few microseconds); when it changes
and names another generation, the new ``Library`` is opened and warmed on that thread, then made
current in one assignment. Requests lease the library they started with, so the old one keeps
serving requests in flight and is closed when the last of them returns. The model is loaded once:
every generation shares the one embedder."""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from indexer.config import Settings
from indexer.errors import IndexerError
from indexer.library import Library
from indexer.store.embedding import Embedder
from indexer.store.index import MANIFEST, read_manifest

log = logging.getLogger(__name__)


def warm(library: Library) -> Library:
    """Build what the first question would otherwise wait for: the vector matrix, BM25, the
    authority set, the acronyms; the embedder's first call too. The answer judge starts loading
    in the background."""
    library.search("children in care", k=1)
    library.preload_judge()
    return library


@dataclass
class _Lease:
    library: Library
    users: int = 0
    retired: bool = False


@dataclass
class Generations:
    settings: Settings
    embedder: Embedder
    interval: float = 0.5
    _current: _Lease = field(init=False)
    _stamp: tuple[int, int, int] | None = field(init=False, default=None)
    _lock: threading.Lock = field(init=False, default_factory=threading.Lock)
    _stop: threading.Event = field(init=False, default_factory=threading.Event)
    _thread: threading.Thread | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        self._stamp = self._manifest_stamp()
        self._current = _Lease(warm(Library.open(self.settings, self.embedder)))

    @property
    def generation(self) -> str:
        return self._current.library.index.generation

    @contextmanager
    def lease(self) -> Iterator[Library]:
        """The current library, kept open until the caller is done with it."""
        with self._lock:
            held = self._current
            held.users += 1
        try:
            yield held.library
        finally:
            with self._lock:
                held.users -= 1
                done = held.retired and held.users == 0
            if done:
                held.library.close()

    def refresh(self) -> bool:
        """Swap to the generation the manifest names, if it is another; True when swapped."""
        stamp = self._manifest_stamp()
        if stamp == self._stamp:
            return False
        manifest = read_manifest(self.settings.index_dir)
        if manifest is None or manifest.get("generation") == self.generation:
            self._stamp = stamp
            return False
        self._stamp = stamp  # a generation that cannot be opened is reported once, not every tick
        fresh = warm(Library.open(self.settings, self.embedder))
        with self._lock:
            old, self._current = self._current, _Lease(fresh)
            old.retired = True
            done = old.users == 0
        if done:
            old.library.close()
        log.info("now answering from %s (%d passages)", fresh.index.generation, fresh.index.size)
        return True

    def _manifest_stamp(self) -> tuple[int, int, int] | None:
        try:
            st = os.stat(self.settings.index_dir / MANIFEST)
        except FileNotFoundError:
            return None
        return (st.st_ino, st.st_mtime_ns, st.st_size)

    def start(self) -> None:
        if self._thread is None:
            self._stop.clear()
            self._thread = threading.Thread(target=self._watch, name="generations", daemon=True)
            self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def close(self) -> None:
        self.stop()
        with self._lock:
            self._current.retired = True
            done = self._current.users == 0
        if done:
            self._current.library.close()

    def _watch(self) -> None:
        while not self._stop.wait(self.interval):
            try:
                self.refresh()
            except IndexerError as exc:  # a generation built with another model, a damaged one
                log.error("still answering from %s: %s", self.generation, exc)
            except Exception:  # the watcher must outlive any one bad generation
                log.exception("still answering from %s", self.generation)
