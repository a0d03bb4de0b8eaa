"""Cost profiles: the compliance cost of one business regulation or administrative procedure.

A profile holds the cost model's inputs, each with its evidence and, when uncertain, a range:
who must comply and how often (profile fields), the steps of one occurrence (``ProfileStep``:
hours × persons) and the money paid (``ProfileCost``: fees, hired services, other costs), and
the one-off costs. Saving it computes the result (compliance_cost/costing.py) with its method's
parameter set and stores it with the set used: per occurrence, per subject per year, per year
in total, with the range; then the score (a grade by cost band and the percentile among all
published profiles, compliance_cost/scores.py).

A profile describes the regulation as it is (``plan_item`` empty: the *current* profile, one per
regulation or procedure) or as a reduction plan's item would leave it (``plan_item`` set: the
*after* profile the plan's saving is computed from). Only published current profiles are
scored, shown and counted.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from compliance_cost.model import bounds as model_bounds
from compliance_cost.model.scoring import GRADES, band_of_grade
from compliance_cost.models.evidence import Evidenced, EvidenceKind, amount_field, check_range, quantity_field
from compliance_cost.models.parameters import CostMethod


class ProfileStatus(models.TextChoices):
    DRAFT = "nhap", _("Bản nháp")
    PUBLISHED = "cong-bo", _("Công bố")


class Phase(models.TextChoices):
    RECURRING = "dinh-ky", _("Mỗi lần thực hiện")
    ONE_OFF = "mot-lan", _("Một lần (chuẩn bị, mua sắm, chuyển đổi)")


class CostCategory(models.TextChoices):
    FEE = "phi-le-phi", _("Phí, lệ phí")
    SERVICE = "dich-vu", _("Thuê dịch vụ")
    OTHER = "khac", _("Chi phí khác (đi lại, sao chụp, chứng thực, dịch thuật, bưu chính, thử nghiệm)")
    ONE_OFF = "mot-lan", _("Chi phí một lần (mua sắm, chuẩn bị)")


YEARS = [MinValueValidator(1), MaxValueValidator(model_bounds.MAX_HORIZON_YEARS)]
SUBJECTS = [MinValueValidator(0), MaxValueValidator(int(model_bounds.SUBJECTS.maximum))]
GRADE_CHOICES = [(grade, f"{grade}: {band_of_grade(grade).label_vi}") for grade in GRADES]


class CostProfileQuerySet(models.QuerySet["CostProfile"]):
    def current(self) -> CostProfileQuerySet:
        return self.filter(plan_item__isnull=True)

    def published(self) -> CostProfileQuerySet:
        return self.filter(status=ProfileStatus.PUBLISHED)

    def scored(self) -> CostProfileQuerySet:
        """Published current profiles with a computed cost: what scores rank and totals add."""
        return self.current().published().filter(annual_total__isnull=False)


class CostProfile(ClusterableModel):
    regulation = models.ForeignKey(
        "regulations.BusinessRegulation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="cost_profiles",
        verbose_name=_("quy định kinh doanh"),
    )
    procedure = models.ForeignKey(
        "regulations.AdministrativeProcedure",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="cost_profiles",
        verbose_name=_("thủ tục hành chính"),
    )
    plan_item = models.OneToOneField(
        "compliance_cost.PlanItem",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="after_profile",
        verbose_name=_("sau khi thực hiện mục phương án"),
        help_text=_(
            "Để trống cho chi phí hiện hành. Chọn một mục của phương án cắt giảm để mô tả chi phí sau cắt giảm."
        ),
    )
    agency = models.ForeignKey(
        "regulations.Agency",
        on_delete=models.PROTECT,
        related_name="cost_profiles",
        editable=False,
        verbose_name=_("cơ quan"),
    )
    status = models.CharField(
        _("trạng thái"), max_length=16, choices=ProfileStatus.choices, default=ProfileStatus.PUBLISHED
    )
    method = models.CharField(_("phương pháp"), max_length=8, choices=CostMethod.choices, default=CostMethod.VN)
    parameter_set = models.ForeignKey(
        "compliance_cost.ParameterSet",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("bộ tham số"),
        help_text=_("Để trống để dùng bộ tham số đang áp dụng của phương pháp (tính lại khi có bộ mới)."),
    )
    horizon_years = models.PositiveSmallIntegerField(_("số năm tính"), default=1, validators=YEARS)

    # Who must comply, and how often.
    subjects = models.PositiveIntegerField(
        _("số đối tượng tuân thủ"),
        null=True,
        blank=True,
        validators=SUBJECTS,
        help_text=_("Số doanh nghiệp, hộ kinh doanh, cá nhân phải tuân thủ."),
    )
    subjects_low = models.PositiveIntegerField(_("thấp nhất"), null=True, blank=True, validators=SUBJECTS)
    subjects_high = models.PositiveIntegerField(_("cao nhất"), null=True, blank=True, validators=SUBJECTS)
    dossiers_per_year = quantity_field(
        _("số hồ sơ mỗi năm"),
        model_bounds.DOSSIERS_PER_YEAR,
        null=True,
        blank=True,
        help_text=_("Theo thống kê hồ sơ: khi nhập, không nhập tần suất (đã là số lần mỗi năm của mọi đối tượng)."),
    )
    dossiers_per_year_low = quantity_field(_("thấp nhất"), model_bounds.DOSSIERS_PER_YEAR, null=True, blank=True)
    dossiers_per_year_high = quantity_field(_("cao nhất"), model_bounds.DOSSIERS_PER_YEAR, null=True, blank=True)
    per_year = quantity_field(
        _("số lần mỗi năm của một đối tượng"),
        model_bounds.PER_YEAR,
        null=True,
        blank=True,
        help_text=_("Ví dụ 12 cho báo cáo hằng tháng, 0,2 cho một lần trong năm năm."),
    )
    per_year_low = quantity_field(_("thấp nhất"), model_bounds.PER_YEAR, null=True, blank=True)
    per_year_high = quantity_field(_("cao nhất"), model_bounds.PER_YEAR, null=True, blank=True)
    every_years = models.PositiveSmallIntegerField(
        _("hoặc: mấy năm một lần"),
        null=True,
        blank=True,
        validators=YEARS,
        help_text=_("Ví dụ 5 cho giấy phép có thời hạn 5 năm."),
    )
    first_year = models.PositiveSmallIntegerField(_("năm bắt đầu"), default=1, validators=YEARS)
    one_off_year = models.PositiveSmallIntegerField(_("năm phát sinh chi phí một lần"), default=1, validators=YEARS)
    volume_evidence_kind = models.CharField(
        _("loại căn cứ về số đối tượng, tần suất"), max_length=24, choices=EvidenceKind.choices, blank=True
    )
    volume_evidence_source = models.CharField(
        _("căn cứ về số đối tượng, tần suất"), max_length=model_bounds.MAX_SOURCE_CHARS, blank=True
    )
    volume_evidence_url = models.URLField(_("địa chỉ căn cứ"), max_length=model_bounds.MAX_SOURCE_CHARS, blank=True)
    notes = models.TextField(_("ghi chú"), blank=True)

    # Computed on save (compliance_cost/costing.py), never typed in.
    computed_at = models.DateTimeField(_("tính lúc"), null=True, editable=False)
    computed_parameter_set = models.ForeignKey(
        "compliance_cost.ParameterSet",
        on_delete=models.PROTECT,
        null=True,
        editable=False,
        related_name="+",
        verbose_name=_("bộ tham số đã dùng"),
    )
    computation_error = models.TextField(editable=False, blank=True)
    hourly_rate = models.DecimalField(max_digits=16, decimal_places=2, null=True, editable=False)
    cost_per_occurrence = models.DecimalField(max_digits=24, decimal_places=4, null=True, editable=False)
    per_subject_annual = models.DecimalField(max_digits=24, decimal_places=4, null=True, editable=False)
    annual_total = models.DecimalField(
        _("chi phí mỗi năm"), max_digits=28, decimal_places=4, null=True, editable=False, db_index=True
    )
    annual_low = models.DecimalField(max_digits=28, decimal_places=4, null=True, editable=False)
    annual_high = models.DecimalField(max_digits=28, decimal_places=4, null=True, editable=False)
    breakdown = models.JSONField(default=dict, editable=False)
    grade = models.CharField(_("hạng"), max_length=1, choices=GRADE_CHOICES, blank=True, editable=False)
    percentile = models.DecimalField(_("phân vị"), max_digits=5, decimal_places=2, null=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CostProfileQuerySet.as_manager()

    panels = [
        HelpPanel(
            _(
                "Chi phí tuân thủ = Σ (số giờ × số người) × giá trị một giờ + thuê dịch vụ + phí, lệ phí + chi phí "
                "khác, nhân với số lần mỗi năm và số đối tượng (hoặc số hồ sơ mỗi năm). Mỗi số liệu ghi căn cứ; "
                "số liệu không chắc chắn ghi thêm mức thấp nhất và cao nhất."
            )
        ),
        MultiFieldPanel(
            [FieldPanel("regulation"), FieldPanel("procedure"), FieldPanel("plan_item")],
            heading=_("Chi phí của"),
        ),
        FieldRowPanel([FieldPanel("status"), FieldPanel("method"), FieldPanel("parameter_set")]),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("subjects"), FieldPanel("subjects_low"), FieldPanel("subjects_high")]),
                FieldRowPanel(
                    [
                        FieldPanel("dossiers_per_year"),
                        FieldPanel("dossiers_per_year_low"),
                        FieldPanel("dossiers_per_year_high"),
                    ]
                ),
                FieldRowPanel([FieldPanel("per_year"), FieldPanel("per_year_low"), FieldPanel("per_year_high")]),
                FieldRowPanel([FieldPanel("every_years"), FieldPanel("first_year"), FieldPanel("horizon_years")]),
                FieldRowPanel([FieldPanel("volume_evidence_kind"), FieldPanel("volume_evidence_source")]),
                FieldPanel("volume_evidence_url"),
            ],
            heading=_("Đối tượng và tần suất"),
        ),
        InlinePanel("steps", heading=_("Các bước (thời gian)"), label=_("bước")),
        InlinePanel("costs", heading=_("Phí, lệ phí và chi phí khác"), label=_("khoản chi")),
        FieldPanel("one_off_year"),
        FieldPanel("notes"),
    ]

    class Meta:
        ordering = ["-annual_total", "pk"]
        verbose_name = _("hồ sơ chi phí tuân thủ")
        verbose_name_plural = _("hồ sơ chi phí tuân thủ")
        constraints = [
            models.CheckConstraint(
                condition=Q(regulation__isnull=False, procedure__isnull=True)
                | Q(regulation__isnull=True, procedure__isnull=False),
                name="cost_profile_of_a_regulation_or_a_procedure",
                violation_error_message=_("Chọn một quy định kinh doanh hoặc một thủ tục hành chính (một trong hai)."),
            ),
            models.UniqueConstraint(
                fields=["regulation"],
                condition=Q(plan_item__isnull=True, regulation__isnull=False),
                name="cost_profile_one_current_per_regulation",
                violation_error_message=_("Quy định này đã có hồ sơ chi phí hiện hành."),
            ),
            models.UniqueConstraint(
                fields=["procedure"],
                condition=Q(plan_item__isnull=True, procedure__isnull=False),
                name="cost_profile_one_current_per_procedure",
                violation_error_message=_("Thủ tục này đã có hồ sơ chi phí hiện hành."),
            ),
        ]
        indexes = [models.Index(fields=["agency", "status"])]

    def __str__(self) -> str:
        suffix = f" — {_('sau cắt giảm')}" if self.plan_item_id else ""
        return f"{self.subject_title}{suffix}"

    # ---- what it is the cost of ------------------------------------------------------------

    @property
    def target(self) -> Any:
        return self.regulation if self.regulation_id else self.procedure

    @property
    def subject_title(self) -> str:
        target = self.target
        if target is None:
            return str(_("(chưa chọn quy định hoặc thủ tục)"))
        return str(getattr(target, "title", None) or getattr(target, "name", ""))

    @property
    def is_current(self) -> bool:
        return self.plan_item_id is None

    def target_agency_id(self) -> int | None:
        target = self.target
        return None if target is None else target.agency_id

    def get_absolute_url(self) -> str:
        if self.regulation_id:
            return reverse("compliance_cost:regulation", args=[self.regulation_id])
        return reverse("compliance_cost:procedure", args=[self.procedure_id])

    # ---- validation --------------------------------------------------------------------------

    def clean(self) -> None:
        super().clean()
        errors: dict[str, Any] = {}
        if bool(self.regulation_id) == bool(self.procedure_id):
            errors["regulation"] = _("Chọn một quy định kinh doanh hoặc một thủ tục hành chính (một trong hai).")
        for name in ("subjects", "dossiers_per_year", "per_year"):
            check_range(errors, name, getattr(self, name), getattr(self, f"{name}_low"), getattr(self, f"{name}_high"))
        if self.per_year is not None and self.per_year <= 0:
            errors.setdefault("per_year", _("Số lần mỗi năm phải lớn hơn 0 (bỏ trống nếu không có chi phí định kỳ)."))
        for name, message in self._schedule_errors().items():
            errors.setdefault(name, message)
        volume = (self.subjects, self.dossiers_per_year, self.per_year, self.every_years)
        if any(value is not None for value in volume) or self.volume_evidence_source.strip():
            if not self.volume_evidence_kind:
                errors["volume_evidence_kind"] = _("Chọn loại căn cứ.")
            if not self.volume_evidence_source.strip():
                errors["volume_evidence_source"] = _("Ghi căn cứ của số đối tượng, tần suất.")
        if self.plan_item_id and self.target is not None:
            item = self.plan_item
            if item is not None and (
                (self.regulation_id and item.regulation_id != self.regulation_id)
                or (self.procedure_id and item.procedure_id not in (None, self.procedure_id))
            ):
                errors["plan_item"] = _("Mục phương án này không thuộc quy định hoặc thủ tục đã chọn.")
        if errors:
            raise ValidationError(errors)

    def _schedule_errors(self) -> dict[str, Any]:
        """The model's rules on who and how often (compliance_cost.model.parsing), checked on the
        form so that a profile the model would refuse is never saved."""
        errors: dict[str, Any] = {}
        if self.per_year is not None and self.every_years is not None:
            errors["every_years"] = _("Nhập số lần mỗi năm hoặc số năm một lần, không nhập cả hai.")
        if self.dossiers_per_year is not None and (self.per_year is not None or self.every_years is not None):
            errors["dossiers_per_year"] = _(
                "Số hồ sơ mỗi năm đã là số lần của mọi đối tượng: bỏ trống số lần mỗi năm và số năm một lần."
            )
        if self.subjects is None and self.dossiers_per_year is None:
            errors["subjects"] = _("Nhập số đối tượng tuân thủ hoặc số hồ sơ mỗi năm.")
        horizon = self.horizon_years
        for name in ("first_year", "one_off_year"):
            year = getattr(self, name)
            if horizon is not None and year is not None and year > horizon:
                errors[name] = _("Năm %(year)s ở sau thời gian tính (%(horizon)s năm).") % {
                    "year": year,
                    "horizon": horizon,
                }
        return errors

    def save(self, *args: Any, **kwargs: Any) -> None:
        agency_id = self.target_agency_id()
        if agency_id is not None:
            self.agency_id = agency_id
        super().save(*args, **kwargs)

    # ---- display -------------------------------------------------------------------------------

    @property
    def band(self) -> Any:
        return band_of_grade(self.grade) if self.grade else None

    @property
    def has_range(self) -> bool:
        return self.annual_low is not None and self.annual_high is not None


class ProfileStep(Evidenced, Orderable):
    """A task of one occurrence (or of the one-off set-up): hours each for a number of persons."""

    profile = ParentalKey(CostProfile, on_delete=models.CASCADE, related_name="steps")
    phase = models.CharField(_("khi nào"), max_length=16, choices=Phase.choices, default=Phase.RECURRING)
    name = models.CharField(_("công việc"), max_length=model_bounds.MAX_NAME_CHARS)
    hours = quantity_field(_("số giờ mỗi người"), model_bounds.HOURS)
    hours_low = quantity_field(_("thấp nhất"), model_bounds.HOURS, null=True, blank=True)
    hours_high = quantity_field(_("cao nhất"), model_bounds.HOURS, null=True, blank=True)
    persons = quantity_field(_("số người"), model_bounds.PERSONS, default=Decimal(1))
    persons_low = quantity_field(_("thấp nhất"), model_bounds.PERSONS, null=True, blank=True)
    persons_high = quantity_field(_("cao nhất"), model_bounds.PERSONS, null=True, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("phase")]),
        FieldRowPanel([FieldPanel("hours"), FieldPanel("hours_low"), FieldPanel("hours_high")]),
        FieldRowPanel([FieldPanel("persons"), FieldPanel("persons_low"), FieldPanel("persons_high")]),
        *Evidenced.evidence_panels,
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("bước")
        verbose_name_plural = _("các bước")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        errors: dict[str, Any] = {}
        check_range(errors, "hours", self.hours, self.hours_low, self.hours_high)
        check_range(errors, "persons", self.persons, self.persons_low, self.persons_high)
        if self.persons is not None and self.persons <= 0:
            errors.setdefault("persons", _("Số người phải lớn hơn 0."))
        self.raise_or_clean_evidence(errors)

    @property
    def person_hours(self) -> Decimal:
        return Decimal(self.hours) * Decimal(self.persons)


class ProfileCost(Evidenced, Orderable):
    """Money paid for each occurrence (a fee, a service, a copy) or once (a purchase)."""

    profile = ParentalKey(CostProfile, on_delete=models.CASCADE, related_name="costs")
    category = models.CharField(_("loại"), max_length=16, choices=CostCategory.choices, default=CostCategory.FEE)
    name = models.CharField(_("khoản chi"), max_length=model_bounds.MAX_NAME_CHARS)
    amount = amount_field(_("số tiền (đồng)"))
    amount_low = amount_field(_("thấp nhất"), null=True, blank=True)
    amount_high = amount_field(_("cao nhất"), null=True, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("category")]),
        FieldRowPanel([FieldPanel("amount"), FieldPanel("amount_low"), FieldPanel("amount_high")]),
        *Evidenced.evidence_panels,
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("khoản chi")
        verbose_name_plural = _("các khoản chi")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        errors: dict[str, Any] = {}
        check_range(errors, "amount", self.amount, self.amount_low, self.amount_high)
        self.raise_or_clean_evidence(errors)
