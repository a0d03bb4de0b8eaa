"""Account pages of the portal's own (allauth's are mounted in urls.py): the account page, and a
person's data — see it, download it (JSON), erase it — signed in, or through a link e-mailed to
a commenter without an account. Thin: the data comes from portal.accounts.personal_data."""

import json

from allauth.account.decorators import reauthentication_required
from django import forms
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from consultations.personal_data import comments_of_email
from portal.accounts import personal_data
from portal.accounts.mails import send_personal_data_link

LINK_EVERY = 10 * 60  # seconds: one link per address in ten minutes


@login_required
def overview(request):
    """/tai-khoan/: the signed-in person's account: e-mail, password, their data."""
    return render(
        request,
        "accounts/overview.html",
        {"staff": request.user.is_staff, "staff_account": personal_data.is_staff_account(request.user)},
    )


def _json_download(data: dict, filename: str) -> HttpResponse:
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


def _private(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "no-store"
    return response


@login_required
def my_data(request):
    """/tai-khoan/du-lieu/: everything the portal holds about the signed-in person."""
    data = personal_data.account_data(request.user)
    return _private(render(request, "accounts/my_data.html", {"data": data, "json_url": reverse("accounts:data_json")}))


@login_required
def my_data_json(request):
    return _json_download(personal_data.account_data(request.user), "du-lieu-ca-nhan.json")


class ConfirmErasureForm(forms.Form):
    confirm = forms.BooleanField(
        label=gettext_lazy("Tôi hiểu: dữ liệu cá nhân bị xóa vĩnh viễn; các góp ý đã gửi vẫn được giữ, ẩn danh."),
        error_messages={"required": gettext_lazy("Hãy đánh dấu ô này để xác nhận.")},
    )


@login_required
@require_http_methods(["GET", "POST"])
def erase_account(request):
    """/tai-khoan/xoa/: erase the account and anonymise its comments (password asked again).
    Staff accounts are the agency's to close."""
    if personal_data.is_staff_account(request.user):
        return render(request, "accounts/erase_staff.html", status=403)
    return _erase_account(request)


@reauthentication_required(allow_get=True)
def _erase_account(request):
    form = ConfirmErasureForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        kept = personal_data.erase_account(request.user)
        logout(request)
        messages.success(
            request,
            _("Tài khoản và dữ liệu cá nhân của bạn đã bị xóa; %(count)s góp ý được giữ lại, ẩn danh.")
            % {"count": kept},
        )
        return redirect("/")
    count = len(personal_data.account_data(request.user)["comments"])
    return render(request, "accounts/erase_account.html", {"form": form, "comment_count": count})


# ---- a commenter without an account ----------------------------------------------------------


class LinkRequestForm(forms.Form):
    email = forms.EmailField(
        label=gettext_lazy("Địa chỉ thư điện tử bạn đã dùng khi góp ý"),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


@require_http_methods(["GET", "POST"])
def request_link(request):
    """/du-lieu-ca-nhan/: e-mail a link to one's comments (the same answer whether or not the
    address has any, so nobody learns who commented)."""
    form = LinkRequestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        throttle = f"personal-data-link:{personal_data.key_for_email(email)}"
        if comments_of_email(email).exists() and cache.add(throttle, 1, LINK_EVERY):
            if not send_personal_data_link(request, email, personal_data.link_token(email)):
                cache.delete(throttle)
                messages.error(request, _("Hiện không gửi được thư điện tử. Vui lòng thử lại sau ít phút."))
                return render(request, "accounts/data_link_request.html", {"form": form})
        return render(request, "accounts/data_link_sent.html", {"email": email})
    return render(request, "accounts/data_link_request.html", {"form": form})


@require_http_methods(["GET"])
def commenter_data(request, token: str):
    key = personal_data.key_from_token(token)
    if key is None:
        return render(request, "accounts/data_link_invalid.html", status=400)
    data = personal_data.commenter_data(key)
    return _private(
        render(
            request,
            "accounts/commenter_data.html",
            {
                "data": data,
                "token": token,
                "json_url": reverse("personal_data_json", args=[token]),
                "form": ConfirmErasureForm(),
            },
        )
    )


@require_http_methods(["GET"])
def commenter_data_json(request, token: str):
    key = personal_data.key_from_token(token)
    if key is None:
        return render(request, "accounts/data_link_invalid.html", status=400)
    return _json_download(personal_data.commenter_data(key), "du-lieu-gop-y.json")


@require_http_methods(["POST"])
def erase_commenter(request, token: str):
    key = personal_data.key_from_token(token)
    if key is None:
        return render(request, "accounts/data_link_invalid.html", status=400)
    form = ConfirmErasureForm(request.POST)
    if not form.is_valid():
        data = personal_data.commenter_data(key)
        return render(
            request,
            "accounts/commenter_data.html",
            {"data": data, "token": token, "json_url": reverse("personal_data_json", args=[token]), "form": form},
            status=400,
        )
    kept = personal_data.erase_commenter(key)
    return render(request, "accounts/commenter_erased.html", {"count": kept})
