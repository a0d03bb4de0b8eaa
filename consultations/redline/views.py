"""The differences between two versions of a consultation's draft, unit by unit, with the
comments that follow each unit (/tham-van/so-sanh/<id>/?tu=1&den=2).

Public for a live consultation; only the draft's published versions are compared. Without
parameters the newest version is compared with the one before it. A version that is not the
draft's gets a clear message (status 400), never a guess."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from consultations.models import ConsultationComment, ConsultationPage
from consultations.redline.presenting import changes_for_page
from consultations.revisions import Redlines, comments_by_change, versions_of
from regulations.models import DocumentVersion

FROM_PARAM, TO_PARAM = "tu", "den"


def _chosen(
    request: HttpRequest, versions: list[DocumentVersion]
) -> tuple[DocumentVersion | None, DocumentVersion | None, str]:
    by_number = {str(version.number): version for version in versions}
    asked_from = request.GET.get(FROM_PARAM, "").strip()
    asked_to = request.GET.get(TO_PARAM, "").strip()
    new = by_number.get(asked_to) if asked_to else versions[-1]
    old = by_number.get(asked_from) if asked_from else (versions[-2] if len(versions) > 1 else None)
    if (asked_to and new is None) or (asked_from and old is None):
        return None, None, _("Dự thảo không có phiên bản này. Hãy chọn trong danh sách các phiên bản.")
    if old is not None and new is not None and old.pk == new.pk:
        return None, None, _("Hãy chọn hai phiên bản khác nhau để so sánh.")
    return old, new, ""


@require_GET
def redline_page(request: HttpRequest, consultation_id: int) -> HttpResponse:
    consultation = get_object_or_404(ConsultationPage.objects.live().public(), pk=consultation_id)
    versions = versions_of(consultation)
    context: dict = {
        "consultation": consultation,
        "versions": versions,
        "from_param": FROM_PARAM,
        "to_param": TO_PARAM,
        "error": "",
        "changes": [],
        # What the form shows chosen: the versions compared, or what was asked when refused.
        "chosen_from": request.GET.get(FROM_PARAM, "").strip(),
        "chosen_to": request.GET.get(TO_PARAM, "").strip(),
    }
    status = 200
    if len(versions) < 2:
        context["error"] = _("Dự thảo này chưa có phiên bản sửa đổi để so sánh.")
    else:
        old, new, error = _chosen(request, versions)
        if error:
            context["error"], status = error, 400
        else:
            assert old is not None and new is not None
            if old.number > new.number:
                old, new = new, old
            redlines = Redlines()
            found = redlines.between(old, new)
            comments = list(
                ConsultationComment.objects.filter(consultation=consultation)
                .shown()
                .select_related("version")
                .order_by("received_at", "pk")
            )
            attached = comments_by_change(found, comments, redlines)
            context.update(
                chosen_from=str(old.number),
                chosen_to=str(new.number),
                old=old,
                new=new,
                redline=found.redline,
                changes=changes_for_page(found.redline, attached),
            )
    return TemplateResponse(request, "consultations/redline/page.html", context, status=status)
