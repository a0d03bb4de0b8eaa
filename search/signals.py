"""Listen to the content apps and write index requests (connected in SearchConfig.ready()).

One receiver per signal (Wagtail's and Django's, and each content-app signal a registered kind
names); for each change it asks every registered kind's triggers
(search/kinds/, search/triggers.py) which of the kind's objects the change concerns, and writes
one outbox row per (kind, object) in the current transaction (search/tasks.py `enqueue`): a
document's publication enqueues its document entry and its articles. The worker does the rest
after the commit. The content apps never import search/.
"""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished, post_page_move

from search import kinds, tasks
from search.triggers import Event


def dispatch(event: Event, instance: Any) -> None:
    for kind in kinds.all_kinds():
        for trigger in kind.declared_triggers:
            if trigger.matches(event, instance):
                for object_id in trigger.objects(instance):
                    tasks.enqueue(kind.name, object_id, trigger.action)


def signalled(sender: Any, signal: Any, **kwargs: Any) -> None:
    """A content app's own signal (`Event.SIGNALLED` triggers): its objects are queued together,
    in a fixed number of queries however many it names (a bulk recomputation names thousands)."""
    for kind in kinds.all_kinds():
        for trigger in kind.declared_triggers:
            if trigger.hears(signal, sender):
                tasks.enqueue_many(kind.name, list(trigger.objects(kwargs)), trigger.action)


def published(sender: Any, instance: Any, **kwargs: Any) -> None:
    dispatch(Event.PUBLISHED, instance)


def unpublished(sender: Any, instance: Any, **kwargs: Any) -> None:
    dispatch(Event.UNPUBLISHED, instance)


def moved(sender: Any, instance: Any, url_path_before: str = "", url_path_after: str = "", **kwargs: Any) -> None:
    """A moved page, or a moved folder of pages, has new URLs (a reordering does not)."""
    if url_path_before != url_path_after:
        dispatch(Event.MOVED, instance)


def saved(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    if not raw:  # fixtures being loaded
        dispatch(Event.SAVED, instance)


def deleted(sender: Any, instance: Any, **kwargs: Any) -> None:
    dispatch(Event.DELETED, instance)


def connect() -> None:
    page_published.connect(published, dispatch_uid="search-published")
    page_unpublished.connect(unpublished, dispatch_uid="search-unpublished")
    post_page_move.connect(moved, dispatch_uid="search-moved")
    post_save.connect(saved, dispatch_uid="search-saved")
    post_delete.connect(deleted, dispatch_uid="search-deleted")
    own = {id(t.signal): t.signal for kind in kinds.all_kinds() for t in kind.declared_triggers if t.signal}
    for key, signal in own.items():
        signal.connect(signalled, dispatch_uid=f"search-signalled-{key}")
