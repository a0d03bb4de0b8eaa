"""The comment form on a consultation's page. It only reads what was typed; the rules are the
intake's (service.py), and its refusals are shown at their fields (`show_refusal`)."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from consultations.intake import errors as msg
from consultations.intake.service import Submission, max_chars
from consultations.models import BusinessSize, CommenterType, ConsultationPage, Sector
from consultations.units import commentable_units

WHOLE_DRAFT = ""


def unit_choices(page: ConsultationPage) -> list[tuple[str, str]]:
    units = commentable_units(page.version) if page.version_id else []
    return [(WHOLE_DRAFT, str(_("Cả dự thảo (góp ý chung)")))] + [
        (str(unit.pk), (unit.citation or unit.title_line)[:120]) for unit in units
    ]


class CommentForm(forms.Form):
    article_id = forms.TypedChoiceField(label=_("Góp ý cho"), required=False, coerce=int, empty_value=None)
    parent_id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    commenter_type = forms.ChoiceField(
        label=_("Bạn góp ý với tư cách"),
        choices=CommenterType.choices,
        initial=CommenterType.INDIVIDUAL,
        widget=forms.RadioSelect,
    )
    name = forms.CharField(label=_("Họ và tên"), required=False, max_length=200)
    email = forms.CharField(
        label=_("Thư điện tử"),
        required=False,
        max_length=254,
        help_text=_("Để xác nhận góp ý và nhận mã tiếp nhận; không bao giờ công khai."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    show_name = forms.BooleanField(label=_("Đồng ý công khai họ tên của tôi cùng góp ý"), required=False)
    organization = forms.CharField(label=_("Tên tổ chức"), required=False, max_length=1000)
    tax_code = forms.CharField(
        label=_("Mã số thuế"),
        required=False,
        max_length=40,
        help_text=_("10 chữ số, hoặc 13 chữ số với chi nhánh (0100109106-001)."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    sector = forms.ChoiceField(label=_("Ngành kinh doanh"), required=False, choices=[("", "—")] + list(Sector.choices))
    size = forms.ChoiceField(label=_("Quy mô"), required=False, choices=[("", "—")] + list(BusinessSize.choices))
    text = forms.CharField(label=_("Nội dung góp ý"), required=False, widget=forms.Textarea(attrs={"rows": 8}))
    attachment = forms.FileField(
        label=_("Tệp đính kèm (không bắt buộc)"),
        required=False,
        help_text=_("Một tệp PDF hoặc DOCX, tối đa 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx"}),
    )
    idempotency_key = forms.CharField(required=False, max_length=100, widget=forms.HiddenInput)
    # A field people do not see (hidden by CSS, skipped by keyboard and screen readers): a
    # robot that fills every field gives itself away.
    website = forms.CharField(
        label=_("Để trống ô này"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, page: ConsultationPage, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.page = page
        self.user = user if user is not None and user.is_authenticated else None
        self.fields["article_id"].choices = unit_choices(page)
        self.fields["text"].help_text = _("Tối đa %(limit)s ký tự.") % {"limit": f"{max_chars():,}"}
        self.fields["text"].widget.attrs["maxlength"] = str(max_chars())
        if not self.is_bound:
            self.initial.setdefault("idempotency_key", uuid.uuid4().hex)
        if self.user is not None:
            del self.fields["name"], self.fields["email"]
        for name in self.fields:
            self._describe(name)

    def _describe(self, name: str) -> None:
        """Tie each input to its hint and its errors (aria-describedby, aria-invalid)."""
        field = self.fields.get(name)
        if field is None:
            return
        auto_id = self[name].auto_id
        ids = [f"{auto_id}-hint"] if field.help_text else []
        if self._errors and name in self._errors:
            ids.append(f"{auto_id}-error")
            field.widget.attrs["aria-invalid"] = "true"
        if ids:
            field.widget.attrs["aria-describedby"] = " ".join(ids)

    def add_error(self, field: str | None, error: Any) -> None:
        super().add_error(field, error)
        names = [field] if field else list(getattr(error, "error_dict", {}) or [])
        for name in names:
            self._describe(name)

    def submission(self, request: HttpRequest) -> Submission:
        data = self.cleaned_data
        return Submission(
            consultation_id=self.page.pk,
            text=data.get("text") or "",
            commenter_type=data.get("commenter_type") or "",
            article_id=data.get("article_id"),
            parent_id=data.get("parent_id"),
            organization=data.get("organization") or "",
            tax_code=data.get("tax_code") or "",
            sector=data.get("sector") or "",
            size=data.get("size") or "",
            name=data.get("name") or "",
            email=data.get("email") or "",
            show_name=bool(data.get("show_name")),
            attachment=data.get("attachment") or None,
            idempotency_key=data.get("idempotency_key") or "",
            honeypot=data.get("website") or "",
            user=self.user,
            ip=request.META.get("REMOTE_ADDR", ""),
        )

    def show_refusal(self, errors: dict[str, list]) -> None:
        """Put the intake's messages at their fields (the rest above the form)."""
        for name, messages in errors.items():
            target = name if name in self.fields and name != "website" else None
            if name == msg.NON_FIELD:
                target = None
            for message in messages:
                self.add_error(target, message)
