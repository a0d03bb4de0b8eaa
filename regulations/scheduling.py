"""Enqueueing a django-tasks job for a later time once: the recurring jobs (the legal-status
refresh, the consultation-status refresh, the daily digest) each enqueue their next run, and
must not pile up copies of it."""

from __future__ import annotations

import datetime
import logging
from typing import Any

from django.db.models import Q

logger = logging.getLogger(__name__)


def schedule_once(task: Any, when: datetime.datetime, what: str) -> bool:
    """Enqueue ``task`` to run at ``when``, unless one of it already waits to run by then.
    Returns True if enqueued. Never raises: a broken queue must not break what asked for it (each
    job is also run by a command and by the next event that needs it); ``what`` names the job in
    the log."""
    try:
        if not task.get_backend().supports_defer or waiting(task, when):
            return False
        task.using(run_after=when).enqueue()
        return True
    except Exception:  # noqa: BLE001 - see the docstring
        logger.exception("could not schedule %s for %s", what, when)
        return False


def waiting(task: Any, when: datetime.datetime) -> bool:
    """Is ``task`` already enqueued, not started, due no later than ``when`` (database backend)?"""
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import DBTaskResult, get_date_max

    if not isinstance(task.get_backend(), DatabaseBackend):
        return False
    return DBTaskResult.objects.filter(
        Q(run_after__lte=when) | Q(run_after=get_date_max()),
        status="READY",
        task_path=task.module_path,
        backend_name=task.backend,
    ).exists()
