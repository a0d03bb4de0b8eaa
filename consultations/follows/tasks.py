"""The daily digest as a django-tasks job (run by `manage.py db_worker`), scheduled the way the
project schedules its timed work (regulations.tasks, consultations.tasks): one waiting task,
due at the next `DIGEST_TIME` (local time); each run schedules the next. The first follow
schedules it. If the worker was down, the waiting task runs when it is back and its digest
covers everything since the last one (events are computed from the data, consultations.follows.events).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone
from django_tasks import task

from consultations import timeline
from regulations.scheduling import schedule_once

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
    return schedule_once(send_daily_digests_task, next_run(now or timezone.now()), "the follow digest")
