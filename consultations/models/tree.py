"""Where consultations live in the page tree: /tham-van/ and one folder per agency beneath it.

Each agency's folder carries the same groups as its folder in the library (regulations.roles):
its legal officers add and edit consultations there, its approvers publish them, through the
agency's moderation workflow; nobody else's folder is theirs.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page


class ConsultationIndexPage(Page):
    """/tham-van/: every consultation. Children are one folder per agency."""

    intro = models.TextField(_("giới thiệu"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["consultations.ConsultationFolderPage"]
    max_count = 1

    class Meta:
        verbose_name = _("trang tham vấn")


class ConsultationFolderPage(Page):
    """/tham-van/<agency>/: one agency's consultations; its staff's permissions hold here only."""

    agency = models.OneToOneField(
        "regulations.Agency",
        on_delete=models.PROTECT,
        related_name="consultation_folder",
        verbose_name=_("cơ quan"),
    )

    content_panels = Page.content_panels + [FieldPanel("agency")]
    parent_page_types = ["consultations.ConsultationIndexPage"]
    subpage_types = ["consultations.ConsultationPage"]

    class Meta:
        verbose_name = _("dự thảo của cơ quan")
