"""Follow pages (thin; the changes are in `actions`):

- POST /theo-doi/ — follow or unfollow (form fields `kind`, `target`, `action`, `next`); with
  HTMX the button alone comes back, without it a redirect to `next` with a message. Signed
  out: a redirect to sign-in with a message, nothing stored;
- /tai-khoan/theo-doi/ — the signed-in person's follows, each with its button, and "all off";
- /theo-doi/huy/<token>/ — an e-mail's unsubscribe link: GET asks (a mail scanner opening the
  link changes nothing), POST does it (also RFC 8058's one-click POST from a mail client, which
  carries no CSRF token: the signed token is the credential).
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from consultations.follows import actions
from consultations.follows.buttons import button_context
from consultations.follows.tokens import BadUnsubscribeLink, read_token
from consultations.models import DigestState, Follow, FollowKind

BUTTON_TEMPLATE = "consultations/follows/button.html"


def _is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


def _safe_next(request, value: str | None) -> str:
    if value and url_has_allowed_host_and_scheme(value, {request.get_host()}, request.is_secure()):
        return value
    return reverse("consultations_follows:mine") if request.user.is_authenticated else "/tham-van/"


def _private(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "no-store"
    return response


@require_POST
def toggle(request):
    next_url = _safe_next(request, request.POST.get("next"))
    if not request.user.is_authenticated:
        messages.info(
            request,
            _(
                "Hãy đăng nhập (hoặc đăng ký tài khoản) để theo dõi dự thảo, cơ quan, lĩnh vực và nhận thư tóm "
                "tắt hằng ngày. Chưa có gì được lưu."
            ),
        )
        login = f"{reverse('account_login')}?{urlencode({'next': next_url})}"
        if _is_htmx(request):
            response = HttpResponse(status=204)
            response["HX-Redirect"] = login
            return response
        return redirect(login)
    kind = request.POST.get("kind", "")
    action = request.POST.get("action", "")
    try:
        target = actions.resolve_target(kind, request.POST.get("target", ""))
        if action not in ("follow", "unfollow"):
            raise actions.FollowRefused(_("Yêu cầu theo dõi không hợp lệ. Không có gì thay đổi."))
    except actions.FollowRefused as refusal:
        return render(request, "consultations/follows/refused.html", {"message": refusal.message}, status=400)
    name = Follow(**{kind: target}).target_name
    if action == "follow":
        actions.follow(request.user, kind, target)
        message = _("Đang theo dõi «%(name)s». Khi có tin mới, bạn nhận một thư tóm tắt mỗi ngày.") % {"name": name}
    else:
        actions.unfollow(request.user, kind, target)
        message = _("Đã bỏ theo dõi «%(name)s».") % {"name": name}
    if _is_htmx(request):
        context = button_context(request.user, kind, target, next_url, status=message)
        return _private(render(request, BUTTON_TEMPLATE, context))
    messages.success(request, message)
    return redirect(next_url)


@login_required
@require_http_methods(["GET", "POST"])
def my_follows(request):
    """/tai-khoan/theo-doi/: what the person follows; POST `action=unfollow-all` drops all."""
    if request.method == "POST":
        if request.POST.get("action") == "unfollow-all":
            count = Follow.objects.filter(user=request.user).delete()[0]
            messages.success(request, _("Đã bỏ theo dõi tất cả (%(count)s mục).") % {"count": count})
        return redirect("consultations_follows:mine")
    follows = Follow.objects.filter(user=request.user).select_related("consultation", "agency", "field")
    here = request.get_full_path()
    rows = [
        {"follow": follow, "button": button_context(request.user, follow.kind, follow.target, here, following=True)}
        for follow in follows
    ]
    state = DigestState.objects.filter(user=request.user).first()
    return _private(
        render(
            request,
            "consultations/follows/my_follows.html",
            {"rows": rows, "state": state, "kinds": FollowKind},
        )
    )


@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token: str):
    try:
        link = read_token(token)
    except BadUnsubscribeLink as error:
        message = (
            _("Đường dẫn hủy theo dõi này đã hết hạn. Không có gì thay đổi.")
            if error.expired
            else _("Đường dẫn hủy theo dõi không hợp lệ (có thể đã bị sửa hoặc chép thiếu). Không có gì thay đổi.")
        )
        return _private(
            render(request, "consultations/follows/unsubscribe_invalid.html", {"message": message}, status=400)
        )
    if request.method == "POST":
        names = actions.unsubscribe(link)
        return _private(
            render(
                request, "consultations/follows/unsubscribe_done.html", {"names": names, "everything": link.everything}
            )
        )
    follows = Follow.objects.filter(user_id=link.user_id).select_related("consultation", "agency", "field")
    if not link.everything:
        follows = follows.filter(pk=link.follow_id)
    return _private(
        render(
            request,
            "consultations/follows/unsubscribe.html",
            {"follows": list(follows), "everything": link.everything, "token": token},
        )
    )
