"""Background work of the consultations app (django-tasks, run by `manage.py db_worker`).

`refresh_consultation_statuses` stores each consultation's status for now and announces the
changes (consultations.states); it is enqueued for the next moment a consultation opens or
closes, so search's status facet follows the clock.
"""

from __future__ import annotations

import datetime
import logging
from typing import Any

from django.db.models import Q
from django_tasks import task

logger = logging.getLogger(__name__)


@task()
def refresh_consultation_statuses() -> dict[str, Any]:
    from consultations.states import refresh_statuses

    result = refresh_statuses()
    if result.next_change is not None:
        schedule_status_refresh(result.next_change)
    return {
        "checked": result.checked,
        "changed": len(result.changed),
        "next_change": result.next_change.isoformat() if result.next_change else None,
    }


def schedule_status_refresh(when: datetime.datetime) -> bool:
    """Enqueue the refresh for `when` (a second after it), unless one already waits to run by
    then. Never raises: a broken queue must not stop a publication (the status is stored again
    at the next publication or refresh)."""
    when = when + datetime.timedelta(seconds=1)
    try:
        if not refresh_consultation_statuses.get_backend().supports_defer or _waiting(when):
            return False
        refresh_consultation_statuses.using(run_after=when).enqueue()
        return True
    except Exception:  # noqa: BLE001 - see the docstring
        logger.exception("could not schedule the consultation status refresh for %s", when)
        return False


def _waiting(when: datetime.datetime) -> bool:
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import DBTaskResult, get_date_max

    if not isinstance(refresh_consultation_statuses.get_backend(), DatabaseBackend):
        return False
    return DBTaskResult.objects.filter(
        Q(run_after__lte=when) | Q(run_after=get_date_max()),
        status="READY",
        task_path=refresh_consultation_statuses.module_path,
        backend_name=refresh_consultation_statuses.backend,
    ).exists()
