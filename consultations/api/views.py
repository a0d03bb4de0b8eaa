"""The consultation API's views (DRF): thin, they read the request, call the intake or the
queries, and write the answer. The rules are the intake's (consultations/intake/service.py),
the same as the page form's."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework.exceptions import ParseError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from consultations.answers.public import public_answer
from consultations.api import queries, schema
from consultations.api.serializers import (
    CommentStatusSerializer,
    ConsultationDetailSerializer,
    ConsultationListSerializer,
    ReceiptSerializer,
    present_consultation,
    present_opinions,
)
from consultations.intake import errors as msg
from consultations.intake.api_keys import check_key
from consultations.intake.service import Submission, submit
from consultations.models import ConsultationComment
from consultations.receipts import normalize_receipt_number
from regulations.api_errors import ErrorSerializer, bilingual, error_response
from regulations.legaltext.normalize import clean_characters

API_KEY_HEADER = "X-Api-Key"
BAD_PARAMETERS = _("Tham số không hợp lệ")
NOT_FOUND = _("Không tìm thấy")


def field_messages(errors: dict[str, list]) -> dict[str, str]:
    """The intake's errors as the API names them: one line per field, each message in both
    languages (a refusal that is not about one field is reported under `body`)."""
    return {
        ("body" if name == msg.NON_FIELD else name): " ".join(bilingual(message) for message in messages)
        for name, messages in errors.items()
    }


MAX_ID = 2**63 - 1


def page_id(value: str) -> int | None:
    """A path's consultation id, or None if it cannot be one (then 404)."""
    if not value.isascii() or not value.isdigit() or len(value) > 19:
        return None
    number = int(value)
    return number if 1 <= number <= MAX_ID else None


def not_found(what: str) -> Response:
    return error_response(NOT_FOUND, {what: _("Không có đối tượng này.")}, status=404)


class PublicAPIView(APIView):
    authentication_classes: list[type] = []
    permission_classes: list[type] = []


class ConsultationListAPIView(PublicAPIView):
    """Consultations on drafts, soonest closing first."""

    @extend_schema(
        operation_id="consultations_list",
        parameters=schema.LIST_PARAMETERS,
        responses={200: ConsultationListSerializer, 400: ErrorSerializer},
    )
    def get(self, request: Request) -> Response:
        params, errors = schema.read_list_parameters(request.query_params)
        if errors:
            return error_response(BAD_PARAMETERS, errors, schema.LIST_ALLOWED)
        now = timezone.now()
        found = queries.filtered(queries.consultations(now), params["status"], params["agency"], params["field"], now)
        count = found.count()
        start = (params["page"] - 1) * params["size"]
        page = list(found[start : start + params["size"]])
        return Response(
            ConsultationListSerializer(
                {"count": count, "results": [present_consultation(c, request) for c in page]}
            ).data
        )


class ConsultationDetailAPIView(PublicAPIView):
    """One consultation, with its commentable articles (or sections) and its questions."""

    @extend_schema(
        operation_id="consultations_retrieve",
        parameters=schema.ID_PARAMETERS,
        responses={200: ConsultationDetailSerializer, 404: ErrorSerializer},
    )
    def get(self, request: Request, consultation_id: str) -> Response:
        from consultations.units import commentable_units

        number = page_id(consultation_id)
        now = timezone.now()
        page = queries.consultations(now).filter(pk=number).first() if number else None
        if page is None:
            return not_found("id")
        counts = queries.unit_comment_counts(page)
        units = commentable_units(page.version) if page.version_id else []
        data = present_consultation(page, request)
        data["articles"] = [
            {"id": unit.pk, "number": unit.label, "title": unit.heading, "comment_count": counts.get(unit.pk, 0)}
            for unit in units
        ]
        data["questions"] = [{"text": q.text, "note": q.note} for q in page.questions.all()]
        data["council_opinions"] = present_opinions(page)
        return Response(ConsultationDetailSerializer(data).data)


def _text(value: Any) -> str:
    return clean_characters(value) if isinstance(value, str) else ""


