"""Keep each consultation's stored status (`ConsultationPage.current_status`, what search
indexes and facets on) true as time passes: a consultation opens and closes at a moment nobody
publishes anything. `refresh_statuses()` stores today's answer and announces the changes
(`consultation_status_changed`); the `refresh_consultation_statuses` task runs it at the next
moment a status changes (consultations.tasks), and publishing a consultation schedules it.
Lists and pages never read the stored value: they compute the status from the times."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from consultations.models import ConsultationPage
from consultations.signals import consultation_status_changed


@dataclass
class Refresh:
    checked: int = 0
    changed: list[int] = field(default_factory=list)
    next_change: datetime | None = None


def next_change(page: ConsultationPage, now: datetime) -> datetime | None:
    """The next moment this consultation's status changes by itself (opening, then closing)."""
    for moment in (page.opens_at, page.closes_at):
        if moment is not None and moment > now:
            return moment
    return None


@transaction.atomic
def refresh_statuses(now: datetime | None = None, ids: list[int] | None = None) -> Refresh:
    now = now or timezone.now()
    result = Refresh()
    pages = ConsultationPage.objects.all() if ids is None else ConsultationPage.objects.filter(pk__in=ids)
    for page in pages.only("pk", "opens_at", "closes_at", "stage", "current_status", "closing_date", "closing_time"):
        result.checked += 1
        status = page.status_at(now)
        if status != page.current_status:
            ConsultationPage.objects.filter(pk=page.pk).update(current_status=status)
            result.changed.append(page.pk)
        upcoming = next_change(page, now)
        if upcoming is not None and (result.next_change is None or upcoming < result.next_change):
            result.next_change = upcoming
    if result.changed:
        changed = list(result.changed)
        transaction.on_commit(
            lambda: consultation_status_changed.send(sender=ConsultationPage, consultation_ids=changed)
        )
    return result
