"""The search API: ``GET /api/v1/search`` and ``GET /api/v1/search/suggest``.

Bad input never reaches OpenSearch and never gives a 500:

* ``q`` empty (or only spaces, control or zero-width characters): 200 with ``count`` 0 and no
  results. ``q`` longer than 1,000 characters is cut, with a note in ``warnings``. Quotes pair
  into phrases; an unpaired quote and Lucene syntax (``( * ~ \\ / : [``) are plain text.
* ``size`` outside 1–100, ``page`` below 1 or not a number, ``page × size`` beyond 10,000,
  ``year_from``/``year_to`` outside 1945–2100 or reversed, an unknown ``type``/``sort``, and an
  unknown or malformed ``agency``/``field``/``doc_type``/``status`` value: 400 with
  ``{"error", "errors": {param: message}, "allowed": {param: [values]}}`` (messages in
  Vietnamese and English; ``allowed`` lists the accepted values of enumerated parameters).
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from search import backends
from search.query import (
    DEFAULT_PAGE_SIZE,
    MAX_PAGE_SIZE,
    MAX_QUERY_CHARS,
    InvalidSearch,
    parse_request,
)


class HitSerializer(serializers.Serializer):
    type = serializers.ChoiceField(choices=["article", "document"])
    id = serializers.IntegerField(help_text="Provision id (article) or page id (document).")
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


class FacetValueSerializer(serializers.Serializer):
    value = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField()


class SearchResponseSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    backend = serializers.ChoiceField(choices=[backends.OPENSEARCH, backends.DATABASE])
    results = HitSerializer(many=True, source="hits")
    facets = serializers.DictField(
        child=FacetValueSerializer(many=True),
        help_text="Counts per value for agency, field, doc_type, status and year. Each facet "
        "counts with every filter applied except its own.",
    )
    did_you_mean = serializers.CharField(required=False, help_text="Only when there are no results.")
    warnings = serializers.ListField(child=serializers.CharField(), required=False)

    def to_representation(self, instance: Any) -> dict[str, Any]:
        data = super().to_representation(instance)
        for optional in ("did_you_mean", "warnings"):
            if not data.get(optional):
                data.pop(optional, None)
        return data


class ErrorSerializer(serializers.Serializer):
    error = serializers.CharField()
    errors = serializers.DictField(child=serializers.CharField())
    allowed = serializers.DictField(child=serializers.ListField(child=serializers.CharField()))


class SuggestionSerializer(serializers.Serializer):
    text = serializers.CharField()
    url = serializers.CharField()


class SuggestResponseSerializer(serializers.Serializer):
    suggestions = SuggestionSerializer(many=True)


def _filter_parameter(name: str, description: str) -> OpenApiParameter:
    return OpenApiParameter(name, OpenApiTypes.STR, description=description + " Repeat for several values.", many=True)


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
        enum=["article", "document"],
        description="What to search: articles (default) or documents.",
    ),
    _filter_parameter("agency", "Issuing agency slug."),
    _filter_parameter("field", "Field (lĩnh vực) slug."),
    _filter_parameter("doc_type", "Document type (luat, nghi-dinh, thong-tu...)."),
    _filter_parameter("status", "Legal status (con-hieu-luc, het-hieu-luc...)."),
    OpenApiParameter("year_from", OpenApiTypes.INT, description="Issued from this year (1945–2100)."),
    OpenApiParameter("year_to", OpenApiTypes.INT, description="Issued up to this year (1945–2100)."),
    OpenApiParameter("sort", OpenApiTypes.STR, enum=["relevance", "date"]),
    OpenApiParameter("page", OpenApiTypes.INT, description="Page number, from 1."),
    OpenApiParameter(
        "size",
        OpenApiTypes.INT,
        description=f"Results per page, 1–{MAX_PAGE_SIZE} (default {DEFAULT_PAGE_SIZE}); "
        "larger values are refused with 400.",
    ),
]


def bad_request(exc: InvalidSearch) -> Response:
    return Response(
        {
            "error": "Tham số tìm kiếm không hợp lệ / invalid search parameters",
            "errors": exc.errors,
            "allowed": exc.allowed,
        },
        status=400,
    )


class SearchAPIView(APIView):
    """Search articles or documents."""

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
        try:
            search_request = parse_request(request.query_params, backends.vocabulary())
        except InvalidSearch as exc:
            return bad_request(exc)
        result = backends.search(search_request)
        return Response(SearchResponseSerializer(result).data)


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
