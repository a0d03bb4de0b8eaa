"""The public calculator, /chi-phi-tuan-thu/tinh-chi-phi/: a business's own yearly cost of a
procedure, and what the reduction plan saves it (compliance_cost.model.calculator).

A GET form (nothing is stored): the procedure (a published cost profile), and optionally the
business's own person-hours per dossier, hourly wage and dossiers a year; a field left empty
takes the profile's figure. Numbers are read the Vietnamese way ("43.750", "1,5") or plainly
("43750", "1.5"); a bad one is named next to its field, in Vietnamese, within the model's bounds.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from compliance_cost import costing
from compliance_cost.model import bounds
from compliance_cost.model.calculator import OwnInputs, OwnResult
from compliance_cost.model.errors import describe
from compliance_cost.models import CostProfile, PlanItem
from compliance_cost.models.plans import ItemAction

_THOUSANDS = re.compile(r"^\d{1,3}(\.\d{3})+$")


def parse_number(text: str) -> Decimal | None:
    """ "43.750" → 43750, "1,5" → 1.5, "1.234,5" → 1234.5, "1.5" → 1.5; None when not a number."""
    text = text.strip().replace(" ", "").replace("\u00a0", "")
    if "," in text and "." in text:
        text = text.replace(".", "").replace(",", ".")
    elif "," in text:
        text = text.replace(",", ".")
    elif _THOUSANDS.match(text):
        text = text.replace(".", "")
    if not re.fullmatch(r"[+-]?\d+(\.\d+)?", text):
        return None
    try:
        return Decimal(text)
    except InvalidOperation:  # pragma: no cover - the pattern above admits only numbers
        return None


class BoundedNumber(forms.CharField):
    """A number within one of the model's bounds, with the bound's Vietnamese wording."""

    def __init__(self, bound: bounds.Bound, **kwargs: Any) -> None:
        self.bound = bound
        super().__init__(required=False, max_length=40, **kwargs)

    def clean(self, value: Any) -> Decimal | None:
        text = super().clean(value)
        if not text:
            return None
        vi, _en = describe(self.bound)
        number = parse_number(text)
        if number is None:
            raise forms.ValidationError(f"Phải nhập số, không phải chữ: {vi}.")
        if not self.bound.admits(number):
            raise forms.ValidationError(f"Giá trị {text} không hợp lệ: {vi}.")
        return number


def profiles() -> list[CostProfile]:
    return list(
        CostProfile.objects.scored()
        .select_related("procedure", "regulation")
        .order_by("procedure__name", "regulation__title", "pk")
    )


class CalculatorForm(forms.Form):
    profile = forms.TypedChoiceField(
        label=_("Thủ tục, quy định"),
        coerce=int,
        error_messages={
            "required": _("Chọn thủ tục hoặc quy định cần tính."),
            "invalid_choice": _("Thủ tục này không có trong danh sách; chọn lại."),
        },
    )
    hours = BoundedNumber(
        bounds.HOURS,
        label=_("Số giờ làm việc cho mỗi hồ sơ (tổng số giờ của mọi người)"),
        help_text=_("Để trống để dùng số giờ của hồ sơ chi phí."),
    )
    wage = BoundedNumber(
        bounds.HOURLY_VALUE,
        label=_("Chi phí một giờ làm việc của doanh nghiệp (đồng)"),
        help_text=_("Tiền lương và các khoản theo lương của một giờ; để trống để dùng thu nhập bình quân."),
    )
    per_year = BoundedNumber(
        bounds.PER_YEAR,
        label=_("Số hồ sơ mỗi năm"),
        help_text=_("Ví dụ 12 cho báo cáo hằng tháng; để trống để dùng tần suất của hồ sơ chi phí."),
    )

    def __init__(self, *args: Any, choices: list[CostProfile], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["profile"].choices = [("", _("— Chọn —")), *((p.pk, p.subject_title) for p in choices)]


def after_profile_for(profile: CostProfile) -> tuple[PlanItem | None, CostProfile | None]:
    """The latest plan item about this regulation or procedure (plans not withdrawn), and its
    after profile if it has one."""
    items = (
        PlanItem.objects.filter(plan__withdrawn=False).select_related("plan").order_by("-plan__year", "-plan_id", "-pk")
    )
    if profile.procedure_id:
        items = items.filter(procedure_id=profile.procedure_id)
    else:
        items = items.filter(regulation_id=profile.regulation_id, procedure__isnull=True)
    item = items.first()
    if item is None:
        return None, None
    after = CostProfile.objects.filter(plan_item=item).prefetch_related("steps", "costs").first()
    return item, after


def calculator_context(params: Any) -> dict[str, Any]:
    choices = profiles()
    form = CalculatorForm(params or None, choices=choices)
    context: dict[str, Any] = {"form": form, "result": None, "profile": None, "item": None}
    if not params or not form.is_valid():
        return context
    by_id = {p.pk: p for p in choices}
    profile = by_id[form.cleaned_data["profile"]]
    item, after = after_profile_for(profile)
    inputs = OwnInputs(
        hours=form.cleaned_data["hours"], hourly_wage=form.cleaned_data["wage"], per_year=form.cleaned_data["per_year"]
    )
    abolished = item is not None and after is None and item.action == ItemAction.ABOLISH
    result: OwnResult = costing.own_result(profile, after, inputs, abolished=abolished)
    defaults = [name for name in ("hours", "wage", "per_year") if form.cleaned_data[name] is None]
    context.update(profile=profile, item=item, result=result, defaults_used=defaults, abolished=abolished)
    return context
