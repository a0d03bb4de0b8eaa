"""The legal document (văn bản) as a Wagtail page, with its type and legal status."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.models import Page
from wagtail.search import index

from regulations.legaltext import doctypes
from regulations.legaltext.numbers import number_key
from regulations.validity import Status

from .document_views import render_document
from .facts import status_of

# The choices come from the one table of document types (regulations/legaltext/doctypes.py): to add
# a type, add a row there, then `makemigrations regulations` (the choices change) and translate
# its name in regulations/locale.
DocumentType = models.TextChoices("DocumentType", [(t.member, (t.value, _(t.name))) for t in doctypes.DOC_TYPES])


class LegalStatus(models.TextChoices):
    """The values come from `regulations.validity.Status`, which computes them."""

    IN_FORCE = Status.IN_FORCE.value, _("Còn hiệu lực")
    PARTLY_EXPIRED = Status.PARTLY_EXPIRED.value, _("Hết hiệu lực một phần")
    EXPIRED = Status.EXPIRED.value, _("Hết hiệu lực")
    NOT_YET = Status.NOT_YET.value, _("Chưa có hiệu lực")
    DRAFT = Status.DRAFT.value, _("Dự thảo")
    UNVERIFIED = Status.UNVERIFIED.value, _("Chưa xác minh")


class LegalDocumentPage(RoutablePageMixin, Page):
    """A legal document (văn bản). Its text comes in versions (DocumentVersion), each with its
    Provision rows. Routes: the current version (or `?phien-ban=N`), and the version in force
    on a date (`<yyyy-mm-dd>/`), both rendered by `regulations.models.document_views`."""

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
    # Computed (regulations.validity.legal_status, stored for today by regulations.states): what
    # the page, lists, search and the API show. Editors set `recorded_status`.
    legal_status = models.CharField(
        _("tình trạng hiệu lực"),
        max_length=32,
        choices=LegalStatus.choices,
        default=LegalStatus.UNVERIFIED,
        editable=False,
    )
    recorded_status = models.CharField(
        _("tình trạng hiệu lực ghi nhận"),
        max_length=32,
        choices=LegalStatus.choices,
        default=LegalStatus.UNVERIFIED,
        help_text=_(
            "Chỉ dùng khi ngày có hiệu lực, ngày hết hiệu lực và quan hệ thay thế chưa cho biết: "
            "cổng tự tính tình trạng từ các thông tin đó."
        ),
    )
    status_note = models.TextField(_("ghi chú hiệu lực"), blank=True)
    fields = ParentalManyToManyField(
        "regulations.Field", blank=True, related_name="documents", verbose_name=_("lĩnh vực")
    )
    source_url = models.URLField(_("nguồn"), max_length=500, blank=True)
    gazette_issue = models.CharField(_("số Công báo"), max_length=64, blank=True)
    metadata_source = models.CharField(_("nguồn thuộc tính"), max_length=255, blank=True)
    import_fingerprint = models.CharField(max_length=64, blank=True, editable=False)

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("number"), FieldPanel("doc_type")]),
                FieldPanel("summary"),
                FieldRowPanel([FieldPanel("issuing_agency"), FieldPanel("signer")]),
                FieldRowPanel([FieldPanel("issued_date"), FieldPanel("effective_date"), FieldPanel("expiry_date")]),
                FieldRowPanel([FieldPanel("recorded_status"), FieldPanel("status_note")]),
                FieldPanel("fields"),
                FieldRowPanel([FieldPanel("source_url"), FieldPanel("gazette_issue")]),
            ],
            heading=_("Thuộc tính văn bản"),
        ),
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

    @path("")
    def current_text(self, request):
        """The current version, or the one named by `?phien-ban=N`."""
        return render_document(self, request)

    @re_path(r"^(?P<day>\d{4}-\d{2}-\d{2})/$", name="in_force_on")
    def text_in_force_on(self, request, day: str):
        """The version in force on a date, with the status on that date."""
        return render_document(self, request, day=day)

    def url_on(self, day) -> str:
        """The URL of the text in force on `day` (a date)."""
        return self.url + self.reverse_subpage("in_force_on", kwargs={"day": day.isoformat()})

    def status_on(self, day=None):
        """This document's legal status on `day` (today by default): a
        `regulations.validity.StatusDecision` (status, reason, date, replacing document)."""
        return status_of(self, day)
