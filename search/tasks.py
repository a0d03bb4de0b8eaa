"""Drain the outbox into OpenSearch: the `drain_index_queue` task, `drain()` behind it, and
`enqueue()`, which writes a request and wakes the task after the commit.

A batch is up to `BATCH_SIZE` requests, locked with SKIP LOCKED inside one transaction and
written by search/indexer.py; requests that succeeded are deleted. When OpenSearch is
unavailable the batch's requests stay, with `attempts`, `last_error` and a back-off in
`available_at`, and the task enqueues itself again for then: the queue drains on its own once
OpenSearch is back.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import asdict, dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Min, Q
from django.utils import timezone
from django_tasks import task

from search import indexer, outbox
from search.client import SearchUnavailable
from search.indexes import ensure_aliases
from search.models import IndexRequest

logger = logging.getLogger(__name__)

BATCH_SIZE = 50
# When another drain or a rebuild holds the indexing lock, look again this much later.
BUSY_RETRY = datetime.timedelta(seconds=5)


@dataclass
class DrainResult:
    indexed: int = 0  # objects written (a document and its articles count once)
    deleted: int = 0  # objects removed (unpublished, deleted, no longer public)
    entries: dict[str, int] = field(default_factory=dict)  # entries written, per kind
    failed: int = 0  # requests kept for a retry
    dropped: int = 0  # requests for kinds no longer registered, deleted
    remaining: int = 0  # requests still queued at the end
    busy: bool = False  # another drain or a rebuild was running: nothing done
    errors: list[str] = field(default_factory=list)
    # (builder, object id) written or removed, so that an object counts once across batches.
    _written: set[tuple[str, int]] = field(default_factory=set, repr=False)
    _removed: set[tuple[str, int]] = field(default_factory=set, repr=False)

    def add(self, written: indexer.Written) -> None:
        self._written |= written.indexed
        self._removed |= written.deleted
        self.indexed, self.deleted = len(self._written), len(self._removed)
        for name, count in written.entries.items():
            self.entries[name] = self.entries.get(name, 0) + count
        self.dropped += len(written.dropped)

    def as_dict(self) -> dict[str, Any]:
        return {key: value for key, value in asdict(self).items() if not key.startswith("_")}


def enqueue(kind: str, object_id: int, action: str) -> IndexRequest:
    """Write an index request in the caller's transaction; wake the worker after the commit."""
    with transaction.atomic():
        request = outbox.request(kind, object_id, action)
        transaction.on_commit(schedule_drain, robust=True)
    return request


def schedule_drain(run_after: datetime.datetime | None = None) -> bool:
    """Enqueue the drain task (at `run_after`), unless one already waits to run by then.

    Returns True if a task was enqueued. Never raises: the requests stay in the database and
    the next drain (or `manage.py search_drain`) processes them.
    """
    try:
        if _drain_waiting(run_after):
            return False
        queued = drain_index_queue if run_after is None else drain_index_queue.using(run_after=run_after)
        queued.enqueue()
        return True
    except Exception:  # noqa: BLE001 - a broken task queue must not break publishing
        logger.exception("could not enqueue the search indexing task; requests stay queued")
        return False


def _drain_waiting(run_after: datetime.datetime | None) -> bool:
    """Is a drain task already enqueued and not started, due no later than `run_after`?"""
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import DBTaskResult, get_date_max

    if not isinstance(drain_index_queue.get_backend(), DatabaseBackend):
        return False
    when = run_after or timezone.now()
    waiting = DBTaskResult.objects.filter(
        Q(run_after__lte=when) | Q(run_after=get_date_max()),
        status="READY",
        task_path=drain_index_queue.module_path,
        backend_name=drain_index_queue.backend,
    )
    return waiting.exists()


# Ahead of Wagtail's own tasks on the same queue (reference index, admin search), which come
# by the hundred during an import.
@task(priority=10)
def drain_index_queue() -> dict[str, Any]:
    """Send pending index requests to OpenSearch (run by `manage.py db_worker`)."""
    return drain().as_dict()


def drain(
    *,
    batch_size: int = BATCH_SIZE,
    ignore_backoff: bool = False,
    reschedule: bool = True,
) -> DrainResult:
    """Process the queue until it is empty or OpenSearch fails.

    `ignore_backoff` also takes requests whose retry time has not come (an operator asking
    now). With `reschedule`, requests left in the queue get a drain task enqueued for when
    they are due.
    """
    result = DrainResult()
    with outbox.indexing_lock() as acquired:
        if not acquired:
            result.busy = True
        else:
            _drain_locked(result, batch_size=batch_size, ignore_backoff=ignore_backoff)
    result.remaining = IndexRequest.objects.count()
    if reschedule:
        _schedule_follow_up(result)
    return result


def _drain_locked(result: DrainResult, *, batch_size: int, ignore_backoff: bool) -> None:
    after_id = 0  # each request is tried at most once per drain
    aliases_ready = False
    while True:
        with transaction.atomic():
            queued = IndexRequest.objects.all() if ignore_backoff else IndexRequest.objects.due()
            rows = list(outbox.lock_rows(queued.filter(id__gt=after_id).order_by("id"))[:batch_size])
            if not rows:
                return
            after_id = rows[-1].id
            try:
                if not aliases_ready:
                    ensure_aliases()
                    aliases_ready = True
                written = indexer.write(rows)
            except SearchUnavailable as exc:
                logger.warning("search indexing postponed: %s", exc)
                _postpone(rows, str(exc))
                result.failed += len(rows)
                result.errors.append(str(exc))
                return
            failures = written.failures
            failed = [row for row in rows if (row.kind, row.object_id) in failures]
            IndexRequest.objects.filter(id__in=[row.id for row in rows if row not in failed]).delete()
            for row in failed:
                _postpone([row], failures[(row.kind, row.object_id)])
            result.add(written)
            result.failed += len(failed)
            result.errors.extend(f"{kind} {pk}: {error}" for (kind, pk), error in failures.items())


def _postpone(rows: list[IndexRequest], error: str) -> None:
    now = timezone.now()
    for row in rows:
        row.attempts += 1
        row.last_error = error[:2000]
        row.available_at = now + outbox.backoff(row.attempts)
        row.save(update_fields=["attempts", "last_error", "available_at"])


def _schedule_follow_up(result: DrainResult) -> None:
    now = timezone.now()
    if result.busy:
        schedule_drain(run_after=now + BUSY_RETRY)
        return
    due = IndexRequest.objects.aggregate(next=Min("available_at"))["next"]
    if due is not None:
        schedule_drain(run_after=max(due, now))
