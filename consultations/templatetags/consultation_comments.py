"""The comment form on a consultation's page, and the "Góp ý điều này" action of each article."""

from django import template

from consultations.intake.forms import CommentForm

register = template.Library()


UNIT_PARAM = "muc"  # ?muc=<anchor>: the unit chosen by its "Góp ý điều này" action
REPLY_PARAM = "tra-loi"  # ?tra-loi=<comment id>: a reply


def initial_values(page, request) -> dict:
    """The unit (by its anchor) and the comment replied to, as the page's links name them."""
    initial: dict = {}
    if request is None:
        return initial
    anchor = request.GET.get(UNIT_PARAM, "")
    if anchor and page.version_id:
        unit = page.version.provisions.filter(anchor=anchor[:160]).values_list("pk", flat=True).first()
        if unit is not None:
            initial["article_id"] = unit
    reply = request.GET.get(REPLY_PARAM, "")
    if reply.isdigit():
        initial["parent_id"] = int(reply)
    return initial


@register.inclusion_tag("consultations/includes/comment_form_body.html", takes_context=True)
def comment_form_for(context, page):
    """The form (bound, with its errors, when the page is shown again after a refusal), or the
    notice that replaces it outside the consultation's period."""
    request = context.get("request")
    form = context.get("comment_form")
    is_open = page.is_open()
    if is_open and (form is None or form.page.pk != page.pk):
        user = getattr(request, "user", None)
        form = CommentForm(page, initial=initial_values(page, request), user=user)
    return {
        "page": page,
        "form": form,
        "open": is_open,
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "form_anchor": context.get("form_anchor") or "gop-y-form",
    }
