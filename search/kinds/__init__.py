"""The searchable content kinds, one module each, and the one list that registers them.

To add a kind: write ``search/kinds/<name>.py`` with a ``SearchKind`` subclass and its ``KIND``
(search/kinds/base.py says what it declares), and add one line to ``REGISTRY`` below. Indexing
(outbox, drain, `search_reindex`, `search_status`), the API's and the page's ``type=``, and the
database fallback all read this list. The first kind is what a search without ``type=`` finds.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from search.facets import AnyFacet
from search.kinds import articles, consultations, costs, documents
from search.kinds.base import EntryBuilder, SearchKind

REGISTRY: list[SearchKind] = [
    articles.KIND,
    documents.KIND,
    costs.KIND,
    consultations.KIND,
]

DEFAULT_TYPE = REGISTRY[0].type


class UnknownKind(ValueError):
    pass


def all_kinds() -> list[SearchKind]:
    return list(REGISTRY)


def names() -> list[str]:
    return [kind.name for kind in REGISTRY]


def types() -> list[str]:
    return [kind.type for kind in REGISTRY]


def get(name: str) -> SearchKind:
    """The kind by its name ("articles")."""
    for kind in REGISTRY:
        if kind.name == name:
            return kind
    raise UnknownKind(f"unknown search kind {name!r} (registered: {', '.join(names())})")


def by_type(type_: str) -> SearchKind:
    """The kind by its type ("article")."""
    for kind in REGISTRY:
        if kind.type == type_:
            return kind
    raise UnknownKind(f"unknown search type {type_!r} (registered: {', '.join(types())})")


def all_facets() -> list[AnyFacet]:
    """Every registered kind's facets, each name once, in registry order."""
    seen: dict[str, AnyFacet] = {}
    for kind in REGISTRY:
        for facet in kind.facets:
            seen.setdefault(facet.name, facet)
    return list(seen.values())


def by_builder(selected: Iterable[SearchKind]) -> list[tuple[EntryBuilder, list[SearchKind]]]:
    """Kinds grouped by entry builder, in their order: each object is read and analysed once
    for all the kinds built from it."""
    groups: dict[int, tuple[EntryBuilder, list[SearchKind]]] = {}
    for kind in selected:
        groups.setdefault(id(kind.builder), (kind.builder, []))[1].append(kind)
    return list(groups.values())


def suggesting() -> list[SearchKind]:
    """The kinds that offer completions as the user types, in the order they are offered."""
    offering = [kind for kind in REGISTRY if kind.suggestions is not None]
    return sorted(offering, key=lambda kind: kind.suggestions or 0)


@contextmanager
def registered(kind: SearchKind) -> Iterator[SearchKind]:
    """Add a kind to the registry for the duration of a block (tests, experiments)."""
    if kind.name in names() or kind.type in types():
        raise ValueError(f"a kind named {kind.name!r} or typed {kind.type!r} is already registered")
    REGISTRY.append(kind)
    try:
        yield kind
    finally:
        REGISTRY.remove(kind)
