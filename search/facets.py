"""Facets: what a kind's results can be filtered by and counted on, and the filters of a request.

A kind (search/kinds/) lists its facets in the order the API and the page show them. Each facet
is one request parameter (``agency=``) or, for a range, two (``year_from=``, ``year_to=``), one
key in the API's ``facets``, one keyword field in the index, and how the database fallback
filters and counts the same thing. The facets of the legal-document kinds are in
search/kinds/legal_documents.py.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Model, Q
from django.db.models.signals import post_delete, post_save


def _same(values: Collection[str]) -> dict[str, str]:
    return {value: value for value in values}


def _none() -> list[tuple[str, str]]:
    return []


@dataclass(frozen=True)
class Facet:
    """A keyword facet: ``?agency=quoc-hoi&agency=chinh-phu`` keeps results with either value."""

    name: str  # the request parameter and the key in the API's `facets`
    field: str  # the keyword field it filters and counts in the index
    label: Any  # shown above the page's select (lazy translation)
    noun: str  # names the parameter in validation messages (Vietnamese): "Cơ quan"
    database_filter: Callable[[tuple[str, ...]], Q]  # the same filter for the database fallback
    database_values: Callable[[Any], Iterable[Any]]  # a fallback row -> its values, for the counts
    vocabulary: Callable[[], Collection[str]] | None = None  # accepted values; None: any slug
    labels: Callable[[list[str]], dict[str, str]] = _same  # display names of values (<= 1 query)
    choices: Callable[[], list[tuple[str, str]]] = _none  # every (value, label), for an empty search
    description: str = ""  # for the API schema (English)

    is_range = False


@dataclass(frozen=True)
class RangeFacet:
    """A numeric range: ``?year_from=2015&year_to=2020``; counted per value, newest first."""

    name: str
    field: str
    label: Any  # legend of the page's two inputs
    noun: str  # "Năm"
    minimum: int
    maximum: int
    database_filter: Callable[[int | None, int | None], Q]
    database_values: Callable[[Any], Iterable[Any]]
    from_label: Any = ""
    to_label: Any = ""
    descriptions: tuple[str, str] = ("", "")  # of the two parameters, for the API schema (English)

    is_range = True

    @property
    def params(self) -> tuple[str, str]:
        return f"{self.name}_from", f"{self.name}_to"

    def labels(self, values: Collection[str]) -> dict[str, str]:
        return {value: str(value) for value in values}


AnyFacet = Facet | RangeFacet


class CachedNames:
    """Display names of a model's slugs for facet labels, read in one query and kept in the
    process: every search labels its facet counts, and names change rarely.

    The names are read again after ``ttl`` seconds, at once when a row of ``model`` is saved or
    deleted in this process, and when a slug is asked for that was not there (a row added by
    another process), at most every ``retry`` seconds."""

    def __init__(
        self,
        model: type[Model],
        rows: Callable[[], Iterable[tuple[str, str]]],
        *,
        ttl: float = 300.0,
        retry: float = 5.0,
    ) -> None:
        self.rows = rows
        self.ttl = ttl
        self.retry = retry
        self._lock = threading.Lock()
        self._names: dict[str, str] | None = None
        self._read_at = 0.0
        uid = f"search-names-{model._meta.label_lower}"
        post_save.connect(self._changed, sender=model, weak=False, dispatch_uid=f"{uid}-saved")
        post_delete.connect(self._changed, sender=model, weak=False, dispatch_uid=f"{uid}-deleted")

    def _changed(self, **kwargs: Any) -> None:
        self.clear()

    def clear(self) -> None:
        with self._lock:
            self._names = None

    def __call__(self, values: Collection[str]) -> dict[str, str]:
        """The names of these slugs (those known)."""
        now = time.monotonic()
        with self._lock:
            names, read_at = self._names, self._read_at
        age = now - read_at
        if names is None or age > self.ttl or (age > self.retry and any(v not in names for v in values)):
            names = dict(self.rows())
            with self._lock:
                self._names, self._read_at = names, now
        return {value: names[value] for value in values if value in names}


@dataclass(frozen=True)
class Filters:
    """The facet values a request asks for: keyword values by facet name, ranges by facet name."""

    values: dict[str, tuple[str, ...]] = field(default_factory=dict)
    ranges: dict[str, tuple[int | None, int | None]] = field(default_factory=dict)

    def get(self, name: str) -> tuple[str, ...]:
        return self.values.get(name, ())

    def range(self, name: str) -> tuple[int | None, int | None]:
        return self.ranges.get(name, (None, None))

    def reversed(self) -> list[str]:
        """The ranges whose end is before their start: no result can be in them."""
        return [
            name for name, (low, high) in self.ranges.items() if low is not None and high is not None and low > high
        ]

    def is_empty(self) -> bool:
        return not any(self.values.values()) and all(bounds == (None, None) for bounds in self.ranges.values())


def database_filter(facets: Iterable[AnyFacet], filters: Filters) -> Q:
    """The filters as one Q for the database fallback, facet by facet."""
    q = Q()
    for facet in facets:
        if isinstance(facet, RangeFacet):
            low, high = filters.range(facet.name)
            if low is not None or high is not None:
                q &= facet.database_filter(low, high)
        elif filters.get(facet.name):
            q &= facet.database_filter(filters.get(facet.name))
    return q
