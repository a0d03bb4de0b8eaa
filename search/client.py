"""The one OpenSearch client of a process, and how alias names are made.

Every call to OpenSearch goes through `get_client()`: it has a timeout (OPENSEARCH_TIMEOUT
seconds; searches pass the shorter `search_timeout()`, bulk loads the longer `bulk_timeout()`),
does not retry, does not compress (a node on the same machine or network: gzip only costs CPU
on both sides), and `unavailable()` turns whatever the client raises into one
`SearchUnavailable` with a message that says what failed and where. The query side catches
that one exception and falls back to the database.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from opensearchpy import OpenSearch
from opensearchpy.exceptions import ImproperlyConfigured, OpenSearchException, TransportError

# Bulk loads, scrolls and refreshes take longer than a search: they get this many seconds.
DEFAULT_BULK_TIMEOUT = 60


class SearchUnavailable(Exception):
    """OpenSearch did not answer, answered with an error, or is not configured."""

    def __init__(self, message: str, *, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


_lock = threading.Lock()
_client: OpenSearch | None = None
_client_key: tuple[str, float] | None = None


def _settings_key() -> tuple[str, float]:
    return (str(settings.OPENSEARCH_URL), float(settings.OPENSEARCH_TIMEOUT))


def get_client() -> OpenSearch:
    """The process's client for the configured URL, created on first use."""
    global _client, _client_key
    key = _settings_key()
    with _lock:
        if _client is None or _client_key != key:
            url, timeout = key
            if not url:
                raise SearchUnavailable("OpenSearch is not configured (OPENSEARCH_URL is empty)")
            try:
                _client = OpenSearch(
                    hosts=[url],
                    timeout=timeout,
                    max_retries=0,
                    retry_on_timeout=False,
                    http_compress=False,
                )
            except ImproperlyConfigured as exc:
                raise SearchUnavailable(f"OpenSearch URL {url!r} is not usable: {exc}") from exc
            _client_key = key
        return _client


def reset_client() -> None:
    """Forget the client (tests that change OPENSEARCH_URL; after a fork)."""
    global _client, _client_key
    with _lock:
        if _client is not None:
            try:
                _client.close()
            except Exception:  # noqa: BLE001 - closing a dead pool must never fail the caller
                pass
        _client = None
        _client_key = None


@receiver(setting_changed)
def _settings_changed(*, setting: str, **kwargs: Any) -> None:
    if setting in {"OPENSEARCH_URL", "OPENSEARCH_TIMEOUT"}:
        reset_client()


def alias(name: str) -> str:
    """`alias("articles")` -> "portal-articles": the name every read and write of a kind uses.

    The kinds and their names are in search/kinds/ (`SearchKind.alias`); this only applies the
    environment's prefix (SEARCH_INDEX_PREFIX)."""
    return f"{settings.SEARCH_INDEX_PREFIX}-{name}"


def search_timeout() -> float:
    """Seconds a search waits for OpenSearch before the database answers (search/engine.py)."""
    return float(settings.OPENSEARCH_SEARCH_TIMEOUT)


def bulk_timeout() -> float:
    return float(getattr(settings, "OPENSEARCH_BULK_TIMEOUT", DEFAULT_BULK_TIMEOUT))


def describe(exc: BaseException) -> str:
    """One line naming the URL and what went wrong, for logs, outbox rows and commands."""
    url = settings.OPENSEARCH_URL
    if isinstance(exc, TransportError):
        status = exc.status_code
        if status == "N/A":  # ConnectionError, ConnectionTimeout
            kind = "timed out" if "Timeout" in type(exc).__name__ else "did not answer"
            return f"OpenSearch at {url} {kind}: {exc.error}"
        reason = exc.error
        info = exc.info if isinstance(exc.info, dict) else {}
        error = info.get("error")
        if isinstance(error, dict):
            reason = f"{error.get('type', reason)}: {error.get('reason', '')}".rstrip(": ")
        return f"OpenSearch at {url} answered {status}: {reason}"
    return f"OpenSearch at {url}: {type(exc).__name__}: {exc}"


@contextmanager
def unavailable(action: str = "") -> Iterator[None]:
    """Run OpenSearch calls; any client error leaves as SearchUnavailable."""
    try:
        yield
    except SearchUnavailable:
        raise
    except OpenSearchException as exc:
        status = exc.status_code if isinstance(exc, TransportError) else None
        prefix = f"{action}: " if action else ""
        raise SearchUnavailable(prefix + describe(exc), status=status if isinstance(status, int) else None) from exc
