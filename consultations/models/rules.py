"""The minimum consultation period per document type, set by administrators."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from consultations.timeline import DEFAULT_MINIMUM_DAYS
from regulations.models import DocumentType


class MinimumPeriodRule(models.Model):
    """The floor of the consultation period for one document type, in calendar days (holidays
    included). A type without a rule gets DEFAULT_MINIMUM_DAYS (30). Only the shortened
    procedure (Luật 64/2025/QH15, Điều 50) may go below it, with a stated reason."""

    doc_type = models.CharField(_("loại văn bản"), max_length=32, choices=DocumentType.choices, unique=True)
    days = models.PositiveSmallIntegerField(
        _("số ngày tối thiểu"),
        default=DEFAULT_MINIMUM_DAYS,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
        help_text=_("Ngày theo lịch, kể cả ngày nghỉ, tính từ ngày sau ngày mở lấy ý kiến."),
    )
    basis = models.CharField(
        _("căn cứ"), max_length=255, blank=True, help_text=_("Văn bản quy định thời hạn này, nếu có.")
    )

    panels = [FieldPanel("doc_type"), FieldPanel("days"), FieldPanel("basis")]

    class Meta:
        ordering = ["doc_type"]
        verbose_name = _("thời gian lấy ý kiến tối thiểu")
        verbose_name_plural = _("thời gian lấy ý kiến tối thiểu")

    def __str__(self) -> str:
        return f"{DocumentType(self.doc_type).label}: {self.days}"

    @classmethod
    def days_for(cls, doc_type: str) -> int:
        """The floor for a document type (one query)."""
        days = cls.objects.filter(doc_type=doc_type).values_list("days", flat=True).first()
        return days if days is not None else DEFAULT_MINIMUM_DAYS
