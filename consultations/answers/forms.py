from django import forms
from django.utils.translation import gettext_lazy as _

from consultations.answers.actions import MAX_TEXT_LENGTH
from consultations.models import Disposition


class AnswerForm(forms.Form):
    disposition = forms.ChoiceField(
        label=_("Cách xử lý"),
        choices=Disposition.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Chọn cách xử lý góp ý: tiếp thu, tiếp thu một phần hoặc giải trình.")},
    )
    text = forms.CharField(
        label=_("Nội dung tiếp thu, giải trình"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=MAX_TEXT_LENGTH,
        error_messages={"required": _("Nhập nội dung tiếp thu, giải trình.")},
    )


class SendBackForm(forms.Form):
    note = forms.CharField(
        label=_("Lý do trả lại"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Nêu lý do trả lại để người soạn sửa.")},
    )
