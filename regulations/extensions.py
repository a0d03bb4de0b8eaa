"""Extension points of the document page for the apps above regulations (which regulations
never imports: docs/architecture.md, "Layers").

``register_business_regulation_notes(provider)``: ``provider(regulations)`` receives the business
regulations a page shows and returns, by regulation id, a short HTML fragment to show with each
(compliance_cost adds the annual compliance cost and its grade). A provider reads what it needs
for all of them at once (a fixed number of queries per page).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

NotesProvider = Callable[[Sequence[Any]], dict[int, str]]

_PROVIDERS: list[NotesProvider] = []


def register_business_regulation_notes(provider: NotesProvider) -> None:
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)


def business_regulation_notes(regulations: Sequence[Any]) -> dict[int, list[str]]:
    """The fragments of every registered provider, by regulation id, in registration order."""
    notes: dict[int, list[str]] = {}
    if not regulations:
        return notes
    for provider in _PROVIDERS:
        for regulation_id, fragment in provider(regulations).items():
            notes.setdefault(regulation_id, []).append(fragment)
    return notes
