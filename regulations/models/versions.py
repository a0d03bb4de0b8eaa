"""Versions of a document's text: drafts (dự thảo) and official texts, numbered 1, 2, ...

Provisions belong to a version. Which version is current (shown by default) and which was in
force on a date are decided in `regulations.validity`; `is_current` stores today's answer
(refreshed by `regulations.states`) so queries such as the search entry builder can filter on it.
"""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from regulations.validity import VersionFacts

# The query parameter that picks a version on the document page: /van-ban/.../?phien-ban=2
VERSION_PARAM = "phien-ban"


class VersionKind(models.TextChoices):
    DRAFT = "du-thao", _("Dự thảo")
    OFFICIAL = "chinh-thuc", _("Văn bản chính thức")


class DocumentVersionQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)


class DocumentVersion(models.Model):
    """One text of a document. Version 1 is the text first imported."""

    document = models.ForeignKey(
        "regulations.LegalDocumentPage", on_delete=models.CASCADE, related_name="versions", verbose_name=_("văn bản")
    )
    number = models.PositiveIntegerField(_("phiên bản số"))
    kind = models.CharField(
        _("loại phiên bản"), max_length=16, choices=VersionKind.choices, default=VersionKind.OFFICIAL
    )
    effective_date = models.DateField(
        _("ngày có hiệu lực"),
        null=True,
        blank=True,
        help_text=_("Để trống với dự thảo; phiên bản đầu tiên để trống thì theo ngày có hiệu lực của văn bản."),
    )
    label = models.CharField(_("tên phiên bản"), max_length=255, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    source = models.CharField(_("nguồn"), max_length=255, blank=True, help_text=_("Tệp hoặc bộ dữ liệu của bản văn."))
    preamble = models.TextField(_("phần mở đầu"), blank=True)
    closing = models.TextField(_("phần kết"), blank=True)
    is_published = models.BooleanField(
        _("đã công bố"),
        default=True,
        help_text=_("Phiên bản tải lên trong trang quản trị chờ được duyệt cùng trang văn bản."),
    )
    is_current = models.BooleanField(_("là phiên bản hiện hành"), default=False, editable=False)
    import_fingerprint = models.CharField(max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(_("tạo lúc"), default=timezone.now, editable=False)

    objects = DocumentVersionQuerySet.as_manager()

    class Meta:
        ordering = ["document", "number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="version_unique_number"),
            models.UniqueConstraint(fields=["document"], condition=Q(is_current=True), name="version_one_current"),
        ]
        verbose_name = _("phiên bản văn bản")
        verbose_name_plural = _("phiên bản văn bản")

    def __str__(self) -> str:
        return f"{self.document} — {self.display_name}"

    @property
    def is_draft(self) -> bool:
        return self.kind == VersionKind.DRAFT

    @property
    def display_name(self) -> str:
        """'Phiên bản 2 (dự thảo)', or its label when it has one."""
        name = str(_("Phiên bản %(number)s")) % {"number": self.number}
        return f"{name}: {self.label}" if self.label else name

    @property
    def query(self) -> str:
        """The query string that shows this version on the document page."""
        return f"?{VERSION_PARAM}={self.number}"

    def facts(self) -> VersionFacts:
        return VersionFacts(self.number, self.kind == VersionKind.OFFICIAL, self.effective_date, self.is_published)
