"""Regrouping in the background (django-tasks, run by `manage.py db_worker`).

A comment that arrives asks for its consultation to be regrouped a little later
(`REGROUP_DELAY`), so a burst of campaign comments is grouped once, not once per comment; one
waiting task per consultation is enough. Staff ask for it at once from the admin.

Each server process remembers until when a regrouping it saw waiting (or queued) will still be
waiting (its `run_after`, less `MARGIN`): until then a new comment, committed before the
regrouping can start, needs no look-up in the queue. A regrouping found waiting that is due
(or queued to run at once) may start any moment, so another is queued for later and remembered.
In the last hour before a deadline that is one query per consultation per minute and process
instead of one per comment, even when the worker is behind (or not running).
"""

from __future__ import annotations

import datetime
import logging
import threading
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django_tasks import task

logger = logging.getLogger(__name__)

REGROUP_DELAY = datetime.timedelta(seconds=60)
MARGIN = datetime.timedelta(seconds=5)

_known_waiting: dict[int, datetime.datetime] = {}  # consultation id -> waiting at least until
_known_lock = threading.Lock()


@task()
def regroup_consultation(consultation_id: int) -> dict[str, Any]:
    from consultations.comment_groups.regroup import regroup
    from consultations.models import ConsultationPage

    if not ConsultationPage.objects.filter(pk=consultation_id).exists():
        return {"consultation": consultation_id, "missing": True}
    result = regroup(consultation_id)
    return {"consultation": consultation_id, **result.__dict__}


def schedule_regroup(consultation_id: int, delay: datetime.timedelta = REGROUP_DELAY) -> None:
    """Enqueue a regrouping of the consultation once the current transaction commits, unless one
    is already waiting then. Never raises: a broken queue must not lose a comment (the groups
    are then made by the next regrouping)."""
    transaction.on_commit(lambda: _enqueue(consultation_id, delay), robust=True)


def _enqueue(consultation_id: int, delay: datetime.timedelta) -> None:
    try:
        now = timezone.now()
        with _known_lock:
            known = _known_waiting.get(consultation_id)
        if known is not None and now < known:
            return
        waiting = _waiting(consultation_id)
        if isinstance(waiting, datetime.datetime) and now < waiting - MARGIN:
            _remember(consultation_id, waiting)
            return
        # None waits, or the one waiting is due (it may start any moment, or the worker is
        # behind): a new one, later, certainly takes this comment in. Regrouping twice is
        # harmless; looking the queue up for every comment until the worker catches up is not
        # (in the last hour before a deadline that was one more query per comment).
        queued = regroup_consultation
        if delay and regroup_consultation.get_backend().supports_defer:
            queued = regroup_consultation.using(run_after=now + delay)
        result = queued.enqueue(consultation_id)
        if result.task.run_after is not None:
            _remember(consultation_id, result.task.run_after)
    except Exception:  # noqa: BLE001 - see schedule_regroup
        logger.exception("could not enqueue the regrouping of consultation %s", consultation_id)


def _remember(consultation_id: int, run_after: datetime.datetime | None) -> None:
    if run_after is None:  # queued to run at once: it may start any moment
        return
    with _known_lock:
        _known_waiting[consultation_id] = run_after - MARGIN


def forget_waiting() -> None:
    """Forget what this process knows of waiting regroupings (tests that empty the queue)."""
    with _known_lock:
        _known_waiting.clear()


def _waiting(consultation_id: int) -> datetime.datetime | None | bool:
    """Whether a regrouping of the consultation waits in the queue: False if none does; else the
    latest `run_after` of those waiting (a comment committed before then is in that regrouping),
    or None if they are all to run at once."""
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    if not isinstance(regroup_consultation.get_backend(), DatabaseBackend):
        return False
    found = (
        DBTaskResult.objects.filter(
            status="READY",
            task_path=regroup_consultation.module_path,
            backend_name=regroup_consultation.backend,
            args_kwargs__args=[consultation_id],
        )
        .order_by(F("run_after").desc(nulls_last=True))
        .values_list("run_after", flat=True)[:1]
    )
    return next(iter(found), False)
