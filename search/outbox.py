"""Write index requests (the outbox) and wake the worker that drains them.

`request_index(page_id)` / `request_delete(page_id)` run inside the caller's transaction: the
request is saved if and only if the change is. After the commit, `schedule_drain()` enqueues
the `drain_index_queue` task (django-tasks), unless one is already waiting to run.

One pending row per document is enough: a new request folds into the document's pending row
unless the worker is processing that row right now (it is locked), in which case a second row
is written and processed after the first.
"""

from __future__ import annotations

import datetime
import logging
import threading
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Min, Q, QuerySet
from django.utils import timezone

from search.models import IndexAction, IndexRequest

logger = logging.getLogger(__name__)

# Retry delays after OpenSearch failed: 10 s, 20 s, 40 s ... at most 5 minutes, so a queue
# drains at most 5 minutes after OpenSearch is back.
BACKOFF_FIRST = 10
BACKOFF_MAX = 300


def request_index(page_id: int) -> IndexRequest:
    """Ask for the document to be (re)indexed, or removed if it is no longer live and public."""
    return _request(page_id, IndexAction.INDEX)


def request_delete(page_id: int) -> IndexRequest:
    """Ask for the document (and its articles) to be removed from the indexes."""
    return _request(page_id, IndexAction.DELETE)


def lock_rows(queryset: QuerySet) -> QuerySet:
    """SELECT ... FOR UPDATE SKIP LOCKED where the database has it (PostgreSQL); as is on
    SQLite, which serialises writers anyway."""
    if connection.features.has_select_for_update_skip_locked:
        return queryset.select_for_update(skip_locked=True)
    return queryset


def _request(document_id: int, action: str) -> IndexRequest:
    now = timezone.now()
    with transaction.atomic():
        pending = lock_rows(IndexRequest.objects.filter(document_id=document_id)).last()
        if pending is None:
            request = IndexRequest.objects.create(
                document_id=document_id,
                action=action,
                created_at=now,
                requested_at=now,
                available_at=now,
            )
        else:
            pending.action = action
            pending.requested_at = now
            pending.available_at = now
            pending.save(update_fields=["action", "requested_at", "available_at"])
            request = pending
        transaction.on_commit(schedule_drain, robust=True)
    return request


def schedule_drain(run_after: datetime.datetime | None = None) -> bool:
    """Enqueue the drain task (at `run_after`), unless one already waits to run by then.

    Returns True if a task was enqueued. Never raises: the requests stay in the database and
    the next drain (or `manage.py search_drain`) processes them.
    """
    from search.tasks import drain_index_queue

    try:
        if _drain_waiting(drain_index_queue, run_after):
            return False
        task = drain_index_queue if run_after is None else drain_index_queue.using(run_after=run_after)
        task.enqueue()
        return True
    except Exception:  # noqa: BLE001 - a broken task queue must not break publishing
        logger.exception("could not enqueue the search indexing task; requests stay queued")
        return False


def _drain_waiting(task, run_after: datetime.datetime | None) -> bool:
    """Is a drain task already enqueued and not started, due no later than `run_after`?"""
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import DBTaskResult, get_date_max

    if not isinstance(task.get_backend(), DatabaseBackend):
        return False
    when = run_after or timezone.now()
    waiting = DBTaskResult.objects.filter(
        Q(run_after__lte=when) | Q(run_after=get_date_max()),
        status="READY",
        task_path=task.module_path,
        backend_name=task.backend,
    )
    return waiting.exists()


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


def stats() -> OutboxStats:
    requests = IndexRequest.objects.all()
    figures = requests.aggregate(oldest=Min("created_at"))
    failing = requests.filter(attempts__gt=0)
    last = failing.order_by("-id").values_list("last_error", flat=True).first()
    retry = failing.aggregate(next=Min("available_at"))["next"]
    return OutboxStats(
        pending=requests.count(),
        failing=failing.count(),
        oldest=figures["oldest"],
        next_retry=retry,
        last_error=last or "",
    )
