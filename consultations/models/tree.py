"""Where consultations live in the page tree: /tham-van/ and one folder per agency beneath it.

Each agency's folder carries the same groups as its folder in the library (regulations.roles):
its legal officers add and edit consultations there, its approvers publish them, through the
agency's moderation workflow; nobody else's folder is theirs.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from .listing import consultation_list_context

RESULTS_TEMPLATE = "consultations/includes/consultation_results.html"


def _is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


class ConsultationIndexPage(Page):
    """/tham-van/: every consultation. Children are one folder per agency."""

    intro = models.TextField(_("giới thiệu"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["consultations.ConsultationFolderPage"]
    max_count = 1

    class Meta:
        verbose_name = _("trang tham vấn")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(consultation_list_context(request.GET))
        return context

    def get_template(self, request, *args, **kwargs):
        """With HTMX (a filter changed), only the results region."""
        return RESULTS_TEMPLATE if _is_htmx(request) else super().get_template(request, *args, **kwargs)


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

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        params = request.GET.copy()
        params["agency"] = self.agency.slug
        context.update(consultation_list_context(params))
        return context

    def get_template(self, request, *args, **kwargs):
        return RESULTS_TEMPLATE if _is_htmx(request) else super().get_template(request, *args, **kwargs)
