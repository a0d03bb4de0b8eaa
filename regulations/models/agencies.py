"""Shared references every app may use: agencies (bộ, ngành, tỉnh) and fields (lĩnh vực).

They were first defined in ``portal``; they live at the bottom layer so that every domain app can
point at them without importing the site shell (see docs/architecture.md, "Layers").
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class AgencyKind(models.TextChoices):
    LEGISLATURE = "quoc-hoi", _("Quốc hội và cơ quan của Quốc hội")
    GOVERNMENT = "chinh-phu", _("Chính phủ, Thủ tướng Chính phủ")
    MINISTRY = "bo", _("Bộ")
    MINISTRY_LEVEL = "co-quan-ngang-bo", _("Cơ quan ngang bộ")
    GOVERNMENT_AGENCY = "co-quan-thuoc-chinh-phu", _("Cơ quan thuộc Chính phủ")
    PROVINCE = "tinh", _("Ủy ban nhân dân tỉnh, thành phố")
    OTHER = "khac", _("Khác")


class Agency(index.Indexed, models.Model):
    """An issuing or managing body: bộ, cơ quan ngang bộ, tỉnh..."""

    name = models.CharField(_("tên cơ quan"), max_length=255, unique=True)
    short_name = models.CharField(_("tên viết tắt"), max_length=64, blank=True)
    code = models.CharField(
        _("mã trong số hiệu"),
        max_length=32,
        blank=True,
        help_text=_("Phần ký hiệu trong số hiệu văn bản, ví dụ BTC, BCT, TTg, VPCP."),
    )
    slug = models.SlugField(_("đường dẫn"), max_length=100, unique=True)
    kind = models.CharField(_("loại"), max_length=32, choices=AgencyKind.choices, default=AgencyKind.OTHER)

    panels = [FieldPanel("name"), FieldPanel("short_name"), FieldPanel("code"), FieldPanel("slug"), FieldPanel("kind")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("cơ quan")
        verbose_name_plural = _("cơ quan")

    def __str__(self) -> str:
        return self.name


class Field(index.Indexed, models.Model):
    """A field of state management (lĩnh vực): đất đai, xây dựng, du lịch..."""

    name = models.CharField(_("tên lĩnh vực"), max_length=255, unique=True)
    slug = models.SlugField(_("đường dẫn"), max_length=100, unique=True)

    panels = [FieldPanel("name"), FieldPanel("slug")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("lĩnh vực")
        verbose_name_plural = _("lĩnh vực")

    def __str__(self) -> str:
        return self.name


class AgencyRole(models.TextChoices):
    """What a group of an agency's staff does (regulations.roles says with which rights)."""

    EDITOR = "editor", _("Pháp chế")
    APPROVER = "approver", _("Phê duyệt")
    MODERATOR = "moderator", _("Kiểm duyệt góp ý")


class AgencyGroup(models.Model):
    """The group that holds one role for one agency: alice is a legal officer of Bộ Tài chính
    because she is in the group recorded here as Bộ Tài chính's editors. Created by
    regulations.roles.ensure_agency_roles; the group's name is only a label."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="role_groups", verbose_name=_("cơ quan"))
    role = models.CharField(_("vai trò"), max_length=16, choices=AgencyRole.choices)
    group = models.OneToOneField(
        "auth.Group", on_delete=models.CASCADE, related_name="agency_role", verbose_name=_("nhóm người dùng")
    )

    class Meta:
        ordering = ["agency__name", "role"]
        verbose_name = _("nhóm vai trò của cơ quan")
        verbose_name_plural = _("nhóm vai trò của cơ quan")
        constraints = [models.UniqueConstraint(fields=["agency", "role"], name="agency_group_one_per_role")]

    def __str__(self) -> str:
        return f"{self.get_role_display()} — {self.agency}"
