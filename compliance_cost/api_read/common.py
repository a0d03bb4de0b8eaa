"""What the open-data endpoints share: parameters, pages, the 400 answer, the schema base view."""

from __future__ import annotations

import re
from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from regulations.api_errors import ErrorSerializer, error_response
from regulations.models import Agency

DEFAULT_SIZE = 100
MAX_SIZE = 1000
MAX_PAGE = 10**6
KINDS = ("regulation", "procedure")
ERROR_TITLE = "Tham số không hợp lệ / invalid parameters"


def bad_request(errors: dict[str, str], allowed: dict[str, list[str]] | None = None) -> Response:
    return error_response(ERROR_TITLE, errors, allowed)


class Params:
    """The query parameters of a list, each checked; every error named at once."""

    def __init__(self, request: Request, known: tuple[str, ...]) -> None:
        self.query = request.query_params
        self.errors: dict[str, str] = {}
        self.allowed: dict[str, list[str]] = {}
        for key in self.query:
            if key not in known:
                self.errors[key] = f"Tham số không được hỗ trợ / unknown parameter (accepted: {', '.join(known)})"

    def integer(self, key: str, default: int, low: int, high: int) -> int:
        raw = self.query.get(key)
        if raw is None:
            return default
        if not raw.isdigit() or not low <= int(raw) <= high:
            self.errors[key] = f"Phải là số nguyên từ {low} đến {high} / must be an integer from {low} to {high}"
            return default
        return int(raw)

    def choice(self, key: str, choices: list[str]) -> str | None:
        raw = self.query.get(key)
        if raw is None:
            return None
        if raw not in choices:
            self.errors[key] = f"Giá trị không hợp lệ / unknown value: {raw[:40]!r}"
            self.allowed[key] = choices
            return None
        return raw


def page_of(queryset: QuerySet[Any], page: int, size: int, request: Request) -> tuple[int, list[Any], dict[str, Any]]:
    count = queryset.count()
    rows = list(queryset[(page - 1) * size : page * size])

    def link(number: int) -> str:
        params = request.query_params.copy()
        params["page"] = str(number)
        params["size"] = str(size)
        return request.build_absolute_uri(f"{request.path}?{params.urlencode()}")

    links = {
        "next": link(page + 1) if page * size < count else None,
        "previous": link(page - 1) if page > 1 and (page - 1) * size < max(count, 1) else None,
    }
    return count, rows, links


PAGE_PARAMETERS = [
    OpenApiParameter("page", {"type": "integer", "minimum": 1, "maximum": MAX_PAGE}, description="Page, from 1."),
    OpenApiParameter(
        "size",
        {"type": "integer", "minimum": 1, "maximum": MAX_SIZE},
        description=f"Results per page, 1–{MAX_SIZE} (default {DEFAULT_SIZE}). Every page can be read: no cap.",
    ),
]
AGENCY_PARAMETER = OpenApiParameter(
    "agency", {"type": "string", "maxLength": 100}, description="Agency slug (an unknown one is refused with 400)."
)
ERRORS = {400: OpenApiResponse(ErrorSerializer, description="Bad parameters, each named (vi / en).")}


SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,99}$")


def _agency_filter(params: Params) -> Agency | None:
    slug = params.query.get("agency")
    if slug is None:
        return None
    agency = Agency.objects.filter(slug=slug).first() if SLUG.match(slug) else None
    if agency is None:
        params.errors["agency"] = f"Không có cơ quan này / unknown agency: {slug[:40]!r}"
    return agency


# ---- agencies ------------------------------------------------------------------------------


class OpenAPIView(APIView):
    authentication_classes: list[type] = []
    permission_classes: list[type] = []
