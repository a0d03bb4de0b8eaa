"""The one page the staff's consultation screens (answers, syntheses, comment groups, the
Council's workspace) show when the person may not do what they asked: the reason, in Vietnamese,
and a way back; status 403, nothing of the object shown."""

from __future__ import annotations

from django.template.response import TemplateResponse
from django.urls import reverse


def refused(request, message: str, back_url_name: str, back_label: str) -> TemplateResponse:
    return TemplateResponse(
        request,
        "consultations/admin/refused.html",
        {"message": message, "back_url": reverse(back_url_name), "back_label": back_label},
        status=403,
    )
