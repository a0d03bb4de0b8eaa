"""Administrative procedures (thủ tục hành chính, TTHC) that business regulations impose.

A procedure has a name and a code (mã thủ tục, as in the national database of administrative
procedures), the agency that runs it, the business regulation and the provisions it comes from,
its dossier (thành phần hồ sơ), its time limit (thời hạn giải quyết) and its fees (phí, lệ phí).
An agency's legal officers edit their own agency's procedures (regulations/roles.py).
"""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable
from wagtail.search import index

MAX_FEE = Decimal(10**12)  # the cost model's bound on one amount (compliance_cost.model.bounds)
MAX_TIME_LIMIT_DAYS = 3650


class AdministrativeProcedure(index.Indexed, ClusterableModel):
    name = models.CharField(_("tên thủ tục"), max_length=500)
    code = models.CharField(
        _("mã thủ tục"),
        max_length=32,
        blank=True,
        help_text=_("Mã trên Cơ sở dữ liệu quốc gia về thủ tục hành chính, ví dụ 1.004580, nếu có."),
    )
    agency = models.ForeignKey(
        "regulations.Agency",
        on_delete=models.PROTECT,
        related_name="procedures",
        verbose_name=_("cơ quan thực hiện"),
    )
    regulation = models.ForeignKey(
        "regulations.BusinessRegulation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="procedures",
        verbose_name=_("quy định kinh doanh"),
        help_text=_("Quy định kinh doanh đặt ra thủ tục này."),
    )
    provisions = models.ManyToManyField(
        "regulations.Provision",
        blank=True,
        related_name="procedures",
        verbose_name=_("điều khoản quy định"),
        help_text=_("Các điều quy định hồ sơ, thời hạn, phí, lệ phí của thủ tục."),
    )
    time_limit_days = models.PositiveSmallIntegerField(
        _("thời hạn giải quyết (ngày)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(MAX_TIME_LIMIT_DAYS)],
    )
    time_limit_working_days = models.BooleanField(_("tính theo ngày làm việc"), default=True)
    time_limit_source = models.CharField(
        _("căn cứ thời hạn"), max_length=255, blank=True, help_text=_("Ví dụ: khoản 3 Điều 32 Luật Du lịch 2017.")
    )
    notes = models.TextField(_("ghi chú"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("code"), FieldPanel("agency")]),
        FieldPanel("regulation"),
        FieldPanel("provisions"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("time_limit_days"), FieldPanel("time_limit_working_days")]),
                FieldPanel("time_limit_source"),
            ],
            heading=_("Thời hạn giải quyết"),
        ),
        InlinePanel("documents", heading=_("Thành phần hồ sơ"), label=_("giấy tờ")),
        InlinePanel("fees", heading=_("Phí, lệ phí"), label=_("khoản phí, lệ phí")),
        FieldPanel("notes"),
    ]
    search_fields = [index.SearchField("name"), index.SearchField("code"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["agency", "name"]
        verbose_name = _("thủ tục hành chính")
        verbose_name_plural = _("thủ tục hành chính")
        constraints = [
            models.UniqueConstraint(
                fields=["code"], condition=~models.Q(code=""), name="administrative_procedure_unique_code"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})" if self.code else self.name

    @property
    def time_limit_label(self) -> str:
        if self.time_limit_days is None:
            return ""
        unit = _("ngày làm việc") if self.time_limit_working_days else _("ngày")
        return f"{self.time_limit_days} {unit}"


class ProcedureDocument(Orderable):
    """One paper of a procedure's dossier (thành phần hồ sơ)."""

    procedure = ParentalKey(AdministrativeProcedure, on_delete=models.CASCADE, related_name="documents")
    name = models.CharField(_("tên giấy tờ"), max_length=500)
    copies = models.PositiveSmallIntegerField(_("số bộ"), default=1, validators=[MaxValueValidator(100)])
    certified_copy = models.BooleanField(_("bản sao có chứng thực"), default=False)

    panels = [FieldPanel("name"), FieldRowPanel([FieldPanel("copies"), FieldPanel("certified_copy")])]

    class Meta(Orderable.Meta):
        verbose_name = _("thành phần hồ sơ")
        verbose_name_plural = _("thành phần hồ sơ")

    def __str__(self) -> str:
        return self.name


class ProcedureFee(Orderable):
    """A fee (phí) or charge (lệ phí) paid for each dossier, as the legal text sets it."""

    procedure = ParentalKey(AdministrativeProcedure, on_delete=models.CASCADE, related_name="fees")
    name = models.CharField(_("tên khoản phí, lệ phí"), max_length=255)
    amount = models.DecimalField(
        _("số tiền (đồng)"),
        max_digits=16,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(MAX_FEE)],
    )
    source = models.CharField(_("căn cứ"), max_length=255, blank=True)

    panels = [FieldRowPanel([FieldPanel("name"), FieldPanel("amount")]), FieldPanel("source")]

    class Meta(Orderable.Meta):
        verbose_name = _("phí, lệ phí")
        verbose_name_plural = _("phí, lệ phí")

    def __str__(self) -> str:
        return f"{self.name}: {self.amount}"
