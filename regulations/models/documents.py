"""The legal document (văn bản) as a Wagtail page, with its type and legal status."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Page
from wagtail.search import index

from regulations.numbers import number_key

from .reading import document_page_context


class DocumentType(models.TextChoices):
    CONSTITUTION = "hien-phap", _("Hiến pháp")
    CODE = "bo-luat", _("Bộ luật")
    LAW = "luat", _("Luật")
    ORDINANCE = "phap-lenh", _("Pháp lệnh")
    RESOLUTION = "nghi-quyet", _("Nghị quyết")
    DECREE = "nghi-dinh", _("Nghị định")
    DECISION = "quyet-dinh", _("Quyết định")
    DIRECTIVE = "chi-thi", _("Chỉ thị")
    CIRCULAR = "thong-tu", _("Thông tư")
    JOINT_CIRCULAR = "thong-tu-lien-tich", _("Thông tư liên tịch")
    OFFICIAL_LETTER = "cong-van", _("Công văn")
    PLAN = "ke-hoach", _("Kế hoạch")
    NOTICE = "thong-bao", _("Thông báo")
    CONSOLIDATED = "van-ban-hop-nhat", _("Văn bản hợp nhất")
    OTHER = "khac", _("Khác")

    @classmethod
    def from_label(cls, label: str | None) -> "DocumentType":
        """Map a Vietnamese type name ("Nghị định", "NGHỊ ĐỊNH") to its value; OTHER if unknown."""
        if not label:
            return cls.OTHER
        wanted = label.strip().lower()
        for choice in cls:
            if str(choice.label).lower() == wanted:
                return choice
        return cls.OTHER


class LegalStatus(models.TextChoices):
    IN_FORCE = "con-hieu-luc", _("Còn hiệu lực")
    PARTLY_EXPIRED = "het-hieu-luc-mot-phan", _("Hết hiệu lực một phần")
    EXPIRED = "het-hieu-luc", _("Hết hiệu lực")
    NOT_YET = "chua-co-hieu-luc", _("Chưa có hiệu lực")
    DRAFT = "du-thao", _("Dự thảo")
    UNVERIFIED = "chua-xac-minh", _("Chưa xác minh")


class LegalDocumentPage(Page):
    """A legal document (văn bản). Its structure is stored as Provision rows."""

    number = models.CharField(_("số hiệu"), max_length=64, blank=True)
    number_key = models.CharField(
        _("số hiệu chuẩn hóa"), max_length=64, unique=True, null=True, blank=True, editable=False
    )
    external_id = models.CharField(
        _("mã nguồn nhập"), max_length=128, unique=True, null=True, blank=True, editable=False
    )
    doc_type = models.CharField(_("loại văn bản"), max_length=32, choices=DocumentType.choices)
    summary = models.TextField(_("trích yếu"), blank=True)
    issuing_agency = models.ForeignKey(
        "regulations.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="issued_documents",
        verbose_name=_("cơ quan ban hành"),
    )
    signer = models.CharField(_("người ký"), max_length=128, blank=True)
    issued_date = models.DateField(_("ngày ban hành"), null=True, blank=True)
    issued_year = models.PositiveSmallIntegerField(_("năm ban hành"), null=True, blank=True, db_index=True)
    effective_date = models.DateField(_("ngày có hiệu lực"), null=True, blank=True)
    expiry_date = models.DateField(_("ngày hết hiệu lực"), null=True, blank=True)
    legal_status = models.CharField(
        _("tình trạng hiệu lực"), max_length=32, choices=LegalStatus.choices, default=LegalStatus.UNVERIFIED
    )
    status_note = models.TextField(_("ghi chú hiệu lực"), blank=True)
    fields = ParentalManyToManyField(
        "regulations.Field", blank=True, related_name="documents", verbose_name=_("lĩnh vực")
    )
    source_url = models.URLField(_("nguồn"), max_length=500, blank=True)
    gazette_issue = models.CharField(_("số Công báo"), max_length=64, blank=True)
    metadata_source = models.CharField(_("nguồn thuộc tính"), max_length=255, blank=True)
    import_fingerprint = models.CharField(max_length=64, blank=True, editable=False)
    preamble = models.TextField(_("phần mở đầu"), blank=True)
    closing = models.TextField(_("phần kết"), blank=True)

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("number"), FieldPanel("doc_type")]),
                FieldPanel("summary"),
                FieldRowPanel([FieldPanel("issuing_agency"), FieldPanel("signer")]),
                FieldRowPanel([FieldPanel("issued_date"), FieldPanel("effective_date"), FieldPanel("expiry_date")]),
                FieldRowPanel([FieldPanel("legal_status"), FieldPanel("status_note")]),
                FieldPanel("fields"),
                FieldRowPanel([FieldPanel("source_url"), FieldPanel("gazette_issue")]),
            ],
            heading=_("Thuộc tính văn bản"),
        ),
        FieldPanel("preamble"),
        FieldPanel("closing"),
        InlinePanel("relations_out", heading=_("Quan hệ với văn bản khác"), label=_("quan hệ")),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("number"),
        index.SearchField("summary"),
        index.FilterField("doc_type"),
        index.FilterField("legal_status"),
    ]
    parent_page_types = ["regulations.AgencyFolderPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("văn bản")
        verbose_name_plural = _("văn bản")

    def clean(self):
        super().clean()
        self.number = " ".join(self.number.split())
        key = number_key(self.number) if self.number else None
        if key and LegalDocumentPage.objects.exclude(pk=self.pk).filter(number_key=key).exists():
            raise ValidationError({"number": _("Đã có văn bản mang số hiệu này.")})

    def save(self, *args, **kwargs):
        self.number_key = number_key(self.number) if self.number else None
        if self.issued_date:
            self.issued_year = self.issued_date.year
        return super().save(*args, **kwargs)

    @property
    def display_type(self) -> str:
        return str(DocumentType(self.doc_type).label) if self.doc_type else ""

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(document_page_context(self))
        return context
