"""How the service is run: address, key, CORS, limits; checked where they are made."""

from __future__ import annotations

import ipaddress
import os
from dataclasses import dataclass

from indexer.errors import SettingsError

LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost"})
MAX_QUESTION = 1000  # characters
MAX_BODY = 16 * 1024  # bytes: a question of 1,000 characters and its filters fit many times over
MAX_K = 100


def is_loopback(host: str) -> bool:
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True)
class ServeOptions:
    host: str = "127.0.0.1"
    port: int = 8000
    # Bearer key every request must send; required when bound to any address but loopback.
    api_key: str | None = None
    cors_origins: tuple[str, ...] = ()
    max_body: int = MAX_BODY
    # Requests handled at once (the threadpool), and of those how many may be searching or
    # answering: the model runs on one thread and Python's work holds the GIL, so on two cores
    # two questions at a time keep them busy, and the rest wait without slowing those two.
    threads: int = 32
    answering: int = 2
    workers: int = 1
    # Seconds between looks at the manifest for a new generation.
    interval: float = 0.5

    def __post_init__(self) -> None:
        if not 0 < self.port < 65536:
            raise SettingsError(f"port must be between 1 and 65535, not {self.port}.")
        if not self.api_key and not is_loopback(self.host):
            raise SettingsError(
                f"Serving on {self.host} needs an API key: set INDEXER_API_KEY, or bind to 127.0.0.1."
            )
        if min(self.threads, self.answering, self.workers) < 1:
            raise SettingsError(f"threads, answering and workers must be at least 1, not {self.threads}, "
                                f"{self.answering} and {self.workers}.")
        if self.interval <= 0:
            raise SettingsError(f"interval must be more than 0 seconds, not {self.interval}.")


def serve_options(**given: object) -> ServeOptions:
    """Explicit values over ``INDEXER_API_KEY`` and ``INDEXER_CORS_ORIGINS`` (comma-separated)."""
    values: dict[str, object] = {k: v for k, v in given.items() if v is not None}
    values.setdefault("api_key", os.environ.get("INDEXER_API_KEY") or None)
    origins = os.environ.get("INDEXER_CORS_ORIGINS", "")
    values.setdefault("cors_origins", tuple(o.strip() for o in origins.split(",") if o.strip()))
    return ServeOptions(**values)  # type: ignore[arg-type]
