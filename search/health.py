"""Is OpenSearch usable? Asked before each search, so the answer is cached a few seconds: a
circuit breaker in front of the query side.

`is_available()` is what the query side calls to choose between OpenSearch and the database
fallback. `mark_unavailable()` records a failure it has just seen (a search that timed out after
OPENSEARCH_SEARCH_TIMEOUT, a refused connection), so the next requests go straight to the
database instead of waiting for the same timeout again; `CHECK_TTL` seconds later one request
asks the cluster's health (waiting at most `CHECK_TIMEOUT`) and OpenSearch answers again if it
is back. `mark_available()` records a search that succeeded, so a busy portal never pays for a
health check. A node that freezes costs the first query about OPENSEARCH_SEARCH_TIMEOUT, then
the database answers at once (tests/search/test_opensearch_restart.py).
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

from django.conf import settings

from search.client import SearchUnavailable, get_client, search_timeout, unavailable

# Seconds an answer is trusted. Short: search comes back quickly after OpenSearch does.
CHECK_TTL = 5.0
# The check itself must be quick even when OPENSEARCH_TIMEOUT is generous (and never longer
# than a search may wait).
CHECK_TIMEOUT = 1.0


@dataclass(frozen=True)
class Health:
    available: bool
    detail: str  # "green", "yellow", or what went wrong
    checked_at: float  # time.monotonic()


_lock = threading.Lock()
_cache: dict[str, Health] = {}  # by OPENSEARCH_URL


def check() -> Health:
    """Ask OpenSearch now (no cache)."""
    timeout = min(CHECK_TIMEOUT, search_timeout(), float(settings.OPENSEARCH_TIMEOUT))
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


def mark_available() -> None:
    """Record a search that OpenSearch has just answered: no health check is due for CHECK_TTL."""
    with _lock:
        _cache[str(settings.OPENSEARCH_URL)] = Health(True, "answered", time.monotonic())


def note_failure(exc: SearchUnavailable) -> None:
    """A server that did not answer (or failed) is skipped for the next few seconds; an error
    about one request (4xx) says nothing about the server."""
    if exc.status is None or exc.status >= 500:
        mark_unavailable(str(exc))


def reset() -> None:
    """Forget cached answers (tests)."""
    with _lock:
        _cache.clear()
