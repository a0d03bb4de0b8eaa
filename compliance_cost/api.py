"""The compliance cost API: ``POST /api/v1/compliance-cost/calculate`` and ``.../compare``.

Thin views: read the JSON body (numbers kept as ``Decimal``), let the pure model validate and
compute (:mod:`compliance_cost.model`), write the result. The current parameter set of each
method comes from the database in one query. Bad input is a 400 in the search API's format,
``{"error", "errors": {field path: "tiếng Việt / English"}, "allowed": {field path: [values]}}``;
a body that is not JSON is reported under ``body``. Nothing is stored.
"""

from __future__ import annotations

import codecs
from decimal import Decimal
from typing import Any

from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.utils import json
from rest_framework.views import APIView

from compliance_cost import api_schema
from compliance_cost.model import InvalidInput, Method, ParameterSetRef, calculate, compare, parse_calculation
from compliance_cost.model.parsing import parse_comparison
from compliance_cost.models import ParameterSet
from compliance_cost.serializers import (
    CalculationResultSerializer,
    ComparisonResultSerializer,
    present_comparison,
    present_result,
)
from regulations.api_errors import ErrorSerializer, error_response

ERROR_TITLE = "Dữ liệu tính chi phí tuân thủ không hợp lệ / invalid compliance cost input"

EXAMPLE_RECURRING = {
    "steps": [{"name": "Chuẩn bị và nộp hồ sơ", "hours": 2, "persons": 1}],
    "service_cost": 0,
    "fees": [{"name": "Lệ phí", "amount": 500000}],
    "other_costs": [{"name": "Sao y, gửi bưu điện", "amount": 30000}],
    "cost_per_occurrence": None,
    "per_year": 12,
    "every_years": None,
    "first_year": 1,
}
EXAMPLE_BODY = {
    "method": "vn",
    "hourly_value": 43750,
    "overhead_multiplier": 1,
    "subjects": 325000,
    "horizon_years": 1,
    "recurring": EXAMPLE_RECURRING,
    "one_off": {"steps": [], "amount": 0, "year": 1},
}
EXAMPLE_AFTER = {**EXAMPLE_BODY, "recurring": {**EXAMPLE_RECURRING, "per_year": 4}}


class DecimalJSONParser(JSONParser):
    """DRF's JSON parser, with non-integer numbers read as ``Decimal`` (no binary rounding)."""

    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        encoding = (parser_context or {}).get("encoding", "utf-8")
        try:
            decoded = codecs.getreader(encoding)(stream)
            return json.load(decoded, parse_float=Decimal, parse_constant=json.strict_constant)
        except ValueError as exc:
            raise ParseError(f"JSON parse error - {exc}") from exc


def bad_request(errors: dict[str, str], allowed: dict[str, list[str]] | None = None) -> Response:
    return error_response(ERROR_TITLE, errors, allowed)


def current_parameter_sets() -> dict[Method, ParameterSetRef]:
    return ParameterSet.objects.current_by_method()


class CostAPIView(APIView):
    authentication_classes: list[type] = []
    permission_classes: list[type] = []
    parser_classes = [DecimalJSONParser]

    def body(self, request: Request) -> tuple[object, Response | None]:
        try:
            return request.data, None
        except ParseError as exc:
            return None, bad_request({"body": f"Nội dung không phải JSON hợp lệ / the body is not valid JSON: {exc}"})


BAD_INPUT_EXAMPLE = OpenApiExample(
    "Negative hours",
    value={
        "error": ERROR_TITLE,
        "errors": {
            "recurring.steps[0].hours": "Giá trị -2 không hợp lệ: phải là số từ 0 đến 8.760 / "
            "must be a number from 0 to 8,760, not -2"
        },
        "allowed": {},
    },
    response_only=True,
    status_codes=["400"],
)
ERROR_RESPONSES = {
    400: OpenApiResponse(ErrorSerializer, description="Bad input: each field named, in Vietnamese and English."),
    415: OpenApiResponse(description="The body is not application/json."),
}


class CalculateAPIView(CostAPIView):
    """Compute the compliance cost of one regulation or procedure."""

    @extend_schema(
        operation_id="compliance_cost_calculate",
        request={"application/json": api_schema.CALCULATION},
        responses={200: CalculationResultSerializer, **ERROR_RESPONSES},
        examples=[OpenApiExample("Issue example", value=EXAMPLE_BODY, request_only=True), BAD_INPUT_EXAMPLE],
    )
    def post(self, request: Request) -> Response:
        data, error = self.body(request)
        if error is not None:
            return error
        try:
            calculation = parse_calculation(data, current_parameter_sets())
        except InvalidInput as exc:
            return bad_request(exc.errors, exc.allowed)
        return Response(CalculationResultSerializer(present_result(calculate(calculation))).data)


class CompareAPIView(CostAPIView):
    """Compare a regulation's cost before and after a change: the annual saving and the reduction rate."""

    @extend_schema(
        operation_id="compliance_cost_compare",
        request={"application/json": api_schema.COMPARISON},
        responses={200: ComparisonResultSerializer, **ERROR_RESPONSES},
        examples=[
            OpenApiExample(
                "Fewer reports a year",
                value={"before": EXAMPLE_BODY, "after": EXAMPLE_AFTER},
                request_only=True,
            ),
            BAD_INPUT_EXAMPLE,
        ],
    )
    def post(self, request: Request) -> Response:
        data, error = self.body(request)
        if error is not None:
            return error
        try:
            before, after = parse_comparison(data, current_parameter_sets())
        except InvalidInput as exc:
            return bad_request(exc.errors, exc.allowed)
        return Response(ComparisonResultSerializer(present_comparison(compare(before, after))).data)
