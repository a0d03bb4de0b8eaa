"""The daily digest as a django-tasks job (run by `manage.py db_worker`), scheduled the way the
project schedules its timed work (regulations.tasks, consultations.tasks): one waiting task,
due at the next `DIGEST_TIME` (local time); each run schedules the next. The first follow
schedules it. If the worker was down, the waiting task runs when it is back and its digest
covers everything since the last one (events are computed from the data, consultations.follows.events).
"""

from __future__ import annotations

import datetime
import logging
from typing import Any

from django.db.models import Q
from django.utils import timezone
from django_tasks import task

from consultations import timeline

logger = logging.getLogger(__name__)

DIGEST_TIME = datetime.time(7, 0)  # Asia/Ho_Chi_Minh


@task()
def send_daily_digests_task() -> dict[str, Any]:
    from consultations.follows.digest import send_daily_digests

    try:
        return send_daily_digests().as_dict()
    finally:
        schedule_next_digest()


def next_run(now: datetime.datetime) -> datetime.datetime:
    """The next `DIGEST_TIME` after `now`."""
    day = timeline.local_day(now)
    moment = datetime.datetime.combine(day, DIGEST_TIME, tzinfo=timeline.VIETNAM)
    return moment if moment > now else moment + datetime.timedelta(days=1)


def schedule_next_digest(now: datetime.datetime | None = None) -> bool:
    """Enqueue the digest job for its next time, unless one already waits to run by then.
    Returns True if enqueued. Never raises: a broken queue must not stop a follow (the command
    `send_daily_digests`, run from cron, sends the digests too)."""
    when = next_run(now or timezone.now())
    try:
        if not send_daily_digests_task.get_backend().supports_defer or _waiting(when):
            return False
        send_daily_digests_task.using(run_after=when).enqueue()
        return True
    except Exception:  # noqa: BLE001 - see the docstring
        logger.exception("could not schedule the follow digest for %s", when)
        return False


def _waiting(when: datetime.datetime) -> bool:
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import DBTaskResult, get_date_max

    if not isinstance(send_daily_digests_task.get_backend(), DatabaseBackend):
        return False
    return DBTaskResult.objects.filter(
        Q(run_after__lte=when) | Q(run_after=get_date_max()),
        status="READY",
        task_path=send_daily_digests_task.module_path,
        backend_name=send_daily_digests_task.backend,
    ).exists()
