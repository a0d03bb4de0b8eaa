"""Reduction plans (phương án cắt giảm, đơn giản hóa quy định kinh doanh) and their items.

An agency's plan lists items: a business regulation (and, when it is about one, the procedure),
the action (bãi bỏ, đơn giản hóa, sửa đổi), the change, and the annual cost before and after.
Before is the regulation's (or procedure's) published cost profile when there is one, else a
figure entered with its evidence; after is the item's *after* profile (a cost profile linked to
the item), else 0 for a repeal, else a figure entered with its evidence. The effective figures
are kept on the item (``before_annual``, ``after_annual``, ``cut``), refreshed when the item or
a profile changes (compliance_cost/costing.py).

The plan records the approving decision, the amending document and its effective date; its
status follows from them (compliance_cost.model.plans.plan_status). What the decision prints
(regulations cut of a total, rates, costs) is kept in the ``stated_*`` fields and checked, never
used as the plan's figures.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from compliance_cost.model.plans import Action, PlanStatus, StatedFigures, plan_status
from compliance_cost.models.evidence import EvidenceKind, amount_field


class ItemAction(models.TextChoices):
    ABOLISH = Action.ABOLISH.value, _("Bãi bỏ")
    SIMPLIFY = Action.SIMPLIFY.value, _("Đơn giản hóa")
    AMEND = Action.AMEND.value, _("Sửa đổi")


STATUS_LABELS: dict[PlanStatus, Any] = {
    PlanStatus.PROPOSED: _("Đề xuất"),
    PlanStatus.APPROVED: _("Đã phê duyệt"),
    PlanStatus.ISSUED: _("Đã ban hành văn bản sửa đổi"),
    PlanStatus.IN_FORCE: _("Có hiệu lực"),
    PlanStatus.WITHDRAWN: _("Đã rút lại"),
}
PERCENT_VALIDATORS = [MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))]


def today() -> datetime.date:
    return timezone.localdate()


class ReductionPlan(ClusterableModel):
    agency = models.ForeignKey(
        "regulations.Agency", on_delete=models.PROTECT, related_name="reduction_plans", verbose_name=_("cơ quan")
    )
    title = models.CharField(_("tên phương án"), max_length=500)
    year = models.PositiveSmallIntegerField(
        _("năm"), validators=[MinValueValidator(2000), MaxValueValidator(2100)], help_text=_("Năm trình phương án.")
    )
    summary = models.TextField(_("tóm tắt"), blank=True)
    decision_number = models.CharField(
        _("số quyết định phê duyệt"), max_length=64, blank=True, help_text=_("Ví dụ: 1977/QĐ-TTg.")
    )
    decision_date = models.DateField(_("ngày phê duyệt"), null=True, blank=True)
    decision_document = models.ForeignKey(
        "regulations.LegalDocumentPage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("quyết định phê duyệt trên Cổng"),
    )
    amending_number = models.CharField(
        _("số văn bản sửa đổi"), max_length=64, blank=True, help_text=_("Văn bản thực thi phương án.")
    )
    amending_document = models.ForeignKey(
        "regulations.LegalDocumentPage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("văn bản sửa đổi trên Cổng"),
    )
    effective_date = models.DateField(_("ngày văn bản sửa đổi có hiệu lực"), null=True, blank=True)
    withdrawn = models.BooleanField(_("đã rút lại"), default=False)

    # What the approving decision prints: checked, never used as the plan's figures.
    stated_regulations_total = models.PositiveIntegerField(_("tổng số quy định (theo văn bản)"), null=True, blank=True)
    stated_regulations_cut = models.PositiveIntegerField(
        _("số quy định cắt giảm (theo văn bản)"), null=True, blank=True
    )
    stated_cut_rate = models.DecimalField(
        _("tỷ lệ quy định cắt giảm, % (theo văn bản)"),
        max_digits=7,
        decimal_places=3,
        null=True,
        blank=True,
        validators=PERCENT_VALIDATORS,
    )
    stated_cost_before = amount_field(_("chi phí trước, đồng/năm (theo văn bản)"), null=True, blank=True)
    stated_cost_after = amount_field(_("chi phí sau, đồng/năm (theo văn bản)"), null=True, blank=True)
    stated_saving = amount_field(_("chi phí tiết kiệm, đồng/năm (theo văn bản)"), null=True, blank=True)
    stated_cost_rate = models.DecimalField(
        _("tỷ lệ cắt giảm chi phí, % (theo văn bản)"),
        max_digits=7,
        decimal_places=3,
        null=True,
        blank=True,
        validators=PERCENT_VALIDATORS,
    )
    stated_source = models.CharField(
        _("nguồn số liệu in"), max_length=255, blank=True, help_text=_("Ví dụ: Phụ lục I Quyết định 1977/QĐ-TTg.")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    panels = [
        FieldRowPanel([FieldPanel("agency"), FieldPanel("year")]),
        FieldPanel("title"),
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("decision_number"), FieldPanel("decision_date")]),
                FieldPanel("decision_document"),
                FieldRowPanel([FieldPanel("amending_number"), FieldPanel("effective_date")]),
                FieldPanel("amending_document"),
                FieldPanel("withdrawn"),
            ],
            heading=_("Phê duyệt và thực thi"),
        ),
        InlinePanel("items", heading=_("Các quy định cắt giảm, đơn giản hóa"), label=_("mục")),
        MultiFieldPanel(
            [
                HelpPanel(
                    _(
                        "Ghi các số liệu như văn bản phê duyệt in. Cổng đối chiếu chúng với nhau và với các mục: "
                        "số liệu không khớp được đánh dấu, không được dùng thay số liệu tính từ các mục."
                    )
                ),
                FieldRowPanel(
                    [
                        FieldPanel("stated_regulations_total"),
                        FieldPanel("stated_regulations_cut"),
                        FieldPanel("stated_cut_rate"),
                    ]
                ),
                FieldRowPanel(
                    [FieldPanel("stated_cost_before"), FieldPanel("stated_cost_after"), FieldPanel("stated_saving")]
                ),
                FieldRowPanel([FieldPanel("stated_cost_rate"), FieldPanel("stated_source")]),
            ],
            heading=_("Số liệu in trong văn bản"),
        ),
    ]

    class Meta:
        ordering = ["-year", "agency", "pk"]
        verbose_name = _("phương án cắt giảm, đơn giản hóa")
        verbose_name_plural = _("phương án cắt giảm, đơn giản hóa")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("compliance_cost:plan", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        errors: dict[str, Any] = {}
        if self.decision_date and not self.decision_number.strip():
            errors["decision_number"] = _("Ghi số quyết định phê duyệt.")
        if self.effective_date and not (self.amending_number.strip() or self.amending_document_id):
            errors["amending_number"] = _("Ghi văn bản sửa đổi có hiệu lực từ ngày này.")
        if (
            self.stated_regulations_total is not None
            and self.stated_regulations_cut is not None
            and self.stated_regulations_cut > self.stated_regulations_total
        ):
            errors["stated_regulations_cut"] = _("Số quy định cắt giảm không thể lớn hơn tổng số quy định.")
        if errors:
            raise ValidationError(errors)

    def status_on(self, day: datetime.date | None = None) -> PlanStatus:
        return plan_status(
            withdrawn=self.withdrawn,
            approved=bool(self.decision_number or self.decision_document_id),
            amending_issued=bool(self.amending_number or self.amending_document_id),
            effective_on=self.effective_date,
            today=day or today(),
        )

    @property
    def status(self) -> PlanStatus:
        return self.status_on()

    def status_label(self) -> str:
        return str(STATUS_LABELS[self.status])

    status_label.short_description = _("trạng thái")  # type: ignore[attr-defined]

    @property
    def stated(self) -> StatedFigures:
        return StatedFigures(
            regulations_total=self.stated_regulations_total,
            regulations_cut=self.stated_regulations_cut,
            cut_rate_percent=self.stated_cut_rate,
            cost_before=self.stated_cost_before,
            cost_after=self.stated_cost_after,
            saving=self.stated_saving,
            cost_rate_percent=self.stated_cost_rate,
        )


class PlanItem(Orderable):
    plan = ParentalKey(ReductionPlan, on_delete=models.CASCADE, related_name="items")
    regulation = models.ForeignKey(
        "regulations.BusinessRegulation",
        on_delete=models.PROTECT,
        related_name="plan_items",
        verbose_name=_("quy định kinh doanh"),
    )
    procedure = models.ForeignKey(
        "regulations.AdministrativeProcedure",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="plan_items",
        verbose_name=_("thủ tục hành chính (nếu mục về một thủ tục)"),
    )
    action = models.CharField(_("phương án"), max_length=16, choices=ItemAction.choices)
    change = models.TextField(_("nội dung cắt giảm, đơn giản hóa"))
    before_entered = amount_field(
        _("chi phí trước, đồng/năm"),
        null=True,
        blank=True,
        help_text=_("Chỉ khi quy định (thủ tục) chưa có hồ sơ chi phí công bố; có hồ sơ thì dùng số liệu của hồ sơ."),
    )
    before_evidence_kind = models.CharField(_("loại căn cứ"), max_length=24, choices=EvidenceKind.choices, blank=True)
    before_evidence_source = models.CharField(_("căn cứ"), max_length=500, blank=True)
    after_entered = amount_field(
        _("chi phí sau, đồng/năm"),
        null=True,
        blank=True,
        help_text=_("Chỉ khi mục chưa có hồ sơ chi phí sau cắt giảm; bãi bỏ thì để trống (bằng 0)."),
    )
    after_evidence_kind = models.CharField(_("loại căn cứ"), max_length=24, choices=EvidenceKind.choices, blank=True)
    after_evidence_source = models.CharField(_("căn cứ"), max_length=500, blank=True)

    # Effective figures, refreshed from the profiles or the entered figures (costing.py).
    before_annual = models.DecimalField(max_digits=28, decimal_places=4, null=True, editable=False)
    after_annual = models.DecimalField(max_digits=28, decimal_places=4, null=True, editable=False)
    before_from_profile = models.BooleanField(default=False, editable=False)
    after_from_profile = models.BooleanField(default=False, editable=False)
    cut = models.BooleanField(default=False, editable=False)

    panels = [
        FieldRowPanel([FieldPanel("regulation"), FieldPanel("procedure")]),
        FieldRowPanel([FieldPanel("action")]),
        FieldPanel("change"),
        FieldRowPanel(
            [FieldPanel("before_entered"), FieldPanel("before_evidence_kind"), FieldPanel("before_evidence_source")]
        ),
        FieldRowPanel(
            [FieldPanel("after_entered"), FieldPanel("after_evidence_kind"), FieldPanel("after_evidence_source")]
        ),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("mục phương án")
        verbose_name_plural = _("các mục phương án")

    def __str__(self) -> str:
        return f"{self.get_action_display()}: {self.regulation}"

    def clean(self) -> None:
        super().clean()
        errors: dict[str, Any] = {}
        for side in ("before", "after"):
            entered = getattr(self, f"{side}_entered")
            kind, source = getattr(self, f"{side}_evidence_kind"), getattr(self, f"{side}_evidence_source")
            if entered is not None and not (kind and source.strip()):
                errors[f"{side}_evidence_source"] = _("Số liệu nhập tay cần ghi loại căn cứ và căn cứ.")
        if self.procedure_id and self.regulation_id and self.procedure is not None:
            if self.procedure.regulation_id not in (None, self.regulation_id):
                errors["procedure"] = _("Thủ tục này thuộc một quy định kinh doanh khác.")
        if errors:
            raise ValidationError(errors)

    @property
    def action_enum(self) -> Action:
        return Action(self.action)

    @property
    def saving_annual(self) -> Decimal | None:
        if self.before_annual is None or self.after_annual is None:
            return None
        return Decimal(self.before_annual) - Decimal(self.after_annual)

    @property
    def reduction_rate(self) -> Decimal | None:
        saving = self.saving_annual
        if saving is None or not self.before_annual:
            return None
        return saving / Decimal(self.before_annual)
