"""Drain the outbox into OpenSearch: the `drain_index_queue` task, `drain()` behind it, and
`enqueue()`, which writes a request and wakes the task after the commit.

One drain at a time holds the indexing lock (search/outbox.py; released by the system if its
process dies). A batch is up to `BATCH_SIZE` requests, read without a transaction, written by
search/indexer.py (database reads, NLP, one bulk request), then settled in one short
transaction: the requests that succeeded are deleted unless a new change arrived meanwhile
(`requested_at` moved: indexed again next time), so no write lock is held while the batch is
analysed and an import never waits for it. When OpenSearch is unavailable the batch's requests
stay, with `attempts`, `last_error` and a back-off in `available_at`, and the task enqueues
itself again for then: the queue drains on its own once OpenSearch is back.

A worker can die in the middle of a drain (killed, out of memory, the machine restarted): its
task stays "running" for ever and would never run again. So a drain that takes work first
makes sure another drain task waits, due `RESCUE_AFTER` seconds later (and pushed back after
each batch): if the worker dies, the next worker that runs takes the queue up at most that long
after; if the drain ends normally with an empty queue, the waiting task is withdrawn. A drain
that holds the lock also marks the drain tasks left "running" by dead workers as failed.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import asdict, dataclass, field
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Min, Q
from django.utils import timezone
from django_tasks import task

from search import indexer, outbox, semantic, statistics
from search.client import SearchUnavailable
from search.indexes import ensure_aliases
from search.models import IndexRequest

logger = logging.getLogger(__name__)

BATCH_SIZE = 50
# When another drain or a rebuild holds the indexing lock, look again this much later.
BUSY_RETRY = datetime.timedelta(seconds=5)
# A drain at work keeps another drain task waiting this much later, in case its worker dies.
DEFAULT_RESCUE_SECONDS = 45


class WorkerLost(RuntimeError):
    """What a drain task left running by a worker that died is marked failed with."""


def rescue_after() -> datetime.timedelta:
    return datetime.timedelta(seconds=float(getattr(settings, "SEARCH_DRAIN_RESCUE_SECONDS", DEFAULT_RESCUE_SECONDS)))


@dataclass
class DrainResult:
    indexed: int = 0  # objects written (a document and its articles count once)
    deleted: int = 0  # objects removed (unpublished, deleted, no longer public)
    entries: dict[str, int] = field(default_factory=dict)  # entries written, per kind
    failed: int = 0  # requests kept for a retry
    dropped: int = 0  # requests for kinds no longer registered, deleted
    unembedded: int = 0  # entries written without vectors, for the embedding task
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
        self.unembedded += written.unembedded

    def as_dict(self) -> dict[str, Any]:
        return {key: value for key, value in asdict(self).items() if not key.startswith("_")}


def enqueue(kind: str, object_id: int, action: str) -> IndexRequest:
    """Write an index request in the caller's transaction; wake the worker after the commit."""
    with transaction.atomic():
        request = outbox.request(kind, object_id, action)
        transaction.on_commit(schedule_drain, robust=True)
    return request


def enqueue_many(kind: str, object_ids: list[int], action: str) -> int:
    """``enqueue`` for many objects of one kind, in a fixed number of queries."""
    with transaction.atomic():
        count = outbox.request_many(kind, object_ids, action)
        if count:
            transaction.on_commit(schedule_drain, robust=True)
    return count


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


def _waiting_drains() -> Any:
    """Drain tasks enqueued and not started (a queryset), or None when tasks do not run from
    the database (nothing to look at)."""
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    if not isinstance(drain_index_queue.get_backend(), DatabaseBackend):
        return None
    return DBTaskResult.objects.filter(
        status="READY", task_path=drain_index_queue.module_path, backend_name=drain_index_queue.backend
    )


def _drain_waiting(run_after: datetime.datetime | None) -> bool:
    """Is a drain task already enqueued and not started, due no later than `run_after`?"""
    from django_tasks_db.models import get_date_max

    waiting = _waiting_drains()
    if waiting is None:
        return False
    when = run_after or timezone.now()
    return bool(waiting.filter(Q(run_after__lte=when) | Q(run_after=get_date_max())).exists())


def _arm_rescue() -> None:
    """Keep a drain task waiting, due `rescue_after()` from now (see the module docstring)."""
    waiting = _waiting_drains()
    due = timezone.now() + rescue_after()
    if waiting is not None:
        from django_tasks_db.models import get_date_max

        # Push the rescue armed for the previous batch back rather than adding one per batch.
        later = waiting.exclude(run_after=get_date_max()).filter(run_after__gt=timezone.now())
        if later.update(run_after=due):
            return
    schedule_drain(run_after=due)


