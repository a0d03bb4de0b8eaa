"""A consultation (lấy ý kiến) on a draft: /tham-van/<agency>/<slug>/.

The draft's text is a `LegalDocumentPage` of the library whose versions are drafts (dự thảo);
the consultation points at that document and at the version put out for comment. Times, type,
lead agency, fields, questions and attachments are the consultation's own, edited by the
agency's legal officers and published through its moderation workflow.
"""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Q, Value, When
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from consultations import timeline
from consultations.forms import ConsultationPageForm
from consultations.models.reading import COMMENT_PARAM, EXPAND_PARAM, UNIT_PARAM, consultation_page_context
from consultations.models.rules import MinimumPeriodRule
from regulations.models import DocumentType, DocumentVersion, VersionKind

# The comments of the unit `?xem=` expands, alone: what HTMX swaps in place of its first few.
UNIT_COMMENTS_TEMPLATE = "consultations/includes/unit_comments.html"


class ConsultationStatus(models.TextChoices):
    """The values come from `consultations.timeline.Status`, which decides them."""

    UPCOMING = timeline.Status.UPCOMING.value, _("Sắp mở")
    OPEN = timeline.Status.OPEN.value, _("Đang lấy ý kiến")
    CLOSED = timeline.Status.CLOSED.value, _("Đã đóng")
    SYNTHESISING = timeline.Status.SYNTHESISING.value, _("Đang tổng hợp")
    PUBLISHED = timeline.Status.PUBLISHED.value, _("Đã công bố kết quả")


class ConsultationStage(models.TextChoices):
    """What the agency has done once comments are closed (issue 8's synthesis sets it)."""

    CONSULTING = timeline.Stage.CONSULTING.value, _("Lấy ý kiến")
    SYNTHESISING = timeline.Stage.SYNTHESISING.value, _("Đang tổng hợp, tiếp thu, giải trình")
    PUBLISHED = timeline.Stage.PUBLISHED.value, _("Đã công bố kết quả")


class ConsultationQuerySet(PageQuerySet):
    def in_status(self, status: str, now: datetime | None = None):
        """Consultations whose status at `now` is `status` (the rule of timeline.status_at)."""
        return self.filter(_status_q(status, now or timezone.now()))

    def with_status(self, now: datetime | None = None):
        """Annotate `status_value`, the status at `now`, for ordering or grouping in SQL."""
        now = now or timezone.now()
        return self.annotate(
            status_value=Case(
                *(When(_status_q(status, now), then=Value(status.value)) for status in timeline.Status),
                output_field=models.CharField(),
            )
        )


def status_q(status: str, now: datetime) -> Q:
    """The filter of consultations whose status at `now` is `status` (timeline.status_at in SQL)."""
    return _status_q(status, now)


def _status_q(status: str, now: datetime) -> Q:
    after_closing = Q(closes_at__lt=now)
    match timeline.Status(status):
        case timeline.Status.UPCOMING:
            return Q(opens_at__gt=now)
        case timeline.Status.OPEN:
            return Q(opens_at__lte=now, closes_at__gte=now)
        case timeline.Status.CLOSED:
            return after_closing & Q(stage=ConsultationStage.CONSULTING)
        case timeline.Status.SYNTHESISING:
            return after_closing & Q(stage=ConsultationStage.SYNTHESISING)
        case timeline.Status.PUBLISHED:
            return after_closing & Q(stage=ConsultationStage.PUBLISHED)


ConsultationManager = PageManager.from_queryset(ConsultationQuerySet)


