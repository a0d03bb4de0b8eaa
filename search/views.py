"""The search page, ``/tim-kiem/``: a plain GET form that HTMX upgrades.

Without JavaScript the form submits and the whole page comes back. With HTMX, a change to any
filter (or a submit) fetches only the results region (``HX-Request``) and pushes the URL, so the
address always holds the search. Invalid filter values are ignored and named in a notice, as on
the document list; the API answers them with 400 instead.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext_lazy as _

from search import backends, kinds
from search.facets import Facet, RangeFacet
from search.query import MAX_QUERY_CHARS
from search.request import InvalidSearch, SearchRequest, parse_request
from search.results import SearchResult


def page_params() -> list[str]:
    """The parameters the page keeps in its links: the query, the kind, every filter, sort, size."""
    params = ["q", "type"]
    for facet in kinds.all_facets():
        params.extend(facet.params if isinstance(facet, RangeFacet) else [facet.name])
    return [*params, "sort", "size"]


def _without(params: QueryDict, keys: set[str]) -> QueryDict:
    kept = params.copy()
    for key in keys:
        kept.pop(key, None)
    return kept


def _querystring(params: QueryDict, **changes: Any) -> str:
    out = QueryDict(mutable=True)
    for key in page_params():
        values = [v for v in params.getlist(key) if v.strip()]
        if values:
            out.setlist(key, values)
    for key, value in changes.items():
        if value in (None, ""):
            out.pop(key, None)
        else:
            out[key] = str(value)
    return str(out.urlencode())


def search_page(request: HttpRequest) -> HttpResponse:
    vocabulary = backends.vocabulary(prefetch=True)
    params = request.GET
    errors: dict[str, str] = {}
    try:
        search_request = parse_request(params, vocabulary)
    except InvalidSearch as exc:
        errors = exc.errors
        # Ignore what is wrong (page and size fall back to their defaults) and search the rest.
        try:
            search_request = parse_request(_without(params, set(errors) | {"page", "size"}), vocabulary)
        except InvalidSearch:
            search_request = parse_request({"q": params.get("q", "")}, vocabulary)
    result = backends.search(search_request)
    pages = max(1, -(-result.count // search_request.size))
    context = {
        "search": search_request,
        "result": result,
        "errors": errors,
        "q": search_request.query.text,
        "max_query_chars": MAX_QUERY_CHARS,
        "kinds": kinds.all_kinds(),
        "sort_options": sort_options(search_request),
        "page_count": pages,
        "previous_query": _querystring(params, page=search_request.page - 1 if search_request.page > 1 else None)
        if search_request.page > 1
        else None,
        "next_query": _querystring(params, page=search_request.page + 1) if search_request.page < pages else None,
        "did_you_mean_query": _querystring(params, q=result.did_you_mean, page=None) if result.did_you_mean else None,
        "filter_groups": filter_groups(search_request, result),
        "range_groups": range_groups(search_request),
    }
    # HTMX asks for the results region only; a history restore needs the whole page.
    partial = (
        request.headers.get("HX-Request") == "true" and request.headers.get("HX-History-Restore-Request") != "true"
    )
    context["partial"] = partial
    template = "search/results.html" if partial else "search/search_page.html"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


def sort_options(search_request: SearchRequest) -> list[dict[str, Any]]:
    """The sorts of the kind searched, with their labels, for the page's select."""
    kind = kinds.by_type(search_request.kind)
    labels = {"relevance": _("Phù hợp nhất"), "date": _("Mới ban hành nhất")}
    labels.update({name: label for name, (label, _clauses) in kind.extra_sorts.items()})
    return [{"value": sort, "label": labels[sort], "selected": sort == search_request.sort} for sort in kind.sorts]


def filter_groups(search_request: SearchRequest, result: SearchResult) -> list[dict[str, Any]]:
    """Options of each filter select of the kind searched: the facet values with their counts
    (the selected value stays listed even with no results). With no query yet, every known
    value, without counts."""
    groups = []
    for facet in kinds.by_type(search_request.kind).facets:
        if not isinstance(facet, Facet):
            continue
        selected = set(search_request.filters.get(facet.name))
        if search_request.query.is_empty:
            options = [
                {"value": v, "label": label, "count": None, "selected": v in selected} for v, label in facet.choices()
            ]
        else:
            options = [
                {"value": f.value, "label": f.label, "count": f.count, "selected": f.value in selected}
                for f in result.facets.get(facet.name) or []
            ]
            listed = {o["value"] for o in options}
            options += [{"value": v, "label": v, "count": 0, "selected": True} for v in sorted(selected - listed)]
        groups.append({"name": facet.name, "label": facet.label, "options": options})
    return groups


def range_groups(search_request: SearchRequest) -> list[dict[str, Any]]:
    """The two number inputs of each range filter of the kind searched (issued from / to)."""
    groups = []
    for facet in kinds.by_type(search_request.kind).facets:
        if isinstance(facet, RangeFacet):
            low, high = search_request.filters.range(facet.name)
            ends = zip(facet.params, ("from", "to"), (facet.from_label, facet.to_label), (low, high), strict=True)
            inputs = [
                {"name": param, "id": f"f-{facet.name}-{end}", "label": label, "value": value}
                for param, end, label, value in ends
            ]
            bounds = {"min": facet.minimum, "max": facet.maximum}
            groups.append({"name": facet.name, "legend": facet.label, **bounds, "inputs": inputs})
    return groups


def suggest_options(request: HttpRequest) -> HttpResponse:
    """``<option>`` elements for the search box's datalist (fetched by HTMX as the user types)."""
    suggestions, _backend = backends.suggest(request.GET.get("q", ""))
    return render(request, "search/suggest_options.html", {"suggestions": suggestions})
