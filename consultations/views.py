"""The comment intake's pages: the form's POST (and its HTMX partial), the e-mail confirmation
link, and the receipt (biên nhận) with its look-up form. Thin: the rules are in
consultations/intake/."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from consultations.answers.public import public_answer
from consultations.intake import errors as msg
from consultations.intake.confirmation import confirm
from consultations.intake.forms import CommentForm
from consultations.intake.service import submit
from consultations.intake.tokens import BadToken, read_token
from consultations.models import CommentStatus, ConsultationComment, ConsultationPage
from consultations.receipts import normalize_receipt_number
from consultations.templatetags.consultation_comments import initial_values

FORM_TEMPLATE = "consultations/includes/comment_form_body.html"


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def _render_form(request: HttpRequest, page: ConsultationPage, form: CommentForm, status: int) -> HttpResponse:
    """The form with its errors: alone for HTMX, else on the consultation's own page (with the
    refusal's status). HTMX swaps only successful answers, so its partial comes with 200 and the
    refusal's status in the `X-Refused-Status` header."""
    if _is_htmx(request):
        response = TemplateResponse(request, FORM_TEMPLATE, {"page": page, "form": form, "open": True})
        response["X-Refused-Status"] = str(status)
        return response
    context = page.get_context(request)
    context["comment_form"] = form
    return TemplateResponse(request, page.get_template(request), context, status=status)


@require_POST
def submit_comment(request: HttpRequest, consultation_id: int) -> HttpResponse:
    page = get_object_or_404(ConsultationPage.objects.live().public(), pk=consultation_id)
    form = CommentForm(page, request.POST, request.FILES, user=request.user)
    if not form.is_valid():
        return _render_form(request, page, form, 400)
    try:
        outcome = submit(form.submission(request))
    except msg.Unknown:
        raise Http404 from None
    except msg.NotOpen as refused:
        form.add_error(None, refused.message)
        return _render_form(request, page, form, 409)
    except msg.TooMany as refused:
        form.add_error(None, refused.message)
        response = _render_form(request, page, form, 429)
        response["Retry-After"] = str(refused.retry_after)
        return response
    except msg.Invalid as refused:
        form.show_refusal(refused.errors)
        return _render_form(request, page, form, 400)
    comment = outcome.comment
    if comment.status == CommentStatus.UNCONFIRMED:
        context = {"page": page, "comment": comment, "repeat": not outcome.created}
        template = "consultations/comment_unconfirmed.html"
        if _is_htmx(request):
            template = "consultations/includes/comment_unconfirmed_body.html"
        return TemplateResponse(request, template, context)
    target = comment_receipt_url(comment)
    if _is_htmx(request):
        response = HttpResponse(status=204)
        response["HX-Redirect"] = target
        return response
    return redirect(target)


def comment_receipt_url(comment: ConsultationComment) -> str:
    from django.urls import reverse

    return reverse("consultations:receipt", args=[comment.receipt_number]) + "?moi=1"


@require_GET
def comment_form(request: HttpRequest, consultation_id: int) -> HttpResponse:
    """The form alone (HTMX), with the unit (?muc=<anchor>) or the comment replied to (?tra-loi=<id>)."""
    page = get_object_or_404(ConsultationPage.objects.live().public(), pk=consultation_id)
    form = CommentForm(page, initial=initial_values(page, request), user=request.user)
    return TemplateResponse(request, FORM_TEMPLATE, {"page": page, "form": form, "open": page.is_open()})


def confirm_comment(request: HttpRequest, token: str) -> HttpResponse:
    """The link of the confirmation e-mail: the comment is received now, then its receipt."""
    try:
        comment_id = read_token(token)
    except BadToken as bad:
        return TemplateResponse(request, "consultations/confirm_failed.html", {"expired": bad.expired}, status=400)
    comment = confirm(comment_id, timezone.now())
    if comment is None:
        return TemplateResponse(request, "consultations/confirm_failed.html", {"expired": False}, status=404)
    return redirect(comment_receipt_url(comment))


@require_GET
def receipt_lookup(request: HttpRequest) -> HttpResponse:
    typed = request.GET.get("ma", "").strip()
    context: dict = {"typed": typed}
    if typed:
        number = normalize_receipt_number(typed)
        if number is None:
            context["problem"] = "malformed"
        elif (
            ConsultationComment.objects.filter(receipt_number=number).exclude(status=CommentStatus.UNCONFIRMED).exists()
        ):
            return redirect("consultations:receipt", receipt_number=number)
        else:
            context["problem"] = "unknown"
    return TemplateResponse(request, "consultations/receipt_lookup.html", context, status=404 if typed else 200)


@require_GET
def receipt(request: HttpRequest, receipt_number: str) -> HttpResponse:
    number = normalize_receipt_number(receipt_number)
    if number is None:
        return redirect(f"/tham-van/bien-nhan/?ma={receipt_number[:40]}")
    if number != receipt_number:
        return redirect("consultations:receipt", receipt_number=number)
    comment = (
        ConsultationComment.objects.select_related("consultation", "provision")
        .filter(receipt_number=number)
        .exclude(status=CommentStatus.UNCONFIRMED)
        .first()
    )
    if comment is None:
        return TemplateResponse(
            request, "consultations/receipt_lookup.html", {"typed": number, "problem": "unknown"}, status=404
        )
    return TemplateResponse(
        request,
        "consultations/receipt.html",
        {
            "comment": comment,
            "consultation": comment.consultation,
            "new": request.GET.get("moi") == "1",
            "answer": public_answer(comment),
        },
    )
