"""The synthesis page and its files (/tham-van/tong-hop/<id>/ and .docx, .xlsx, .csv).

Public once published; before that the owning agency's staff see it as a preview (so they see
what is missing), and everyone else gets 404. The files are generated from the answers when
asked (consultations.synthesis.collect: a fixed number of queries)."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET

from consultations import access
from consultations.answers.queries import unanswered
from consultations.models import ConsultationPage, Synthesis
from consultations.synthesis import collect, docx_layout, tables

FILES = {
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", docx_layout.render),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", tables.render_xlsx),
    "csv": ("text/csv; charset=utf-8", tables.render_csv),
}


def _visible(request: HttpRequest, consultation_id: int) -> tuple[ConsultationPage, Synthesis | None]:
    consultation = get_object_or_404(ConsultationPage.objects.live().public(), pk=consultation_id)
    synthesis = Synthesis.objects.filter(consultation=consultation).first()
    if synthesis is None and not access.can_answer(request.user, consultation):
        raise Http404("Bản tổng hợp chưa được công bố.")
    return consultation, synthesis


@require_GET
def synthesis_page(request: HttpRequest, consultation_id: int) -> HttpResponse:
    consultation, synthesis = _visible(request, consultation_id)
    report = collect.build(consultation, synthesis)
    context = {
        "consultation": consultation,
        "synthesis": synthesis,
        "report": report,
        "waiting": unanswered(consultation.comments.all()).count() if synthesis is None else 0,
        "may_publish": synthesis is None and access.can_approve_answers(request.user, consultation),
    }
    response = TemplateResponse(request, "consultations/synthesis/synthesis_page.html", context)
    if synthesis is None:
        response["X-Robots-Tag"] = "noindex"
    return response


@require_GET
def synthesis_file(request: HttpRequest, consultation_id: int, extension: str) -> HttpResponse:
    if extension not in FILES:
        raise Http404
    consultation, synthesis = _visible(request, consultation_id)
    content_type, render = FILES[extension]
    response = HttpResponse(render(collect.build(consultation, synthesis)), content_type=content_type)
    name = f"tong-hop-y-kien-{consultation.slug}{'' if synthesis else '-xem-truoc'}.{extension}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def file_url(consultation: ConsultationPage, extension: str) -> str:
    from django.urls import reverse

    return reverse("consultations_synthesis:file", args=[consultation.pk, extension])
