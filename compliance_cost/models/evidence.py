"""Evidence and ranges on stored inputs: the columns every input row shares, and how a figure
with its range and evidence becomes the cost model's JSON number (``{"value", "low", "high",
"evidence"}``, docs/compliance-cost.md, "Ranges and evidence")."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel

from compliance_cost.model import bounds as model_bounds
from compliance_cost.model.estimates import EvidenceKind as ModelEvidenceKind


class EvidenceKind(models.TextChoices):
    LEGAL_TEXT = ModelEvidenceKind.LEGAL_TEXT.value, _("Văn bản pháp luật")
    DOSSIER_STATISTICS = ModelEvidenceKind.DOSSIER_STATISTICS.value, _("Thống kê hồ sơ")
    SURVEY = ModelEvidenceKind.SURVEY.value, _("Khảo sát doanh nghiệp")
    EXPERT_ESTIMATE = ModelEvidenceKind.EXPERT_ESTIMATE.value, _("Ước tính chuyên gia")


def bounded(bound: model_bounds.Bound) -> list[Any]:
    """Django validators for a bound of the model (an exclusive minimum is checked in ``clean``)."""
    return [MinValueValidator(bound.minimum), MaxValueValidator(bound.maximum)]


def amount_field(verbose_name: Any, **kwargs: Any) -> models.DecimalField:
    return models.DecimalField(
        verbose_name, max_digits=18, decimal_places=2, validators=bounded(model_bounds.AMOUNT), **kwargs
    )


def quantity_field(verbose_name: Any, bound: model_bounds.Bound, **kwargs: Any) -> models.DecimalField:
    return models.DecimalField(verbose_name, max_digits=16, decimal_places=4, validators=bounded(bound), **kwargs)


class Evidenced(models.Model):
    """Where a figure comes from: its kind, a citation, a link, a note, and the provision of
    the legal text when it is one."""

    evidence_panels = [
        FieldRowPanel([FieldPanel("evidence_kind"), FieldPanel("evidence_source")]),
        FieldRowPanel([FieldPanel("evidence_url"), FieldPanel("evidence_note")]),
    ]

    evidence_kind = models.CharField(_("loại căn cứ"), max_length=24, choices=EvidenceKind.choices, blank=True)
    evidence_source = models.CharField(
        _("căn cứ"),
        max_length=model_bounds.MAX_SOURCE_CHARS,
        blank=True,
        help_text=_("Ví dụ: khoản 1 Điều 45 Nghị định 19/2011/NĐ-CP; khảo sát VCCI 2024; ước tính của cơ quan."),
    )
    evidence_url = models.URLField(_("địa chỉ căn cứ"), max_length=model_bounds.MAX_SOURCE_CHARS, blank=True)
    evidence_note = models.TextField(_("ghi chú căn cứ"), max_length=model_bounds.MAX_NOTE_CHARS, blank=True)
    provision = models.ForeignKey(
        "regulations.Provision",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("điều khoản căn cứ"),
    )

    class Meta:
        abstract = True

    @property
    def evidence_label(self) -> str:
        return str(EvidenceKind(self.evidence_kind).label) if self.evidence_kind else ""

    @property
    def is_estimate(self) -> bool:
        return self.evidence_kind == EvidenceKind.EXPERT_ESTIMATE

    def evidence_body(self) -> dict[str, str] | None:
        if not self.evidence_kind:
            return None
        body = {"kind": self.evidence_kind, "source": self.evidence_source}
        if self.evidence_url:
            body["url"] = self.evidence_url
        if self.evidence_note:
            body["note"] = self.evidence_note
        return body

    def raise_or_clean_evidence(self, errors: dict[str, Any]) -> None:
        """The end of a row's ``clean``: its own errors first, then its evidence."""
        if errors:
            raise ValidationError(errors)
        self.clean_evidence()

    def clean_evidence(self) -> None:
        """Every figure carries its evidence: a kind and a source (issue 9, "Every input carries
        its evidence")."""
        errors: dict[str, object] = {}
        if not self.evidence_kind:
            errors["evidence_kind"] = _("Chọn loại căn cứ.")
        if not self.evidence_source.strip():
            errors["evidence_source"] = _("Ghi căn cứ của số liệu (văn bản, thống kê, khảo sát...).")
        if errors:
            raise ValidationError(errors)


def estimate_body(
    value: Decimal | None, low: Decimal | None, high: Decimal | None, evidence: dict[str, str] | None
) -> Any:
    """A stored figure as the model reads it: a plain number, or an object with its range and
    evidence. ``None`` when there is no value."""
    if value is None:
        return None
    if low is None and high is None and evidence is None:
        return value
    body: dict[str, Any] = {"value": value}
    if low is not None:
        body["low"] = low
    if high is not None:
        body["high"] = high
    if evidence is not None:
        body["evidence"] = evidence
    return body


def check_range(
    errors: dict[str, Any], name: str, value: Decimal | None, low: Decimal | None, high: Decimal | None
) -> None:
    """``low <= value <= high``, with the field named."""
    if value is None:
        if low is not None or high is not None:
            errors.setdefault(name, _("Nhập giá trị trung bình trước khi nhập khoảng."))
        return
    if low is not None and low > value:
        errors.setdefault(f"{name}_low", _("Mức thấp phải không lớn hơn giá trị."))
    if high is not None and high < value:
        errors.setdefault(f"{name}_high", _("Mức cao phải không nhỏ hơn giá trị."))
