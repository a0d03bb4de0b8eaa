"""Background work of the consultations app (django-tasks, run by `manage.py db_worker`).

`refresh_consultation_statuses` stores each consultation's status for now and announces the
changes (consultations.states); it is enqueued for the next moment a consultation opens or
closes, so search's status facet follows the clock.
"""

from __future__ import annotations

import datetime
from typing import Any

from django_tasks import task

from regulations.scheduling import schedule_once


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
    return schedule_once(
        refresh_consultation_statuses, when + datetime.timedelta(seconds=1), "the consultation status refresh"
    )
