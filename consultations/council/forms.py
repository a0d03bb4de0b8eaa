"""The workspace's forms. Field names are the ones docs/consultations.md lists for scripts and
browser tests; the rules themselves are in actions.py and opinions.py."""

from django import forms
from django.utils.translation import gettext_lazy as _

from consultations.models import Priority
from consultations.models.council import NOTE_MAX_LENGTH
from regulations.roles import council_members


class IssueForm(forms.Form):
    priority = forms.TypedChoiceField(
        label=_("Mức ưu tiên"),
        choices=Priority.choices,
        coerce=int,
        error_messages={"invalid_choice": _("Mức ưu tiên không hợp lệ.")},
    )
    tags = forms.CharField(
        label=_("Nhãn"),
        required=False,
        max_length=1000,
        help_text=_("Cách nhau bằng dấu phẩy, ví dụ: giấy phép con, chi phí tuân thủ."),
    )


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("Ghi chú nội bộ (chỉ thành viên Hội đồng đọc được)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=NOTE_MAX_LENGTH,
        error_messages={"required": _("Nhập nội dung ghi chú.")},
    )


class MemberChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.get_username()


class OpinionForm(forms.Form):
    title = forms.CharField(
        label=_("Tiêu đề"),
        required=False,
        max_length=255,
        help_text=_("Để trống: «Ý kiến độc lập của Hội đồng tư vấn cải cách thủ tục hành chính về …»."),
    )
    text = forms.CharField(
        label=_("Nội dung ý kiến độc lập"),
        widget=forms.Textarea(attrs={"rows": 12}),
        error_messages={"required": _("Nhập nội dung ý kiến.")},
    )
    given_on = forms.DateField(
        label=_("Ngày ý kiến"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        error_messages={"required": _("Nhập ngày ý kiến."), "invalid": _("Ngày không hợp lệ (ngày/tháng/năm).")},
    )
    signers = MemberChoiceField(
        label=_("Thành viên Hội đồng ký"),
        queryset=council_members().order_by(
            "first_name", "last_name", "username"
        ),  # by given name, as Vietnamese lists are
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Chọn ít nhất một thành viên Hội đồng ký ý kiến."),
            "invalid_choice": _("Người ký phải là thành viên Hội đồng tư vấn."),
            "invalid_pk_value": _("Người ký phải là thành viên Hội đồng tư vấn."),
        },
    )
