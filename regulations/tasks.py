"""Background work of the regulations app (django-tasks, run by `manage.py db_worker`).

`refresh_document_states` recomputes every document's legal status and current version; it is
enqueued for the next date on which one of them changes (`schedule_refresh`), so a law that
takes effect at midnight shows "còn hiệu lực" — in lists and search too — without anyone
re-importing it.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone
from django_tasks import task

from regulations.scheduling import schedule_once

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
    return schedule_once(refresh_document_states, run_time(day), "the legal status refresh")