class ConsultationPage(Page):
    """A draft put out for comment, article by article, between two moments."""

    document = models.ForeignKey(
        "regulations.LegalDocumentPage",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="consultations",
        verbose_name=_("dự thảo văn bản"),
        help_text=_("Văn bản dự thảo trong thư viện (có phiên bản «dự thảo»)."),
    )
    version = models.ForeignKey(
        "regulations.DocumentVersion",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="consultations",
        verbose_name=_("phiên bản lấy ý kiến"),
        help_text=_("Để trống: phiên bản dự thảo mới nhất của văn bản."),
    )
    summary = models.TextField(_("tóm tắt nội dung"), blank=True)
    doc_type = models.CharField(
        _("loại văn bản"),
        max_length=32,
        choices=DocumentType.choices,
        blank=True,
        help_text=_("Để trống: loại của văn bản dự thảo."),
    )
    lead_agency = models.ForeignKey(
        "regulations.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="led_consultations",
        verbose_name=_("cơ quan chủ trì soạn thảo"),
        help_text=_("Để trống: cơ quan sở hữu thư mục."),
    )
    fields = ParentalManyToManyField(
        "regulations.Field", blank=True, related_name="consultations", verbose_name=_("lĩnh vực")
    )
    opens_at = models.DateTimeField(_("mở lấy ý kiến lúc"), db_index=True)
    closing_date = models.DateField(_("ngày kết thúc lấy ý kiến"))
    closing_time = models.TimeField(
        _("giờ kết thúc"), null=True, blank=True, help_text=_("Để trống: hết ngày (23:59:59).")
    )
    closes_at = models.DateTimeField(_("đóng lúc"), db_index=True, editable=False)
    shortened_procedure = models.BooleanField(
        _("trình tự, thủ tục rút gọn"),
        default=False,
        help_text=_(
            "Dự thảo xây dựng theo trình tự, thủ tục rút gọn (Điều 50 Luật Ban hành văn bản quy phạm pháp luật "
            "số 64/2025/QH15): được lấy ý kiến ngắn hơn thời gian tối thiểu, phải nêu lý do."
        ),
    )
    shortened_reason = models.TextField(_("lý do rút gọn"), blank=True)
    pre_moderation = models.BooleanField(
        _("kiểm duyệt trước khi công khai"),
        default=False,
        help_text=_("Góp ý chỉ hiện sau khi người kiểm duyệt của cơ quan duyệt."),
    )
    answer_deadline = models.DateField(
        _("hạn trả lời góp ý"),
        null=True,
        blank=True,
        help_text=_("Để trống: 30 ngày sau ngày kết thúc lấy ý kiến."),
    )
    stage = models.CharField(
        _("giai đoạn sau khi đóng"),
        max_length=16,
        choices=ConsultationStage.choices,
        default=ConsultationStage.CONSULTING,
    )
    # The status when last checked (consultations.states): tells when it changes by itself, so
    # search re-indexes it. Pages and lists compute the status from the times instead.
    current_status = models.CharField(
        _("trạng thái đã ghi nhận"), max_length=16, choices=ConsultationStatus.choices, blank=True, editable=False
    )

    objects = ConsultationManager()
    base_form_class = ConsultationPageForm

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("draft_file"),
                FieldPanel("document"),
                FieldPanel("version"),
                FieldPanel("summary"),
                FieldRowPanel([FieldPanel("doc_type"), FieldPanel("lead_agency")]),
                FieldPanel("fields"),
            ],
            heading=_("Dự thảo"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("opens_at"),
                FieldRowPanel([FieldPanel("closing_date"), FieldPanel("closing_time")]),
                FieldPanel("shortened_procedure"),
                FieldPanel("shortened_reason"),
                FieldRowPanel([FieldPanel("pre_moderation"), FieldPanel("answer_deadline")]),
                FieldPanel("stage"),
            ],
            heading=_("Thời gian lấy ý kiến"),
        ),
        InlinePanel("questions", heading=_("Câu hỏi lấy ý kiến"), label=_("câu hỏi")),
        InlinePanel("attachments", heading=_("Tài liệu kèm theo"), label=_("tài liệu")),
    ]
    search_fields = Page.search_fields + [index.SearchField("summary"), index.FilterField("closes_at")]
    parent_page_types = ["consultations.ConsultationFolderPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("lấy ý kiến dự thảo")
        verbose_name_plural = _("lấy ý kiến dự thảo")

    def get_template(self, request, *args, **kwargs):
        """With HTMX, a "Xem tất cả N góp ý" link (`?xem=<unit>`) gets that unit's comments alone."""
        if request.headers.get("HX-Request") == "true" and request.GET.get(EXPAND_PARAM):
            return UNIT_COMMENTS_TEMPLATE
        return super().get_template(request, *args, **kwargs)

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        patch_vary_headers(response, ["HX-Request"])  # the same URL gives the page or a fragment
        return response

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(
            consultation_page_context(
                self,
                request.GET.get(UNIT_PARAM, "")[:160],
                expand=request.GET.get(EXPAND_PARAM, "")[:160],
                comment=request.GET.get(COMMENT_PARAM, "")[:20],
            )
        )
        return context

    # ---- the calendar ------------------------------------------------------------------------

    def computed_closes_at(self) -> datetime:
        return timeline.closing_moment(self.closing_date, self.closing_time)

    def status_at(self, now: datetime | None = None) -> str:
        """The status at `now` (a `ConsultationStatus` value)."""
        closes_at = self.closes_at or self.computed_closes_at()
        return timeline.status_at(now or timezone.now(), _aware(self.opens_at), closes_at, self.stage).value

    @property
    def status(self) -> str:
        return self.status_at()

    @property
    def status_label(self) -> str:
        return str(ConsultationStatus(self.status).label)

    def is_open(self, now: datetime | None = None) -> bool:
        return self.status_at(now) == ConsultationStatus.OPEN

    @property
    def effective_doc_type(self) -> str:
        if self.doc_type:
            return self.doc_type
        return self.document.doc_type if self.document_id else DocumentType.OTHER

    @property
    def minimum_days(self) -> int:
        return MinimumPeriodRule.days_for(self.effective_doc_type)

    # ---- rules enforced when the officer saves -----------------------------------------------

    def clean(self):
        super().clean()
        errors: dict[str, list] = {}
        self._clean_version(errors)
        self._clean_period(errors)
        if errors:
            raise ValidationError(errors)

    def _clean_version(self, errors: dict[str, list]) -> None:
        if not self.document_id:
            return
        if self.version_id is None:
            self.version = self._newest_draft()
            if self.version is None:
                errors.setdefault("document", []).append(_("Văn bản này không có phiên bản dự thảo nào để lấy ý kiến."))
        elif self.version.document_id != self.document_id:
            errors.setdefault("version", []).append(_("Phiên bản này không thuộc văn bản dự thảo đã chọn."))
        elif self.version.kind != VersionKind.DRAFT:
            errors.setdefault("version", []).append(_("Chỉ lấy ý kiến trên phiên bản dự thảo."))

    def _clean_period(self, errors: dict[str, list]) -> None:
        if self.shortened_procedure and not self.shortened_reason.strip():
            errors.setdefault("shortened_reason", []).append(_("Nêu lý do áp dụng trình tự, thủ tục rút gọn."))
        if self.opens_at is None or self.closing_date is None:
            return
        opens_at = _aware(self.opens_at)
        closes_at = self.computed_closes_at()
        if closes_at <= opens_at:
            errors.setdefault("closing_date", []).append(_("Thời điểm kết thúc phải sau thời điểm mở lấy ý kiến."))
            return
        floor = self.minimum_days
        days = timeline.period_days(opens_at, self.closing_date)
        if days < floor and not self.shortened_procedure:
            errors.setdefault("closing_date", []).append(
                _(
                    "Thời gian lấy ý kiến đối với %(type)s tối thiểu là %(floor)s ngày (tính cả ngày nghỉ, từ "
                    "ngày sau ngày mở); lịch này chỉ có %(days)s ngày. Mở ngày %(opens)s thì ngày kết thúc sớm "
                    "nhất là %(earliest)s. Nếu dự thảo được xây dựng theo trình tự, thủ tục rút gọn (Điều 50 "
                    "Luật số 64/2025/QH15), hãy chọn «trình tự, thủ tục rút gọn» và nêu lý do."
                )
                % {
                    "type": DocumentType(self.effective_doc_type).label,
                    "floor": floor,
                    "days": days,
                    "opens": date_format(timeline.local_day(opens_at), "d/m/Y"),
                    "earliest": date_format(timeline.earliest_closing_day(opens_at, floor), "d/m/Y"),
                }
            )
        if self.answer_deadline and self.answer_deadline < self.closing_date:
            errors.setdefault("answer_deadline", []).append(
                _("Hạn trả lời góp ý không thể trước ngày kết thúc lấy ý kiến.")
            )

    def _newest_draft(self) -> DocumentVersion | None:
        return (
            DocumentVersion.objects.filter(document_id=self.document_id, kind=VersionKind.DRAFT)
            .order_by("-number")
            .first()
        )

    def save(self, *args, **kwargs):
        if self.opens_at is not None:
            self.opens_at = _aware(self.opens_at)
        if self.closing_date is not None:
            self.closes_at = self.computed_closes_at()
            if self.answer_deadline is None:
                self.answer_deadline = timeline.default_answer_deadline(self.closing_date)
        if self.document_id and self.version_id is None:
            self.version = self._newest_draft()
        if self.document_id and not self.doc_type:
            self.doc_type = self.document.doc_type
        if self.lead_agency_id is None and self.depth:
            folder = self.get_parent()
            if folder is not None and hasattr(folder.specific, "agency_id"):
                self.lead_agency_id = folder.specific.agency_id
        return super().save(*args, **kwargs)


def _aware(moment: datetime) -> datetime:
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment, timeline.VIETNAM)


