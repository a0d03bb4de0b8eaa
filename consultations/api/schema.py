"""The consultation API's parameters and request body: what the schema states and what the
views accept are defined once, here."""

from __future__ import annotations

import re
from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter

from consultations.intake.errors import interpolate
from consultations.intake.service import IDEMPOTENCY_MAX, max_chars
from consultations.intake.text import DEFAULT_MAX_CHARS
from consultations.models import BusinessSize, CommenterType, ConsultationStatus, Sector

SECURITY_SCHEME = "ApiKey"
# The security scheme the comment API declares (portal/settings/base.py appends it to the schema).
SECURITY_COMPONENT = {
    SECURITY_SCHEME: {
        "type": "apiKey",
        "in": "header",
        "name": "X-Api-Key",
        "description": "A key bound to a registered account: `python manage.py create_api_key USERNAME`.",
    }
}
DEFAULT_SIZE = 20
MAX_SIZE = 100
MAX_PAGE = 1000
SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
_SLUG = re.compile(SLUG)
LIST_ALLOWED = {"status": list(ConsultationStatus.values)}
COMMENT_ALLOWED = {
    "commenter_type": list(CommenterType.values),
    "sector": list(Sector.values),
    "size": list(BusinessSize.values),
}


def _slug_schema() -> dict[str, Any]:
    return {"type": "string", "pattern": SLUG, "maxLength": 100}


LIST_PARAMETERS = [
    OpenApiParameter(
        "status",
        OpenApiTypes.STR,
        enum=list(ConsultationStatus.values),
        description="upcoming (sắp mở), open (đang lấy ý kiến), closed (đã đóng), synthesising (đang tổng hợp), "
        "published (đã công bố kết quả).",
    ),
    OpenApiParameter("agency", _slug_schema(), description="Lead agency slug (e.g. bo-cong-thuong); unknown: none."),
    OpenApiParameter("field", _slug_schema(), description="Field (lĩnh vực) slug; unknown: none."),
    OpenApiParameter("page", {"type": "integer", "minimum": 1, "maximum": MAX_PAGE}, description="Default 1."),
    OpenApiParameter(
        "size", {"type": "integer", "minimum": 1, "maximum": MAX_SIZE}, description=f"Default {DEFAULT_SIZE}."
    ),
]

ID_PARAMETERS = [
    OpenApiParameter(
        "consultation_id",
        {"type": "integer", "minimum": 1, "maximum": 2**63 - 1},
        OpenApiParameter.PATH,
        description="The consultation's id (`id` in the list).",
    )
]
RECEIPT_PARAMETERS = [
    OpenApiParameter(
        "receipt_number",
        {"type": "string", "minLength": 1, "maxLength": 40},
        OpenApiParameter.PATH,
        description="Mã tiếp nhận, e.g. TV-2026-048213-7K3Q (lower case, spaces, O for 0 accepted).",
    )
]


def _integer(value: str, low: int, high: int) -> int | None:
    if not re.fullmatch(r"[0-9]{1,6}", value):
        return None
    number = int(value)
    return number if low <= number <= high else None


def read_list_parameters(params: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    """The list's filters and page, and the message of each bad one (vi / en by gettext)."""
    values: dict[str, Any] = {"status": None, "agency": None, "field": None, "page": 1, "size": DEFAULT_SIZE}
    errors: dict[str, Any] = {}
    status = params.get("status")
    if status is not None:
        if status in ConsultationStatus.values:
            values["status"] = status
        else:
            errors["status"] = _("Trạng thái không hợp lệ.")
    for name in ("agency", "field"):
        value = params.get(name)
        if value is not None:
            if len(value) <= 100 and _SLUG.match(value):
                values[name] = value
            else:
                errors[name] = _("Giá trị phải là đường dẫn (slug) gồm chữ thường không dấu, số và dấu gạch ngang.")
    for name, high in (("page", MAX_PAGE), ("size", MAX_SIZE)):
        value = params.get(name)
        if value is not None:
            number = _integer(value, 1, high)
            if number is None:
                errors[name] = interpolate(_("Phải là số nguyên từ 1 đến %(high)s."), high=high)
            else:
                values[name] = number
    return values, errors


def _string(max_length: int, description: str, nullable: bool = True) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "string", "maxLength": max_length, "description": description}
    if nullable:
        schema["nullable"] = True
    return schema


COMMENT_BODY: dict[str, Any] = {
    "type": "object",
    "required": ["text", "commenter_type"],
    "properties": {
        "article_id": {
            "type": "integer",
            "nullable": True,
            "description": "An `articles[].id` of the consultation; null or absent: the draft as a whole.",
        },
        "text": {
            "type": "string",
            "minLength": 1,
            "maxLength": DEFAULT_MAX_CHARS,
            "description": f"The comment, plain text (HTML is kept as text), at most {DEFAULT_MAX_CHARS:,} "
            "characters, not only whitespace.",
        },
        "commenter_type": {"type": "string", "enum": list(CommenterType.values)},
        "organization": _string(255, "Required for business, association and agency."),
        "tax_code": _string(
            20,
            "Mã số thuế, required for a business: 10 digits, or 13 for a branch (0100109106-001 or "
            "0100109106001); the check digit is verified.",
        ),
        "sector": {"type": "string", "enum": list(Sector.values), "description": "VSIC 2018 section letter."},
        "size": {"type": "string", "enum": list(BusinessSize.values), "description": "NĐ 80/2021 size."},
        "idempotency_key": _string(
            IDEMPOTENCY_MAX,
            "Sent again with the same key from the same account: the first receipt (200), nothing stored.",
        ),
    },
}
COMMENT_EXAMPLE = {
    "article_id": 1234,
    "text": "Đề nghị bỏ yêu cầu nộp bản sao chứng thực tại khoản 2, vì đã có cơ sở dữ liệu quốc gia.",
    "commenter_type": "business",
    "organization": "Công ty Cổ phần Sữa Việt Nam",
    "tax_code": "0300588569",
    "idempotency_key": "8d3c6a0e-2f4b-4c1e-9a57-1b2c3d4e5f60",
}

_NOT_STRING = _("Phải là chuỗi ký tự.")


def read_comment_body(body: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The body's fields by type; the intake checks what they say. Unknown fields are ignored."""
    errors: dict[str, Any] = {}
    fields: dict[str, Any] = {}
    article = body.get("article_id")
    if article is not None and (isinstance(article, bool) or not isinstance(article, int)):
        errors["article_id"] = _("Phải là số nguyên (id của điều trong danh sách articles) hoặc null.")
        article = None
    fields["article_id"] = article
    text = body.get("text")
    if not isinstance(text, str):
        errors["text"] = _("Nhập nội dung góp ý (chuỗi ký tự).")
    elif len(text) > 5 * max_chars():
        errors["text"] = _("Nội dung góp ý quá dài.")
    fields["text"] = text if isinstance(text, str) else ""
    for name, choices in COMMENT_ALLOWED.items():
        value = body.get(name)
        if name != "commenter_type" and value is None:
            fields[name] = ""
            continue
        if not isinstance(value, str) or value not in choices:
            errors[name] = _("Giá trị không hợp lệ; xem danh sách trong «allowed».")
        fields[name] = value if isinstance(value, str) else ""
    for name in ("organization", "tax_code", "idempotency_key"):
        value = body.get(name)
        if value is not None and not isinstance(value, str):
            errors[name] = _NOT_STRING
        fields[name] = value if isinstance(value, str) else ""
    return fields, errors
