"""Is OpenSearch usable? Asked before each search, so the answer is cached a few seconds.

`is_available()` is what the query side calls to choose between OpenSearch and the database
fallback; `mark_unavailable()` lets it record a failure it has just seen, so the next requests
go straight to the database instead of waiting for the same timeout again.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

from django.conf import settings

from search.client import SearchUnavailable, get_client, unavailable

# Seconds an answer is trusted. Short: search comes back quickly after OpenSearch does.
CHECK_TTL = 5.0
# The check itself must be quick even when OPENSEARCH_TIMEOUT is generous.
CHECK_TIMEOUT = 2.0


@dataclass(frozen=True)
class Health:
    available: bool
    detail: str  # "green", "yellow", or what went wrong
    checked_at: float  # time.monotonic()


_lock = threading.Lock()
_cache: dict[str, Health] = {}  # by OPENSEARCH_URL


def check() -> Health:
    """Ask OpenSearch now (no cache)."""
    timeout = min(CHECK_TIMEOUT, float(settings.OPENSEARCH_TIMEOUT))
    try:
        with unavailable("health check"):
            answer = get_client().cluster.health(request_timeout=timeout)
    except SearchUnavailable as exc:
        return Health(False, str(exc), time.monotonic())
    status = str(answer.get("status", "unknown"))
    if status == "red":
        return Health(False, f"OpenSearch at {settings.OPENSEARCH_URL} is red", time.monotonic())
    return Health(True, status, time.monotonic())


def status(*, max_age: float = CHECK_TTL) -> Health:
    """The last answer if it is younger than `max_age` seconds, else a fresh one."""
    url = str(settings.OPENSEARCH_URL)
    with _lock:
        cached = _cache.get(url)
    if cached is not None and time.monotonic() - cached.checked_at < max_age:
        return cached
    fresh = check()
    with _lock:
        _cache[url] = fresh
    return fresh


def is_available(*, max_age: float = CHECK_TTL) -> bool:
    return status(max_age=max_age).available


def mark_unavailable(reason: str = "") -> None:
    """Record a failure just seen: `is_available()` says False until the next check."""
    detail = reason or f"OpenSearch at {settings.OPENSEARCH_URL} failed"
    with _lock:
        _cache[str(settings.OPENSEARCH_URL)] = Health(False, detail, time.monotonic())


def note_failure(exc: SearchUnavailable) -> None:
    """A server that did not answer (or failed) is skipped for the next few seconds; an error
    about one request (4xx) says nothing about the server."""
    if exc.status is None or exc.status >= 500:
        mark_unavailable(str(exc))


def reset() -> None:
    """Forget cached answers (tests)."""
    with _lock:
        _cache.clear()
