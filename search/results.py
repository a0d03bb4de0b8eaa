"""What a search answers, whichever backend answered: hits, facet counts, suggestions.

The OpenSearch backend (search/engine.py) and the database fallback (search/fallback.py) both
build a ``SearchResult``; each kind (search/kinds/) maps its entries or rows to ``Hit``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Final

from django.utils.translation import gettext

from regulations.legaltext.laws import Law
from search.facets import AnyFacet, Filters

OPENSEARCH: Final = "opensearch"
DATABASE: Final = "database"
SUGGEST_SIZE: Final = 8  # completions offered at most


@dataclass
class Hit:
    """One result, in the shape of the API (the first nine fields and ``replaced_by``) and the
    page (the rest)."""

    type: str  # the kind's type: "article", "document"
    id: int
    external_id: str | None
    document_number: str
    article_number: str | None
    title: str
    url: str
    score: float | None = None  # None for a citation pinned at rank 1
    highlight: str = ""  # HTML: the text is escaped, only <mark> tags are markup
    document_title: str = ""
    legal_status: str = ""
    legal_status_label: str = ""
    agency_name: str = ""
    year: int | None = None
    pinned: bool = False
    details: dict[str, Any] = field(default_factory=dict)  # kind-specific facts (a cost's grade and amount)
    replaced_by: Law | None = None  # the law in force that replaced this one (pinned hits)

    @property
    def replaced_notice(self) -> str:
        """ "Văn bản 61/2020/QH14 đã được thay thế bởi Luật Đầu tư số 143/2025/QH15 từ ngày 01/03/2026." """
        if self.replaced_by is None:
            return ""
        return gettext("Văn bản %(old)s đã được thay thế bởi %(new)s từ ngày %(date)s.") % {
            "old": self.document_number,
            "new": self.replaced_by.title,
            "date": self.replaced_by.in_force_from.strftime("%d/%m/%Y"),
        }


@dataclass
class FacetValue:
    value: str
    count: int
    label: str = ""
    selected: bool = False


@dataclass
class SearchResult:
    count: int
    backend: str
    hits: list[Hit] = field(default_factory=list)
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    did_you_mean: str | None = None
    warnings: list[str] = field(default_factory=list)


@dataclass
class Suggestion:
    text: str
    url: str


def empty_facets(facets: Sequence[AnyFacet]) -> dict[str, list[FacetValue]]:
    return {facet.name: [] for facet in facets}


def label_facets(
    facets: Sequence[AnyFacet], counts: dict[str, list[tuple[Any, int]]], filters: Filters
) -> dict[str, list[FacetValue]]:
    """Attach display names to facet values (at most one query per facet, whatever the counts)."""
    by_name = {facet.name: facet for facet in facets}
    result = empty_facets(facets)
    for name, values in counts.items():
        facet = by_name.get(name)
        if facet is None:
            continue
        labels = facet.labels([str(value) for value, _ in values])
        selected = set() if facet.is_range else set(filters.get(name))
        result[name] = [
            FacetValue(str(value), count, labels.get(str(value), str(value)), str(value) in selected)
            for value, count in values
        ]
    return result


def count_facets(facets: Sequence[AnyFacet], rows: Iterable[Any]) -> dict[str, list[tuple[str, int]]]:
    """Facet counts over rows of the database fallback: most frequent first (ranges: by value,
    newest first)."""
    tallies: dict[str, dict[str, int]] = {facet.name: {} for facet in facets}
    for row in rows:
        for facet in facets:
            for value in facet.database_values(row):
                if value not in (None, ""):
                    tally = tallies[facet.name]
                    tally[str(value)] = tally.get(str(value), 0) + 1
    out: dict[str, list[tuple[str, int]]] = {}
    for facet in facets:
        values = tallies[facet.name]
        if facet.is_range:
            out[facet.name] = sorted(values.items(), key=lambda kv: kv[0], reverse=True)
        else:
            out[facet.name] = sorted(values.items(), key=lambda kv: (-kv[1], kv[0]))
    return out


def page_with_pins(pinned: list[Hit], main: list[Hit], *, offset: int, size: int, main_from: int) -> list[Hit]:
    """One page of the list "pinned hits, then the ranked ones" (pinned ones not repeated), when
    the ranked ones were fetched from position `main_from`."""
    seen = {hit.id for hit in pinned}
    main = [hit for hit in main if hit.id not in seen]
    page: list[Hit] = []
    for i in range(offset, offset + size):
        if i < len(pinned):
            page.append(pinned[i])
            continue
        local = i - len(pinned) - main_from
        if 0 <= local < len(main):
            page.append(main[local])
    return page
