"""Which content changes put a kind's objects in the indexing queue.

A kind (search/kinds/) lists its triggers; search/signals.py listens to Wagtail's and Django's
signals once (and to the content apps' own signals its kinds name) and, for each change, asks
every registered kind's triggers which of its objects it concerns. A trigger matches a model
and its subclasses (a trigger on Wagtail's ``Page`` sees every page type).
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from search.models import IndexAction


class Event(enum.Enum):
    PUBLISHED = "published"  # wagtail page_published
    UNPUBLISHED = "unpublished"  # wagtail page_unpublished
    MOVED = "moved"  # wagtail post_page_move, when the URL changed
    SAVED = "saved"  # django post_save
    DELETED = "deleted"  # django post_delete
    SIGNALLED = "signalled"  # a content app's own signal (`Trigger.signal`), sent by the model


def own_pk(instance: Any) -> list[int]:
    return [instance.pk]


@dataclass(frozen=True)
class Trigger:
    event: Event
    model: type  # the instance's class must be this model or a subclass
    action: str  # IndexAction: index the objects again, or delete their entries
    objects: Callable[[Any], Iterable[int]] = own_pk  # the changed instance -> the kind's object ids
    signal: Any = None  # Event.SIGNALLED: the signal; `objects` gets its keyword arguments

    def matches(self, event: Event, instance: Any) -> bool:
        return event is self.event and isinstance(instance, self.model)

    def hears(self, signal: Any, sender: Any) -> bool:
        return self.signal is signal and isinstance(sender, type) and issubclass(sender, self.model)


def page_changes(model: type) -> list[Trigger]:
    """The life of a Wagtail page model whose pages are the kind's objects: published → index,
    unpublished or deleted → delete, a page moved (itself or a folder above it) → index the live
    pages of `model` under it again (their URLs changed)."""
    from wagtail.models import Page

    def moved(page: Any) -> Iterable[int]:
        return model.objects.descendant_of(page, inclusive=True).live().values_list("pk", flat=True)

    return [
        Trigger(Event.PUBLISHED, model, IndexAction.INDEX),
        Trigger(Event.UNPUBLISHED, model, IndexAction.DELETE),
        Trigger(Event.DELETED, model, IndexAction.DELETE),
        Trigger(Event.MOVED, Page, IndexAction.INDEX, moved),
    ]


def model_changes(model: type, objects: Callable[[Any], Iterable[int]] = own_pk) -> list[Trigger]:
    """A plain model: saved → index, deleted → delete. With `objects`, the changed instance
    names other objects (a comment saved → its draft): those are indexed again in both cases."""
    on_delete = IndexAction.DELETE if objects is own_pk else IndexAction.INDEX
    return [
        Trigger(Event.SAVED, model, IndexAction.INDEX, objects),
        Trigger(Event.DELETED, model, on_delete, objects),
    ]


def signal_changes(
    signal: Any,
    sender: type,
    objects: Callable[[dict[str, Any]], Iterable[int]],
    action: str = IndexAction.INDEX,
) -> Trigger:
    """A content app's own signal, sent by `sender` (or a subclass): `objects` reads the ids from
    the signal's keyword arguments (``document_state_changed`` sends ``document_ids``)."""
    return Trigger(Event.SIGNALLED, sender, action, objects, signal=signal)