def _withdraw_rescue() -> None:
    """The queue is empty: the drain tasks waiting for a later time have nothing to do. (One
    enqueued for a request just made is due at once and stays.)"""
    from django_tasks_db.models import get_date_max

    waiting = _waiting_drains()
    if waiting is not None:
        waiting.exclude(run_after=get_date_max()).filter(run_after__gt=timezone.now()).delete()


def release_stale_runs(*, older_than: datetime.timedelta | None = None) -> int:
    """Mark failed the drain tasks left "running" by workers that died. Called with the
    indexing lock held, so no other drain is at work: one still "running" after `older_than`
    (twice the rescue delay, and more than SQLite's wait for a lock) is a dead one."""
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    if not isinstance(drain_index_queue.get_backend(), DatabaseBackend):
        return 0
    age = older_than if older_than is not None else max(2 * rescue_after(), datetime.timedelta(seconds=90))
    stale = DBTaskResult.objects.filter(
        status="RUNNING",
        task_path=drain_index_queue.module_path,
        backend_name=drain_index_queue.backend,
        started_at__lt=timezone.now() - age,
    )
    released = 0
    for run in stale:
        run.set_failed(WorkerLost(f"the worker running this drain since {run.started_at:%Y-%m-%d %H:%M:%S} died"))
        released += 1
    if released:
        logger.warning("released %d drain task(s) left running by a worker that died", released)
    return released


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
    they are due, and a drain task waits in case this worker dies half-way.
    """
    result = DrainResult()
    with outbox.indexing_lock() as acquired:
        if not acquired:
            result.busy = True
        else:
            release_stale_runs()
            _drain_locked(result, batch_size=batch_size, ignore_backoff=ignore_backoff, rescue=reschedule)
    result.remaining = IndexRequest.objects.count()
    if reschedule:
        _schedule_follow_up(result)
        if result.indexed or result.deleted:
            statistics.schedule_refresh()
        if result.unembedded:
            semantic.schedule_embedding()
    return result


def _drain_locked(result: DrainResult, *, batch_size: int, ignore_backoff: bool, rescue: bool) -> None:
    after_id = 0  # each request is tried at most once per drain
    aliases_ready = False
    while True:
        queued = IndexRequest.objects.all() if ignore_backoff else IndexRequest.objects.due()
        rows = list(queued.filter(id__gt=after_id).order_by("id")[:batch_size])
        if not rows:
            return
        after_id = rows[-1].id
        if rescue:
            _arm_rescue()
        try:
            if not aliases_ready:
                ensure_aliases()
                aliases_ready = True
            written = indexer.write(rows)
        except SearchUnavailable as exc:
            logger.warning("search indexing postponed: %s", exc)
            with transaction.atomic():
                _postpone(rows, str(exc))
            result.failed += len(rows)
            result.errors.append(str(exc))
            return
        failures = written.failures
        failed = [row for row in rows if (row.kind, row.object_id) in failures]
        with transaction.atomic():
            _settle([row for row in rows if row not in failed])
            for row in failed:
                _postpone([row], failures[(row.kind, row.object_id)])
        result.add(written)
        result.failed += len(failed)
        result.errors.extend(f"{kind} {pk}: {error}" for (kind, pk), error in failures.items())


def _settle(done: list[IndexRequest]) -> None:
    """Delete the requests just written, except those changed since they were read (a new
    change folded in: `requested_at` moved, so the object is indexed again)."""
    if not done:
        return
    unchanged = Q()
    for row in done:
        unchanged |= Q(id=row.id, requested_at=row.requested_at)
    IndexRequest.objects.filter(unchanged).delete()


def _postpone(rows: list[IndexRequest], error: str) -> None:
    """Retry later (back-off), unless a new change arrived meanwhile: then it is due now."""
    now = timezone.now()
    for row in rows:
        row.attempts += 1
        row.last_error = error[:2000]
        row.available_at = now + outbox.backoff(row.attempts)
        IndexRequest.objects.filter(id=row.id, requested_at=row.requested_at).update(
            attempts=row.attempts, last_error=row.last_error, available_at=row.available_at
        )


def _schedule_follow_up(result: DrainResult) -> None:
    now = timezone.now()
    if result.busy:
        schedule_drain(run_after=now + BUSY_RETRY)
        return
    due = IndexRequest.objects.aggregate(next=Min("available_at"))["next"]
    if due is not None:
        schedule_drain(run_after=max(due, now))
    else:
        _withdraw_rescue()
