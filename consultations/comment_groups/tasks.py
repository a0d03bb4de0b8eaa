"""Regrouping in the background (django-tasks, run by `manage.py db_worker`).

A comment that arrives asks for its consultation to be regrouped a little later
(`REGROUP_DELAY`), so a burst of campaign comments is grouped once, not once per comment; one
waiting task per consultation is enough. Staff ask for it at once from the admin.
"""

from __future__ import annotations

import datetime
import logging
from typing import Any

from django.db import transaction
from django.utils import timezone
from django_tasks import task

logger = logging.getLogger(__name__)

REGROUP_DELAY = datetime.timedelta(seconds=60)


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
        if _waiting(consultation_id):
            return
        queued = regroup_consultation
        if delay and regroup_consultation.get_backend().supports_defer:
            queued = regroup_consultation.using(run_after=timezone.now() + delay)
        queued.enqueue(consultation_id)
    except Exception:  # noqa: BLE001 - see schedule_regroup
        logger.exception("could not enqueue the regrouping of consultation %s", consultation_id)


def _waiting(consultation_id: int) -> bool:
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    if not isinstance(regroup_consultation.get_backend(), DatabaseBackend):
        return False
    return DBTaskResult.objects.filter(
        status="READY",
        task_path=regroup_consultation.module_path,
        backend_name=regroup_consultation.backend,
        args_kwargs__args=[consultation_id],
    ).exists()
