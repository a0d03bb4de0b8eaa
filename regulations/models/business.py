"""Business regulations (quy định kinh doanh): provisions that impose obligations on firms."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class RegulationCategory(models.TextChoices):
    INVESTMENT_CONDITION = "dieu-kien-dau-tu-kinh-doanh", _("Điều kiện đầu tư kinh doanh")
    PROCEDURE = "thu-tuc-hanh-chinh", _("Thủ tục hành chính")
    REPORTING = "che-do-bao-cao", _("Chế độ báo cáo")
    INSPECTION = "kiem-tra-chuyen-nganh", _("Kiểm tra chuyên ngành")
    STANDARD = "tieu-chuan-quy-chuan", _("Tiêu chuẩn, quy chuẩn")
    OTHER = "khac", _("Khác")


class RegulationStatus(models.TextChoices):
    IN_FORCE = "dang-ap-dung", _("Đang áp dụng")
    PROPOSED_CUT = "de-xuat-cat-giam", _("Đề xuất cắt giảm")
    SIMPLIFIED = "da-don-gian-hoa", _("Đã đơn giản hóa")
    ABOLISHED = "da-bai-bo", _("Đã bãi bỏ")


class BusinessRegulation(index.Indexed, models.Model):
    """A provision that imposes a condition, procedure, report, inspection or standard on firms."""

    title = models.CharField(_("tên quy định"), max_length=500)
    description = models.TextField(_("mô tả"), blank=True)
    document = models.ForeignKey(
        "regulations.LegalDocumentPage",
        on_delete=models.CASCADE,
        related_name="business_regulations",
        verbose_name=_("văn bản"),
    )
    provisions = models.ManyToManyField(
        "regulations.Provision", related_name="business_regulations", verbose_name=_("điều khoản quy định")
    )
    category = models.CharField(_("nhóm"), max_length=40, choices=RegulationCategory.choices)
    agency = models.ForeignKey(
        "regulations.Agency",
        on_delete=models.PROTECT,
        related_name="business_regulations",
        verbose_name=_("cơ quan chịu trách nhiệm"),
    )
    sector = models.ForeignKey(
        "regulations.Field",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="business_regulations",
        verbose_name=_("ngành, lĩnh vực chịu tác động"),
    )
    status = models.CharField(
        _("trạng thái"), max_length=32, choices=RegulationStatus.choices, default=RegulationStatus.IN_FORCE
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    panels = [
        FieldPanel("title"),
        FieldPanel("description"),
        FieldPanel("document"),
        FieldPanel("provisions"),
        FieldPanel("category"),
        FieldPanel("agency"),
        FieldPanel("sector"),
        FieldPanel("status"),
    ]
    search_fields = [index.SearchField("title"), index.SearchField("description"), index.FilterField("category")]

    class Meta:
        ordering = ["document", "title"]
        verbose_name = _("quy định kinh doanh")
        verbose_name_plural = _("quy định kinh doanh")

    def __str__(self) -> str:
        return self.title
