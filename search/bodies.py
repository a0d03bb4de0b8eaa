"""The OpenSearch request bodies of a search: the pinned citation lookups, the ranked query with
its filters and facet counts, suggestions, and "did you mean".

Pure logic on a validated request (search/request.py) and its kind (search/kinds/): the
relevance query itself comes from search/ranking.py; search/engine.py sends the bodies.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final

from search import kinds
from search.facets import AnyFacet, Filters
from search.kinds.base import SearchKind
from search.query import CitationTarget, clean_text
from search.ranking import text_query
from search.request import SearchRequest

FACET_SIZE: Final = 100


def filter_clauses(facets: Sequence[AnyFacet], filters: Filters, skip: str | None = None) -> list[dict[str, Any]]:
    """Filters, one per facet in use; ``skip`` leaves one out (for that facet's own counts)."""
    clauses: list[dict[str, Any]] = []
    for facet in facets:
        if facet.name == skip:
            continue
        if facet.is_range:
            low, high = filters.range(facet.name)
            bounds: dict[str, int] = {}
            if low is not None:
                bounds["gte"] = low
            if high is not None:
                bounds["lte"] = high
            if bounds:
                clauses.append({"range": {facet.field: bounds}})
        elif filters.get(facet.name):
            clauses.append({"terms": {facet.field: list(filters.get(facet.name))}})
    return clauses


def aggregations(facets: Sequence[AnyFacet], filters: Filters) -> dict[str, Any]:
    """Facet counts in the same request: each facet counts with every filter but its own, so a
    select keeps showing its other values ("disjunctive" facets)."""
    aggs: dict[str, Any] = {}
    for facet in facets:
        terms: dict[str, Any] = {"field": facet.field, "size": FACET_SIZE}
        if facet.is_range:
            terms["order"] = {"_key": "desc"}
        others = filter_clauses(facets, filters, skip=facet.name)
        aggs[facet.name] = {
            "filter": {"bool": {"filter": others}} if others else {"match_all": {}},
            "aggs": {"values": {"terms": terms}},
        }
    return aggs


def pinnable(request: SearchRequest, kind: SearchKind | None = None) -> list[tuple[CitationTarget, dict[str, Any]]]:
    """The citations of the query that name a single entry of the kind, with its filter: an
    article (article search) or a document (document search). A bare document number in an
    article search lifts that document's articles instead (the kind's ``citation_clauses``)."""
    kind = kind or kinds.by_type(request.kind)
    found = []
    for target in request.query.citations:
        condition = kind.pin_condition(target)
        if condition is not None:
            found.append((target, condition))
    return found


def pin_bodies(request: SearchRequest) -> list[dict[str, Any]]:
    """One lookup per pinned citation: term queries on number_key (+ article_number)."""
    kind = kinds.by_type(request.kind)
    return [
        {
            "size": 1,
            "track_total_hits": False,
            "query": {"bool": {"filter": [condition, *filter_clauses(kind.facets, request.filters)]}},
            # The newest first: a law cited by name lands on its newest version in the portal.
            "sort": [
                {"year": {"order": "desc", "missing": "_last", "unmapped_type": "long"}},
                {kind.fields.id_field: "asc"},
            ],
            "_source": list(kind.source_fields),
        }
        for _target, condition in pinnable(request, kind)
    ]


def main_body(request: SearchRequest, extra: int = 0, rerank_depth: int = 0) -> dict[str, Any]:
    """The ranked query with filters, facets and highlights.

    Pinned citations are left out of it (``must_not``) so they are never listed twice; ``extra``
    more hits are fetched to fill the page around them (see ``search.engine``). With
    ``rerank_depth``, the top that many hits (plus ``extra``) come from the first, with their
    vectors, for search/semantic.py to re-rank.
    """
    kind = kinds.by_type(request.kind)
    pins = pinnable(request, kind)
    query: dict[str, Any] = {"bool": {"must": [text_query(request.query, kind)]}}
    if pins:
        query["bool"]["must_not"] = [condition for _target, condition in pins]
    body: dict[str, Any] = {
        "from": max(0, request.offset - extra),
        "size": request.size + extra,
        "track_total_hits": True,
        "query": query,
        "_source": list(kind.source_fields),
        "aggs": aggregations(kind.facets, request.filters),
    }
    if rerank_depth:
        body["from"] = 0
        body["size"] = rerank_depth + extra
        body["_source"] = [*kind.source_fields, "vectors", "embedded"]
    post = filter_clauses(kind.facets, request.filters)
    if post:
        body["post_filter"] = {"bool": {"filter": post}}
    sort = kind.sort_clauses(request.sort)
    if sort:
        body["sort"] = sort
    return body


def suggest_body(prefix: str, size: int = 8) -> dict[str, Any]:
    """Completion suggestions as the user types, with and without diacritics."""
    text = clean_text(prefix)[0][:100]
    return {
        "_source": ["url", "heading", "citation", "document_number", "document_title", "title"],
        "suggest": {
            "exact": {
                "prefix": text,
                "completion": {"field": "suggest", "size": size, "skip_duplicates": True},
            },
        },
    }


def did_you_mean_body(text: str) -> dict[str, Any]:
    """Phrase suggesters on the syllable fields (exact and folded), for a query with no hits."""
    text = text[:300]

    def phrase(field_name: str) -> dict[str, Any]:
        return {
            "text": text,
            "phrase": {
                "field": field_name,
                "size": 1,
                "max_errors": 2,
                "confidence": 0.0,
                "direct_generator": [{"field": field_name, "suggest_mode": "always", "min_word_length": 2}],
                "highlight": {"pre_tag": "", "post_tag": ""},
            },
        }

    return {
        "size": 0,
        "suggest": {"exact": phrase("syllables"), "folded": phrase("syllables.folded")},
    }


def context_body(request: SearchRequest, size: int) -> dict[str, Any]:
    """The first answers to a query typed without diacritics, their text only: what the
    restoration reads its context from (search/engine.py, search/nlp/accents.py)."""
    body = main_body(request)
    body.update({"from": 0, "size": size, "track_total_hits": False, "_source": ["text"]})
    for key in ("aggs", "sort", "highlight"):
        body.pop(key, None)
    return body
