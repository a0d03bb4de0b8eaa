"""The site shell's own page: the home page."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from consultations.models.listing import closing_soon
from regulations.models.listing import home_page_sections


class HomePage(Page):
    """The portal's front page: search box, drafts closing soonest, newest documents, documents by
    field and agency."""

    intro = models.TextField(_("giới thiệu"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("trang chủ")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(home_page_sections())
        context["closing_soon"] = closing_soon(limit=4)
        return context
