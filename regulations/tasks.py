"""Background work of the regulations app (django-tasks, run by `manage.py db_worker`).

`refresh_document_states` recomputes every document's legal status and current version; it is
enqueued for the next date on which one of them changes (`schedule_refresh`), so a law that
takes effect at midnight shows "còn hiệu lực" — in lists and search too — without anyone
re-importing it.
"""

from __future__ import annotations

import datetime
import logging
from typing import Any

from django.db.models import Q
from django.utils import timezone
from django_tasks import task

logger = logging.getLogger(__name__)

# A little after midnight (local time) of the day an answer changes.
AFTER_MIDNIGHT = datetime.time(0, 5)


@task()
def refresh_document_states() -> dict[str, Any]:
    from regulations.states import refresh_states

    result = refresh_states()
    return {
        "checked": result.checked,
        "status_changed": len(result.status_changed),
        "current_changed": len(result.current_changed),
        "next_change": result.next_change.isoformat() if result.next_change else None,
    }


def run_time(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, AFTER_MIDNIGHT))


def schedule_refresh(day: datetime.date) -> bool:
    """Enqueue the refresh for `day`, unless one already waits to run by then. Returns True if
    enqueued. Never raises: a broken queue must not break an import (the stored states are
    then refreshed by the next import, publish, `migrate` or `manage.py refresh_legal_status`)."""
    when = run_time(day)
    try:
        backend = refresh_document_states.get_backend()
        if not backend.supports_defer:
            return False
        if _waiting(when):
            return False
        refresh_document_states.using(run_after=when).enqueue()
        return True
    except Exception:  # noqa: BLE001 - see the docstring
        logger.exception("could not schedule the legal status refresh for %s", day)
        return False


def _waiting(when: datetime.datetime) -> bool:
    """Is a refresh already enqueued, not started, due no later than `when`?"""
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import DBTaskResult, get_date_max

    if not isinstance(refresh_document_states.get_backend(), DatabaseBackend):
        return False
    return DBTaskResult.objects.filter(
        Q(run_after__lte=when) | Q(run_after=get_date_max()),
        status="READY",
        task_path=refresh_document_states.module_path,
        backend_name=refresh_document_states.backend,
    ).exists()
