"""The outbox: index requests kept in the database, keyed by (kind, object id).

`request(kind, object_id, action)` runs inside the caller's transaction: the request is saved
if and only if the change is (search/tasks.py `enqueue` also wakes the worker after the commit).

One pending row per (kind, object) is enough: a new request folds into the pending row unless
the worker is processing that row right now (it is locked), in which case a second row is
written and processed after the first.

Also here: the retry back-off, the lock that lets one indexer write at a time, and the figures
of `search_status`.
"""

from __future__ import annotations

import datetime
import threading
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, Min, QuerySet
from django.utils import timezone

from search.models import IndexAction, IndexRequest

# Retry delays after OpenSearch failed: 10 s, 20 s, 40 s ... at most 5 minutes, so a queue
# drains at most 5 minutes after OpenSearch is back.
BACKOFF_FIRST = 10
BACKOFF_MAX = 300


def request(kind: str, object_id: int, action: str) -> IndexRequest:
    """Ask for an object's entries in a kind's index to be written again (or removed, if the
    object is no longer indexable), or to be removed."""
    now = timezone.now()
    with transaction.atomic():
        pending = lock_rows(IndexRequest.objects.filter(kind=kind, object_id=object_id)).last()
        if pending is None:
            return IndexRequest.objects.create(
                kind=kind,
                object_id=object_id,
                action=action,
                created_at=now,
                requested_at=now,
                available_at=now,
            )
        pending.action = action
        pending.requested_at = now
        pending.available_at = now
        pending.save(update_fields=["action", "requested_at", "available_at"])
        return pending


def request_index(kind: str, object_id: int) -> IndexRequest:
    return request(kind, object_id, IndexAction.INDEX)


def request_delete(kind: str, object_id: int) -> IndexRequest:
    return request(kind, object_id, IndexAction.DELETE)


def lock_rows(queryset: QuerySet) -> QuerySet:
    """SELECT ... FOR UPDATE SKIP LOCKED where the database has it (PostgreSQL); as is on
    SQLite, which serialises writers anyway."""
    if connection.features.has_select_for_update_skip_locked:
        return queryset.select_for_update(skip_locked=True)
    return queryset


def backoff(attempts: int) -> datetime.timedelta:
    seconds = min(BACKOFF_FIRST * 2 ** max(attempts - 1, 0), BACKOFF_MAX)
    return datetime.timedelta(seconds=seconds)


# ---- one indexer at a time -----------------------------------------------------------------

_local_lock = threading.Lock()


def _lock_key() -> int:
    """A PostgreSQL advisory lock key per index prefix (two prefixes never block each other)."""
    return zlib.crc32(f"search-indexing:{settings.SEARCH_INDEX_PREFIX}".encode())


@contextmanager
def indexing_lock(*, wait: bool = False) -> Iterator[bool]:
    """Hold the right to write to the indexes: yields True if acquired, False if busy.

    The drain and `search_reindex` take it, so a drain never writes into indexes that a
    rebuild is about to replace, and two drains never reorder the writes of one document.
    PostgreSQL: a session advisory lock (released if the process dies); elsewhere a lock
    within the process (SQLite runs one worker).
    """
    if connection.vendor == "postgresql":
        key = _lock_key()
        function = "pg_advisory_lock" if wait else "pg_try_advisory_lock"
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {function}(%s)", [key])
            acquired = True if wait else bool(cursor.fetchone()[0])
        try:
            yield acquired
        finally:
            if acquired:
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_unlock(%s)", [key])
        return
    acquired = _local_lock.acquire(blocking=wait)
    try:
        yield acquired
    finally:
        if acquired:
            _local_lock.release()


# ---- figures for search_status -------------------------------------------------------------


@dataclass
class OutboxStats:
    pending: int
    failing: int
    oldest: datetime.datetime | None
    next_retry: datetime.datetime | None
    last_error: str
    by_kind: dict[str, int]  # pending requests per kind name


def stats() -> OutboxStats:
    requests = IndexRequest.objects.all()
    figures = requests.aggregate(oldest=Min("created_at"))
    by_kind = dict(requests.order_by().values_list("kind").annotate(n=Count("id")).values_list("kind", "n"))
    failing = requests.filter(attempts__gt=0)
    last = failing.order_by("-id").values_list("last_error", flat=True).first()
    retry = failing.aggregate(next=Min("available_at"))["next"]
    return OutboxStats(
        pending=requests.count(),
        failing=failing.count(),
        oldest=figures["oldest"],
        next_retry=retry,
        last_error=last or "",
        by_kind=by_kind,
    )
