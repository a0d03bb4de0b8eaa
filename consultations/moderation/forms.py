"""The moderator's forms in the admin queue."""

from django import forms
from django.utils.translation import gettext_lazy as _

from consultations.models import HideReason


class NoteForm(forms.Form):
    """Approve or restore: an optional note for the log."""

    note = forms.CharField(
        label=_("Ghi chú cho nhật ký"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Không hiện trên trang công khai."),
    )


class HideForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Lý do ẩn"),
        choices=HideReason.choices,
        widget=forms.RadioSelect,
        help_text=_("Trang công khai hiện «đã ẩn: <lý do>» thay cho nội dung; góp ý vẫn được tính."),
    )
    note = forms.CharField(
        label=_("Giải thích"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Ghi vào nhật ký. Với «lý do khác», nội dung này là lý do hiện trên trang (tối đa 240 ký tự)."),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("reason") == HideReason.OTHER:
            note = " ".join(cleaned.get("note", "").split())
            if not note:
                self.add_error("note", _("Với «lý do khác», hãy viết lý do sẽ hiện trên trang."))
            elif len(note) > 240:
                self.add_error("note", _("Lý do hiện trên trang tối đa 240 ký tự."))
        return cleaned
