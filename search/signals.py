"""Listen to the content apps and write index requests (connected in SearchConfig.ready()).

Each handler only writes an outbox row in the current transaction (search/outbox.py); the
worker does the rest after the commit. The content apps never import search/.
"""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete
from wagtail.signals import page_published, page_unpublished, post_page_move

from search import outbox


def document_published(sender: Any, instance: Any, **kwargs: Any) -> None:
    outbox.request_index(instance.pk)


def document_unpublished(sender: Any, instance: Any, **kwargs: Any) -> None:
    outbox.request_delete(instance.pk)


def document_deleted(sender: Any, instance: Any, **kwargs: Any) -> None:
    outbox.request_delete(instance.pk)


def document_state_changed(sender: Any, document_ids: list[int], **kwargs: Any) -> None:
    """A document's computed legal status or current version changed (a date passed, another
    document replacing it arrived): index it again (a request for a page no longer live removes it)."""
    for page_id in document_ids:
        outbox.request_index(page_id)


def page_moved(sender: Any, instance: Any, url_path_before: str = "", url_path_after: str = "", **kwargs: Any) -> None:
    """A moved document, or a moved folder of documents, has new URLs: index them again."""
    if url_path_before == url_path_after:
        return
    from regulations.models import LegalDocumentPage

    moved = LegalDocumentPage.objects.descendant_of(instance, inclusive=True).live()
    for page_id in moved.values_list("pk", flat=True):
        outbox.request_index(page_id)


def connect() -> None:
    from regulations.models import LegalDocumentPage
    from regulations.signals import document_state_changed as state_changed

    state_changed.connect(document_state_changed, sender=LegalDocumentPage, dispatch_uid="search-document-state")
    page_published.connect(document_published, sender=LegalDocumentPage, dispatch_uid="search-document-published")
    page_unpublished.connect(document_unpublished, sender=LegalDocumentPage, dispatch_uid="search-document-unpublished")
    post_delete.connect(document_deleted, sender=LegalDocumentPage, dispatch_uid="search-document-deleted")
    post_page_move.connect(page_moved, dispatch_uid="search-page-moved")
