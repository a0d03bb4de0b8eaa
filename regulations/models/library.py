"""The library's pages: /van-ban/ (every document, with filters) and one folder per agency,
whose editors get page permissions on that subtree only (regulations.roles)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from .listing import document_list_context


class LegalDocumentIndexPage(Page):
    """The library: every legal document, with filters. Children are one folder per agency."""

    intro = models.TextField(_("giới thiệu"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["regulations.AgencyFolderPage"]
    max_count = 1

    class Meta:
        verbose_name = _("thư viện văn bản")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(document_list_context(request.GET))
        return context


class AgencyFolderPage(Page):
    """The documents one agency manages. Its editors get page permissions on this subtree only."""

    agency = models.OneToOneField(
        "regulations.Agency", on_delete=models.PROTECT, related_name="folder", verbose_name=_("cơ quan")
    )

    content_panels = Page.content_panels + [FieldPanel("agency")]
    parent_page_types = ["regulations.LegalDocumentIndexPage"]
    subpage_types = ["regulations.LegalDocumentPage"]

    class Meta:
        verbose_name = _("văn bản của cơ quan")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        params = request.GET.copy()
        params["agency"] = self.agency.slug
        context.update(document_list_context(params))
        return context
