"""Facets: what a kind's results can be filtered by and counted on, and the filters of a request.

A kind (search/kinds/) lists its facets in the order the API and the page show them. Each facet
is one request parameter (``agency=``) or, for a range, two (``year_from=``, ``year_to=``), one
key in the API's ``facets``, one keyword field in the index, and how the database fallback
filters and counts the same thing. The facets of the legal-document kinds are in
search/kinds/legal_documents.py.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q


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
