"""Parameter sets: the value of an hour of work per method and base year, with its source.

Admins add a new year in the Wagtail admin (Chi phí tuân thủ → Bộ tham số) without a deploy.
The current set of a method is the active one with the newest base year
(:meth:`ParameterSetQuerySet.current`); at most one active set per method and base year.
A set gives its hourly value directly, or the income, months, working days and hours it is
derived from (income ÷ months ÷ days ÷ hours), never both.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, MultiFieldPanel

from compliance_cost.model import Method, ParameterSetRef, derive_hourly_value
from compliance_cost.model import bounds as model_bounds
from compliance_cost.model.errors import format_number
from compliance_cost.panels import DerivationPanel


class CostMethod(models.TextChoices):
    VN = Method.VN.value, _("Việt Nam (thu nhập bình quân, tính cả phí, lệ phí)")
    SCM = Method.SCM.value, _("Mô hình chi phí chuẩn SCM / RBM (tiền lương × hệ số chi phí chung)")


def _range(bound: model_bounds.Bound) -> list[Any]:
    if bound.integer:
        return [MinValueValidator(int(bound.minimum)), MaxValueValidator(int(bound.maximum))]
    return [MinValueValidator(bound.minimum), MaxValueValidator(bound.maximum)]


class ParameterSetQuerySet(models.QuerySet["ParameterSet"]):
    def active(self) -> ParameterSetQuerySet:
        return self.filter(is_active=True)

    def current(self, method: Method | str) -> ParameterSet | None:
        """The active set of ``method`` with the newest base year."""
        value = method.value if isinstance(method, Method) else method
        return self.active().filter(method=value).order_by("-base_year", "-pk").first()

    def current_by_method(self) -> dict[Method, ParameterSetRef]:
        """The current set of every method that has one, in one query."""
        current: dict[Method, ParameterSetRef] = {}
        for parameter_set in self.active().order_by("method", "-base_year", "-pk"):
            current.setdefault(Method(parameter_set.method), parameter_set.as_ref())
        return current


class ParameterSet(models.Model):
    name = models.CharField(_("tên"), max_length=200)
    method = models.CharField(_("phương pháp"), max_length=8, choices=CostMethod.choices)
    base_year = models.PositiveSmallIntegerField(
        _("năm gốc"), validators=_range(model_bounds.BASE_YEAR), help_text=_("Năm của số liệu thu nhập, tiền lương.")
    )
    hourly_value = models.DecimalField(
        _("giá trị một giờ làm việc (đồng)"),
        max_digits=14,
        decimal_places=4,
        null=True,
        blank=True,
        validators=[MaxValueValidator(model_bounds.HOURLY_VALUE.maximum)],
        help_text=_("Nhập trực tiếp, hoặc để trống và nhập thu nhập, số tháng, số ngày và số giờ để tính ra."),
    )
    income = models.DecimalField(
        _("thu nhập (đồng)"),
        max_digits=16,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MaxValueValidator(model_bounds.INCOME.maximum)],
        help_text=_("Thu nhập (tiền lương) bình quân trong số tháng dưới đây, ví dụ 7.700.000 đồng một tháng."),
    )
    income_months = models.PositiveSmallIntegerField(
        _("số tháng của thu nhập"),
        default=1,
        validators=_range(model_bounds.INCOME_MONTHS),
        help_text=_("1 nếu thu nhập tính theo tháng, 12 nếu theo năm."),
    )
    working_days_per_month = models.DecimalField(
        _("số ngày làm việc mỗi tháng"),
        max_digits=4,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MaxValueValidator(model_bounds.DAYS_PER_MONTH.maximum)],
    )
    working_hours_per_day = models.DecimalField(
        _("số giờ làm việc mỗi ngày"),
        max_digits=4,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MaxValueValidator(model_bounds.HOURS_PER_DAY.maximum)],
    )
    overhead_multiplier = models.DecimalField(
        _("hệ số chi phí chung"),
        max_digits=5,
        decimal_places=3,
        default=Decimal(1),
        validators=_range(model_bounds.OVERHEAD_MULTIPLIER),
        help_text=_("1 cho phương pháp Việt Nam; SCM thường dùng 1,25 (cộng thêm 25 phần trăm chi phí chung)."),
    )
    source_citation = models.TextField(
        _("nguồn số liệu"), help_text=_("Cơ quan, ấn phẩm và ngày công bố, ví dụ Tổng cục Thống kê, 06/01/2025.")
    )
    source_url = models.URLField(_("địa chỉ nguồn"), max_length=500, blank=True)
    notes = models.TextField(_("ghi chú"), blank=True)
    is_active = models.BooleanField(
        _("đang áp dụng"),
        default=True,
        help_text=_("Bộ tham số đang áp dụng có năm gốc mới nhất là bộ mặc định của phương pháp."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ParameterSetQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("method"), FieldPanel("base_year"), FieldPanel("is_active")]),
        MultiFieldPanel(
            [
                HelpPanel(
                    _(
                        "Nhập giá trị một giờ trực tiếp, HOẶC thu nhập và thời gian làm việc: "
                        "giá trị một giờ = thu nhập ÷ số tháng ÷ số ngày ÷ số giờ."
                    )
                ),
                FieldPanel("hourly_value"),
                FieldRowPanel(
                    [
                        FieldPanel("income"),
                        FieldPanel("income_months"),
                        FieldPanel("working_days_per_month"),
                        FieldPanel("working_hours_per_day"),
                    ]
                ),
                FieldPanel("overhead_multiplier"),
                DerivationPanel(),
            ],
            heading=_("Giá trị thời gian"),
        ),
        MultiFieldPanel([FieldPanel("source_citation"), FieldPanel("source_url"), FieldPanel("notes")], _("Nguồn")),
    ]

    class Meta:
        ordering = ["method", "-base_year", "-pk"]
        verbose_name = _("bộ tham số chi phí tuân thủ")
        verbose_name_plural = _("bộ tham số chi phí tuân thủ")
        constraints = [
            models.UniqueConstraint(
                fields=["method", "base_year"],
                condition=Q(is_active=True),
                name="compliance_cost_one_active_set_per_method_year",
                violation_error_message=_("Đã có bộ tham số đang áp dụng cho phương pháp và năm gốc này."),
            ),
            models.CheckConstraint(
                condition=(
                    Q(hourly_value__isnull=False, income__isnull=True)
                    | Q(
                        hourly_value__isnull=True,
                        income__isnull=False,
                        working_days_per_month__isnull=False,
                        working_hours_per_day__isnull=False,
                    )
                ),
                name="compliance_cost_hourly_value_or_its_derivation",
            ),
            models.CheckConstraint(
                condition=Q(overhead_multiplier__gte=1), name="compliance_cost_overhead_multiplier_at_least_one"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.method}, {self.base_year})"

    @property
    def is_derived(self) -> bool:
        return self.hourly_value is None

    @property
    def effective_hourly_value(self) -> Decimal | None:
        """The hourly value given, or derived from income ÷ months ÷ days ÷ hours (not rounded)."""
        if self.hourly_value is not None:
            return Decimal(self.hourly_value)
        if self.income is None or self.working_days_per_month is None or self.working_hours_per_day is None:
            return None
        return derive_hourly_value(
            Decimal(self.income),
            Decimal(self.income_months),
            Decimal(self.working_days_per_month),
            Decimal(self.working_hours_per_day),
        )

    def derivation(self) -> str:
        """How the hourly value is obtained, e.g. "7.700.000 ÷ 1 ÷ 22 ÷ 8 = 43.750 đồng/giờ"."""
        value = self.effective_hourly_value
        if value is None:
            return "—"
        shown = format_number(value.quantize(Decimal("0.01")), "vi")
        if not self.is_derived:
            return f"{shown} đồng/giờ"
        parts = [self.income, self.income_months, self.working_days_per_month, self.working_hours_per_day]
        steps = " ÷ ".join(format_number(Decimal(part), "vi") for part in parts)
        return f"{steps} = {shown} đồng/giờ"

    derivation.short_description = _("giá trị một giờ (cách tính)")  # type: ignore[attr-defined]

    def clean(self) -> None:
        super().clean()
        errors: dict[str, Any] = {}
        derivation_parts = {
            "income": self.income,
            "working_days_per_month": self.working_days_per_month,
            "working_hours_per_day": self.working_hours_per_day,
        }
        if self.hourly_value is not None and self.income is not None:
            errors["hourly_value"] = _("Nhập giá trị một giờ hoặc thu nhập để tính ra nó, không nhập cả hai.")
        elif self.hourly_value is None:
            missing = [name for name, value in derivation_parts.items() if value is None]
            for name in missing:
                errors[name] = _("Cần để tính giá trị một giờ (hoặc nhập trực tiếp giá trị một giờ).")
        for name, bound in (
            ("hourly_value", model_bounds.HOURLY_VALUE),
            ("income", model_bounds.INCOME),
            ("working_days_per_month", model_bounds.DAYS_PER_MONTH),
            ("working_hours_per_day", model_bounds.HOURS_PER_DAY),
        ):
            value = getattr(self, name)
            if value is not None and not bound.admits(Decimal(value)) and name not in errors:
                errors[name] = _("Giá trị phải lớn hơn 0 và không quá %(maximum)s.") % {
                    "maximum": format_number(bound.maximum, "vi")
                }
        if not errors:
            derived = self.effective_hourly_value
            if derived is not None and not model_bounds.HOURLY_VALUE.admits(derived):
                errors["income"] = _("Giá trị một giờ tính ra (%(value)s đồng) nằm ngoài giới hạn hợp lý.") % {
                    "value": format_number(derived.quantize(Decimal("0.01")), "vi")
                }
        if errors:
            raise ValidationError(errors)

    def as_ref(self) -> ParameterSetRef:
        """The values the pure model computes with (and records with every figure)."""
        value = self.effective_hourly_value
        if value is None:
            raise ValueError(f"parameter set {self.pk} has no hourly value")
        return ParameterSetRef(
            id=self.pk,
            name=self.name,
            method=Method(self.method),
            base_year=self.base_year,
            hourly_value=value,
            overhead_multiplier=Decimal(self.overhead_multiplier),
            source=self.source_citation,
            url=self.source_url,
        )
