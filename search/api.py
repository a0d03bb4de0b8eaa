"""The search API: ``GET /api/v1/search`` and ``GET /api/v1/search/suggest``.

Bad input never reaches OpenSearch and never gives a 500:

* ``q`` empty (or only spaces, control or zero-width characters): 200 with ``count`` 0 and no
  results. ``q`` longer than 1,000 characters is cut, with a note in ``warnings``. Quotes pair
  into phrases; an unpaired quote and Lucene syntax (``( * ~ \\ / : [``) are plain text.
* ``year_to`` before ``year_from``: 200 with no results and a note in ``warnings``.
* An empty parameter other than ``q`` (``sort=``), or a value with spaces around it: 400.
* ``size`` outside 1–100, ``page`` outside 1–100 or not a number, ``year_from``/``year_to``
  outside 1945–2100, an unknown ``type``/``sort``, an unknown or malformed (or more than 20)
  ``agency``/``field``/``doc_type``/``status`` value, and a filter the kind asked for does not
  have: 400 with
  ``{"error", "errors": {param: message}, "allowed": {param: [values]}}`` (messages in
  Vietnamese and English; ``allowed`` lists the accepted values of enumerated parameters).

The types and the filters are those of the registered kinds (search/kinds/). The schema
(``/api/v1/schema/``) states the same bounds and the accepted filter values, and schemathesis
checks it against a running server (tests/portal/test_api_schema.py).
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from regulations.api_errors import ErrorSerializer, error_response
from search import backends, kinds
from search.facets import Facet, RangeFacet
from search.query import MAX_QUERY_CHARS
from search.request import (
    DEFAULT_PAGE_SIZE,
    MAX_FILTER_VALUES,
    MAX_PAGE,
    MAX_PAGE_SIZE,
    InvalidSearch,
    all_sorts,
    parse_request,
)
from search.results import DATABASE, OPENSEARCH, Hit, SearchResult


class ReplacedBySerializer(serializers.Serializer):
    title = serializers.CharField(help_text="The law in force, e.g. 'Luật Đầu tư số 143/2025/QH15'.")
    number = serializers.CharField(allow_null=True, help_text="Its number; null while it is not confirmed.")
    effective_date = serializers.DateField(source="in_force_from", help_text="In force from this date.")


class HitSerializer(serializers.Serializer):
    type = serializers.ChoiceField(choices=kinds.types(), help_text="The kind of result (`type=`).")
    id = serializers.IntegerField(help_text="Provision id (article), page id (document) or cost profile id (cost).")
    external_id = serializers.CharField(
        allow_null=True,
        help_text="The article's import id (corpus id such as 91-2015-qh13_art321); null for documents.",
    )
    document_number = serializers.CharField(help_text="Số hiệu, e.g. 24/2012/NĐ-CP.")
    article_number = serializers.CharField(allow_null=True, help_text="Điều number; null for documents.")
    title = serializers.CharField()
    url = serializers.CharField()
    score = serializers.FloatField(
        allow_null=True,
        help_text="Relevance score; null for a cited article/document pinned at rank 1.",
    )
    highlight = serializers.CharField(
        help_text="HTML excerpt of the text as published (with diacritics); matches in <mark>, the rest escaped."
    )
    details = serializers.DictField(
        help_text="Kind-specific facts: for type=cost, `grade` (A–E) and `annual_cost` (đồng a year, a number "
        "or null); empty for the other kinds."
    )
    replaced_by = ReplacedBySerializer(
        allow_null=True,
        help_text="For a cited law pinned at rank 1 that has been replaced: the law that replaced it "
        "(a law cited by name whose version in force is not in the portal lands on the newest one that is).",
    )


class FacetValueSerializer(serializers.Serializer):
    value = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField()


class SearchResponseSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    backend = serializers.ChoiceField(choices=[OPENSEARCH, DATABASE])
    results = HitSerializer(many=True, source="hits")
    facets = serializers.DictField(
        child=FacetValueSerializer(many=True),
        help_text="Counts per value for agency, field, doc_type, status and year. Each facet "
        "counts with every filter applied except its own.",
    )
    did_you_mean = serializers.CharField(
        required=False,
        help_text="'Có phải bạn muốn tìm': for a query typed without diacritics, its likeliest reading with "
        "them (searched too); else, only when there are no results, a corrected query.",
    )
    warnings = serializers.ListField(child=serializers.CharField(), required=False)

    def to_representation(self, instance: Any) -> dict[str, Any]:
        data = super().to_representation(instance)
        for optional in ("did_you_mean", "warnings"):
            if not data.get(optional):
                data.pop(optional, None)
        return data


def _hit_payload(hit: Hit) -> dict[str, Any]:
    replaced = hit.replaced_by
    return {
        "type": hit.type,
        "id": int(hit.id),
        "external_id": None if hit.external_id is None else str(hit.external_id),
        "document_number": str(hit.document_number),
        "article_number": None if hit.article_number is None else str(hit.article_number),
        "title": str(hit.title),
        "url": str(hit.url),
        "score": None if hit.score is None else float(hit.score),
        "highlight": str(hit.highlight),
        "details": dict(hit.details),
        "replaced_by": None
        if replaced is None
        else {
            "title": str(replaced.title),
            "number": None if replaced.number is None else str(replaced.number),
            "effective_date": replaced.in_force_from.isoformat(),
        },
    }


def search_payload(result: SearchResult) -> dict[str, Any]:
    """What ``SearchResponseSerializer(result).data`` gives, built directly: the serializer
    states the schema (drf-spectacular), this is what a request runs (a tenth of the time;
    tests/search/test_api.py checks that both agree)."""
    data: dict[str, Any] = {
        "count": int(result.count),
        "backend": result.backend,
        "results": [_hit_payload(hit) for hit in result.hits],
        "facets": {
            str(name): [{"value": str(v.value), "label": str(v.label), "count": int(v.count)} for v in values]
            for name, values in result.facets.items()
        },
    }
    if result.did_you_mean:
        data["did_you_mean"] = str(result.did_you_mean)
    if result.warnings:
        data["warnings"] = [str(warning) for warning in result.warnings]
    return data


class SuggestionSerializer(serializers.Serializer):
    text = serializers.CharField()
    url = serializers.CharField()


class SuggestResponseSerializer(serializers.Serializer):
    suggestions = SuggestionSerializer(many=True)


VOCABULARY_EXTENSION = "x-vocabulary"


def _integer(minimum: int, maximum: int) -> dict[str, Any]:
    return {"type": "integer", "minimum": minimum, "maximum": maximum}


def _filter_parameters() -> list[OpenApiParameter]:
    """One parameter per facet of the registered kinds (two for a range). A keyword filter is
    repeatable; its accepted values are filled in by `add_vocabularies` below."""
    parameters = []
    for facet in kinds.all_facets():
        types = [kind.type for kind in kinds.all_kinds() if facet.name in {f.name for f in kind.facets}]
        applies = f" Applies to type={' or '.join(types)}; with another type it is refused with 400."
        if isinstance(facet, RangeFacet):
            start, end = facet.params
            bounds = _integer(facet.minimum, facet.maximum)
            for name, description in zip(facet.params, facet.descriptions, strict=True):
                text = f"{description} ({facet.minimum}–{facet.maximum})."
                if name == end:
                    text += f" Before {start}: no results, with a warning."
                parameters.append(OpenApiParameter(name, bounds, description=text + applies))
        else:
            parameters.append(
                OpenApiParameter(
                    facet.name,
                    {"type": "array", "items": {"type": "string"}, "maxItems": MAX_FILTER_VALUES},
                    description=f"{facet.description} Repeat for several values (at most {MAX_FILTER_VALUES}); "
                    "an unknown value is refused with 400." + applies,
                    style="form",
                    explode=True,
                    extensions={VOCABULARY_EXTENSION: facet.name},
                )
            )
    return parameters


def add_vocabularies(result: dict[str, Any], generator: Any, request: Any, public: bool) -> dict[str, Any]:
    """drf-spectacular post-processing hook: the values each filter accepts, as the API checks
    them (agencies and fields from the database when the schema is served)."""
    facets = {facet.name: facet for facet in kinds.all_facets() if isinstance(facet, Facet)}
    vocabulary = backends.vocabulary()
    for path in result.get("paths", {}).values():
        for operation in path.values():
            for parameter in operation.get("parameters", []):
                name = parameter.pop(VOCABULARY_EXTENSION, None)
                values = vocabulary.allowed(facets[name]) if name in facets else None
                if values is not None:
                    parameter["schema"]["items"]["enum"] = sorted(values)
    return result


SEARCH_PARAMETERS = [
    OpenApiParameter(
        "q",
        OpenApiTypes.STR,
        description=f'Query, with or without diacritics; "quoted phrases"; citations such as '
        f"'Điều 11 NĐ 24/2012' put the cited article first. Cut to {MAX_QUERY_CHARS} characters.",
    ),
    OpenApiParameter(
        "type",
        OpenApiTypes.STR,
        enum=kinds.types(),
        description=f"What to search: {', '.join(kinds.types())} (default {kinds.DEFAULT_TYPE}). "
        "A filter applies only to the kinds that have it.",
    ),
    *_filter_parameters(),
    OpenApiParameter(
        "sort",
        OpenApiTypes.STR,
        enum=all_sorts(),
        description="relevance (default); date (newest first: articles, documents); cost (most expensive first: "
        "cost profiles). A sort the kind does not have is refused with 400.",
    ),
    OpenApiParameter("page", _integer(1, MAX_PAGE), description=f"Page number, 1–{MAX_PAGE} (default 1)."),
    OpenApiParameter(
        "size",
        _integer(1, MAX_PAGE_SIZE),
        description=f"Results per page, 1–{MAX_PAGE_SIZE} (default {DEFAULT_PAGE_SIZE}).",
    ),
]


def blank_parameters(params: Any) -> InvalidSearch | None:
    """The API takes each value as sent: an empty value, or one with spaces around it, is refused
    (except ``q``), so that what the schema accepts is exactly what the API accepts. (The search
    page's form sends empty fields; it reads them as absent, search/views.py.)"""
    errors = {
        key: "Giá trị rỗng hoặc có khoảng trắng thừa; hãy bỏ tham số này đi / "
        "empty value or surrounding spaces: leave the parameter out."
        for key, values in params.lists()
        if key != "q" and any(not value or value != value.strip() for value in values)
    }
    return InvalidSearch(errors, {}) if errors else None


def bad_request(exc: InvalidSearch) -> Response:
    return error_response("Tham số tìm kiếm không hợp lệ / invalid search parameters", exc.errors, exc.allowed)


class SearchAPIView(APIView):
    """Search one kind of content: articles, documents (search/kinds/)."""

    authentication_classes: list[type] = []
    permission_classes: list[type] = []

    @extend_schema(
        operation_id="search",
        parameters=SEARCH_PARAMETERS,
        responses={200: SearchResponseSerializer, 400: ErrorSerializer},
        examples=[
            OpenApiExample(
                "Bad size",
                value={
                    "error": "Tham số tìm kiếm không hợp lệ / invalid search parameters",
                    "errors": {
                        "size": "Số kết quả mỗi trang phải từ 1 đến 100 / size must be an integer from 1 to 100."
                    },
                    "allowed": {},
                },
                response_only=True,
                status_codes=["400"],
            )
        ],
    )
    def get(self, request: Request) -> Response:
        blank = blank_parameters(request.query_params)
        if blank:
            return bad_request(blank)
        try:
            search_request = parse_request(request.query_params, backends.vocabulary(prefetch=True))
        except InvalidSearch as exc:
            return bad_request(exc)
        return Response(search_payload(backends.search(search_request)))


class SuggestAPIView(APIView):
    """Suggestions as the user types (article headings and document titles)."""

    authentication_classes: list[type] = []
    permission_classes: list[type] = []

    @extend_schema(
        operation_id="search_suggest",
        parameters=[OpenApiParameter("q", OpenApiTypes.STR, description="What the user has typed so far.")],
        responses={200: SuggestResponseSerializer},
    )
    def get(self, request: Request) -> Response:
        suggestions, _backend = backends.suggest(request.query_params.get("q", ""))
        return Response(SuggestResponseSerializer({"suggestions": suggestions}).data)
