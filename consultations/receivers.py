"""Keep the draft document in step with its consultation: receivers connected in
`ConsultationsConfig.ready`.

The draft document (and a revised draft version) is created unpublished with the consultation
page; when the agency's approver publishes the consultation, its draft is published with it (the
approver has approved the page that shows it), so the library lists it as "dự thảo" and its new
versions become visible (regulations.receivers.document_published).
"""

from __future__ import annotations

from typing import Any


def consultation_published(sender: Any, instance: Any, **kwargs: Any) -> None:
    _publish_draft(instance)
    _watch_status(instance)


def _watch_status(consultation: Any) -> None:
    """Store its status now and wake up when it next changes (search re-indexes it then)."""
    from consultations.states import refresh_statuses
    from consultations.tasks import schedule_status_refresh

    result = refresh_statuses(ids=[consultation.pk])
    if result.next_change is not None:
        schedule_status_refresh(result.next_change)


def _publish_draft(instance: Any) -> None:
    document = instance.document
    if document is None:
        return
    document = document.specific
    if document.live and not document.versions.filter(is_published=False).exists():
        return
    revision = document.get_latest_revision() or document.save_revision()
    revision.publish()


def connect() -> None:
    from wagtail.signals import page_published

    from consultations.models import ConsultationPage

    page_published.connect(consultation_published, sender=ConsultationPage, dispatch_uid="consultations-published")