class ConsultationQuestion(Orderable):
    """A question put to stakeholders (câu hỏi lấy ý kiến), in the order the officer set."""

    page = ParentalKey(ConsultationPage, on_delete=models.CASCADE, related_name="questions")
    text = models.TextField(_("câu hỏi"))
    note = models.TextField(_("giải thích"), blank=True)

    panels = [FieldPanel("text"), FieldPanel("note")]

    class Meta(Orderable.Meta):
        verbose_name = _("câu hỏi lấy ý kiến")
        verbose_name_plural = _("câu hỏi lấy ý kiến")

    def __str__(self) -> str:
        return self.text


class AttachmentKind(models.TextChoices):
    IMPACT_ASSESSMENT = "danh-gia-tac-dong", _("Báo cáo đánh giá tác động")
    COVER_MEMO = "to-trinh", _("Tờ trình")
    COMPARISON = "ban-so-sanh", _("Bản so sánh, thuyết minh")
    OTHER = "khac", _("Tài liệu khác")


class ConsultationAttachment(Orderable):
    """A file put out with the draft (a Wagtail document) and what it is."""

    page = ParentalKey(ConsultationPage, on_delete=models.CASCADE, related_name="attachments")
    kind = models.CharField(_("loại tài liệu"), max_length=32, choices=AttachmentKind.choices)
    document = models.ForeignKey(
        "wagtaildocs.Document", on_delete=models.PROTECT, related_name="+", verbose_name=_("tệp")
    )
    title = models.CharField(_("tên hiển thị"), max_length=255, blank=True, help_text=_("Để trống: tên của tệp."))

    panels = [FieldRowPanel([FieldPanel("kind"), FieldPanel("title")]), FieldPanel("document")]

    class Meta(Orderable.Meta):
        verbose_name = _("tài liệu kèm theo")
        verbose_name_plural = _("tài liệu kèm theo")

    def __str__(self) -> str:
        return self.display_title

    @property
    def display_title(self) -> str:
        return self.title or self.document.title