class CommentCreateAPIView(PublicAPIView):
    """Send a comment on a draft, as a whole (`article_id` null) or on one article, with an
    API key. The same rules as the page's form; the comment is received at once."""

    @extend_schema(
        operation_id="consultations_comments_create",
        parameters=schema.ID_PARAMETERS,
        auth=[{schema.SECURITY_SCHEME: []}],
        request={"application/json": schema.COMMENT_BODY},
        responses={
            200: OpenApiResponse(
                ReceiptSerializer, description="A repeat: the first comment's receipt; nothing stored."
            ),
            201: OpenApiResponse(ReceiptSerializer, description="Received: its receipt number."),
            400: OpenApiResponse(ErrorSerializer, description="Bad fields, each named (vi / en)."),
            401: OpenApiResponse(ErrorSerializer, description="No API key, or a wrong or revoked one."),
            404: OpenApiResponse(ErrorSerializer, description="No such consultation."),
            409: OpenApiResponse(ErrorSerializer, description="The consultation is closed or not yet open."),
            429: OpenApiResponse(
                ErrorSerializer, description="Too many comments: try again after Retry-After seconds."
            ),
        },
        examples=[OpenApiExample("A business on one article", value=schema.COMMENT_EXAMPLE, request_only=True)],
    )
    def post(self, request: Request, consultation_id: str) -> Response:
        number = page_id(consultation_id)
        key = check_key(request.headers.get(API_KEY_HEADER))
        if key is None:
            response = error_response(
                _("Cần khóa API hợp lệ"),
                {API_KEY_HEADER: _("Thiếu khóa API, hoặc khóa sai hay đã bị thu hồi.")},
                status=401,
            )
            response["WWW-Authenticate"] = API_KEY_HEADER
            return response
        try:
            body = request.data
        except ParseError:
            body = None
        if not isinstance(body, dict):
            return error_response(msg.TITLE_INVALID, {"body": _("Nội dung phải là một đối tượng JSON.")})
        fields, errors = schema.read_comment_body(body)
        if errors:
            return error_response(msg.TITLE_INVALID, errors, schema.COMMENT_ALLOWED)
        if number is None:
            return not_found("consultation_id")
        submission = Submission(
            consultation_id=number,
            text=fields["text"],
            commenter_type=fields["commenter_type"],
            article_id=fields["article_id"],
            organization=_text(fields["organization"]),
            tax_code=_text(fields["tax_code"]),
            sector=fields["sector"],
            size=fields["size"],
            idempotency_key=_text(fields["idempotency_key"]),
            user=key.user,
            api_key=key,
            ip=request.META.get("REMOTE_ADDR", ""),
        )
        try:
            outcome = submit(submission)
        except msg.Unknown:
            return not_found("consultation_id")
        except msg.NotOpen as refused:
            return error_response(msg.TITLE_NOT_OPEN, {"consultation": refused.message}, status=409)
        except msg.TooMany as refused:
            response = error_response(msg.TITLE_TOO_MANY, {API_KEY_HEADER: refused.message}, status=429)
            response["Retry-After"] = str(refused.retry_after)
            return response
        except msg.Invalid as refused:
            return error_response(msg.TITLE_INVALID, field_messages(refused.errors), schema.COMMENT_ALLOWED)
        comment = outcome.comment
        return Response(
            ReceiptSerializer({"receipt_number": comment.receipt_number, "status": comment.status}).data,
            status=201 if outcome.created else 200,
        )


class CommentStatusAPIView(PublicAPIView):
    """Where a comment stands, by its receipt number (mã tiếp nhận)."""

    @extend_schema(
        operation_id="comments_retrieve",
        parameters=schema.RECEIPT_PARAMETERS,
        responses={200: CommentStatusSerializer, 404: ErrorSerializer},
    )
    def get(self, request: Request, receipt_number: str) -> Response:
        number = normalize_receipt_number(receipt_number)
        comment = (
            ConsultationComment.objects.filter(receipt_number=number)
            .values("pk", "receipt_number", "consultation_id", "provision_id", "status", "received_at")
            .first()
            if number
            else None
        )
        if comment is None:
            return not_found("receipt_number")
        return Response(
            CommentStatusSerializer(
                {
                    "receipt_number": comment["receipt_number"],
                    "consultation_id": comment["consultation_id"],
                    "article_id": comment["provision_id"],
                    "status": comment["status"],
                    "received_at": comment["received_at"],
                    "answer": public_answer(comment["pk"]),
                }
            ).data
        )
