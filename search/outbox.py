"""The outbox: index requests kept in the database, keyed by (kind, object id).

`request(kind, object_id, action)` runs inside the caller's transaction: the request is saved
if and only if the change is (search/tasks.py `enqueue` also wakes the worker after the commit).

One pending row per (kind, object) is enough: a new request folds into the pending row (its
`requested_at` moves on). A drain reads its rows without holding them, writes the entries, then
deletes only the rows whose `requested_at` has not moved meanwhile: a change made while its
object was being indexed is indexed again by the next drain (search/tasks.py).

Also here: the retry back-off, the lock that lets one indexer write at a time, and the figures
of `search_status`.
"""

from __future__ import annotations

import datetime
import fcntl
import json
import threading
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

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


def request_many(kind: str, object_ids: list[int], action: str) -> int:
    """``request`` for many objects of one kind at once, in three statements whatever their
    number (a bulk recomputation announces thousands): pending rows not being processed fold
    the new request in, the others get a new row. Returns the number of objects."""
    ids = sorted(set(object_ids))
    if not ids:
        return 0
    now = timezone.now()
    with transaction.atomic():
        pending = list(
            lock_rows(IndexRequest.objects.filter(kind=kind, object_id__in=ids)).values_list("pk", "object_id")
        )
        folded = {object_id for _pk, object_id in pending}
        IndexRequest.objects.filter(pk__in=[pk for pk, _object_id in pending]).update(
            action=action, requested_at=now, available_at=now
        )
        _insert_requests(kind, [pk for pk in ids if pk not in folded], action, now)
    return len(ids)


def _insert_requests(kind: str, object_ids: list[int], action: str, now: datetime.datetime) -> None:
    """One ``INSERT … SELECT`` for every new row, the ids sent as one JSON parameter: Django's
    ``bulk_create`` splits its statement by SQLite's parameter limit (about a hundred rows each),
    so the number of statements would grow with the rows."""
    if not object_ids:
        return
    table = connection.ops.quote_name(IndexRequest._meta.db_table)
    if connection.vendor == "postgresql":
        ids = "SELECT value::bigint AS value FROM jsonb_array_elements_text(%s::jsonb)"
    else:
        ids = "SELECT CAST(value AS INTEGER) AS value FROM json_each(%s)"
    stamp = connection.ops.adapt_datetimefield_value(now)
    sql = (
        f"INSERT INTO {table} (kind, object_id, action, created_at, requested_at, attempts, last_error, available_at) "
        f"SELECT %s, ids.value, %s, %s, %s, 0, '', %s FROM ({ids}) AS ids"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [kind, action, stamp, stamp, stamp, json.dumps(object_ids)])


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


def _sqlite_lock_path() -> Path | None:
    """The file whose lock stands for the indexing lock of a SQLite database (None for a
    database in memory, which only this process sees)."""
    name = str(connection.settings_dict.get("NAME") or "")
    if not name or name == ":memory:" or name.startswith("file:") or "mode=memory" in name:
        return None
    path = Path(name)
    return path.with_name(f"{path.name}.search-indexing-{settings.SEARCH_INDEX_PREFIX}.lock")


@contextmanager
def _file_lock(path: Path, *, wait: bool) -> Iterator[bool]:
    """An exclusive lock on a file (flock): between the processes of one machine, and released
    by the system when its process dies."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+b") as handle:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


@contextmanager
def indexing_lock(*, wait: bool = False) -> Iterator[bool]:
    """Hold the right to write to the indexes: yields True if acquired, False if busy.

    The drain and `search_reindex` take it, so a drain never writes into indexes that a
    rebuild is about to replace, and two drains never reorder the writes of one document.
    It is released when its holder dies, so a killed worker never keeps it: PostgreSQL, a
    session advisory lock; SQLite, a lock on a file beside the database (any process of the
    machine); a database in memory, a lock within the process.
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
        path = _sqlite_lock_path() if acquired and connection.vendor == "sqlite" else None
        if path is None:
            yield acquired
            return
        with _file_lock(path, wait=wait) as held:
            yield held
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
