"""A document's structure as ordered rows: chapter, section, article, clause, point..."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ProvisionKind(models.TextChoices):
    CHAPTER = "chapter", _("Chương")
    SECTION = "section", _("Mục")
    PART = "part", _("Phần")
    ARTICLE = "article", _("Điều")
    CLAUSE = "clause", _("Khoản")
    POINT = "point", _("Điểm")
    BULLET = "bullet", _("Ý")
    APPENDIX = "appendix", _("Phụ lục")
    ATTACHMENT = "attachment", _("Văn bản kèm theo")


class ProvisionQuerySet(models.QuerySet):
    def articles(self):
        return self.filter(kind=ProvisionKind.ARTICLE)

    def current(self):
        """Provisions of their document's current version (what the page shows by default)."""
        return self.filter(version__is_current=True)


class Provision(models.Model):
    """One unit of a version's text. `position` orders the units of a version in reading order.

    `document` repeats `version.document`, so queries by document keep working; add
    `.current()` to keep to the text the page shows.
    """

    document = models.ForeignKey("regulations.LegalDocumentPage", on_delete=models.CASCADE, related_name="provisions")
    version = models.ForeignKey(
        "regulations.DocumentVersion", on_delete=models.CASCADE, related_name="provisions", verbose_name=_("phiên bản")
    )
    parent = models.ForeignKey("self", on_delete=models.CASCADE, null=True, blank=True, related_name="children")
    kind = models.CharField(_("loại"), max_length=16, choices=ProvisionKind.choices)
    label = models.CharField(_("số/ký hiệu"), max_length=64)
    heading = models.TextField(_("tiêu đề"), blank=True)
    text = models.TextField(_("nội dung"), blank=True)
    position = models.PositiveIntegerField(_("thứ tự"))
    depth = models.PositiveSmallIntegerField(default=0)
    anchor = models.CharField(_("neo"), max_length=160)
    citation = models.CharField(_("trích dẫn"), max_length=255, blank=True)
    external_id = models.CharField(_("mã nguồn nhập"), max_length=128, unique=True, null=True, blank=True)

    objects = ProvisionQuerySet.as_manager()

    class Meta:
        ordering = ["document", "version", "position"]
        indexes = [models.Index(fields=["document", "position"]), models.Index(fields=["version", "position"])]
        constraints = [
            models.UniqueConstraint(fields=["version", "anchor"], name="provision_unique_anchor_per_version"),
        ]
        verbose_name = _("điều khoản")
        verbose_name_plural = _("điều khoản")

    def __str__(self) -> str:
        return f"{self.citation or self.anchor} — {self.document.number or self.document.title}"

    def get_absolute_url(self) -> str:
        """The provision on its document's page; a provision of another version than the
        current one adds that version's parameter."""
        from regulations.models.versions import VERSION_PARAM

        version = self.version
        query = "" if version.is_current else f"?{VERSION_PARAM}={version.number}"
        return f"{self.document.url}{query}#{self.anchor}"

    @property
    def kind_label(self) -> str:
        return str(ProvisionKind(self.kind).label)

    @property
    def display_label(self) -> str:
        """'Điều 5', 'Chương II', '2.', 'a)', '-'."""
        if self.kind == ProvisionKind.CLAUSE:
            return f"{self.label}."
        if self.kind == ProvisionKind.POINT:
            return f"{self.label})"
        if self.kind == ProvisionKind.BULLET:
            return "-"
        if self.kind == ProvisionKind.PART:
            return f"{self.label}."
        if self.kind == ProvisionKind.ATTACHMENT:
            return str(_("Kèm theo"))
        return f"{self.kind_label} {self.label}"

    @property
    def title_line(self) -> str:
        """How the unit is named in a table of contents: 'Điều 5. Phạm vi', 'I. MỤC TIÊU'."""
        label = self.display_label.rstrip(".")
        if self.kind == ProvisionKind.ATTACHMENT:
            return f"{label}: {self.heading or self.label}"
        return f"{label}. {self.heading}" if self.heading else label
