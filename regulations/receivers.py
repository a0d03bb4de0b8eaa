"""How the regulations app keeps its stored states true: receivers of Wagtail's and Django's
signals, connected in `RegulationsConfig.ready`. (What the app announces is in
`regulations/signals.py`; keeping the two apart leaves no import cycle with `regulations.states`.)
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.signals import post_migrate, pre_delete
from wagtail.signals import page_published, page_unpublished


def document_published(sender: Any, instance: Any, **kwargs: Any) -> None:
    """Versions uploaded for review are published with the page; then the states follow."""
    from regulations.states import refresh_document

    instance.versions.filter(is_published=False).update(is_published=True)
    refresh_document(instance)


def document_unpublished(sender: Any, instance: Any, **kwargs: Any) -> None:
    """A document that left the portal no longer replaces anything (as far as the portal knows)."""
    from regulations.states import refresh_states, replaced_by

    refresh_states(replaced_by(instance.pk))


def document_deleted(sender: Any, instance: Any, **kwargs: Any) -> None:
    from regulations.states import refresh_states, replaced_by

    affected = replaced_by(instance.pk)
    if affected:
        transaction.on_commit(lambda: refresh_states(affected))


def states_after_migrate(sender: Any, apps: Any = None, using: str = "default", **kwargs: Any) -> None:
    """Recompute every document's states after `migrate`: the rules may have changed with the code."""
    try:
        apps.get_model("regulations", "DocumentVersion")
    except (LookupError, AttributeError):  # migrated back before versions existed
        return
    from regulations.states import refresh_states

    refresh_states()


def schedule_next_refresh(sender: Any, day: Any, **kwargs: Any) -> None:
    """A stored state changes on `day` without any edit: queue the refresh for that day."""
    from regulations.tasks import schedule_refresh

    schedule_refresh(day)


def connect(app_config: Any) -> None:
    from regulations.models import LegalDocumentPage
    from regulations.signals import next_state_change

    page_published.connect(document_published, sender=LegalDocumentPage, dispatch_uid="regulations-published")
    page_unpublished.connect(document_unpublished, sender=LegalDocumentPage, dispatch_uid="regulations-unpublished")
    pre_delete.connect(document_deleted, sender=LegalDocumentPage, dispatch_uid="regulations-deleted")
    next_state_change.connect(schedule_next_refresh, dispatch_uid="regulations-schedule-next-refresh")
    post_migrate.connect(states_after_migrate, sender=app_config, dispatch_uid="regulations-states-after-migrate")
