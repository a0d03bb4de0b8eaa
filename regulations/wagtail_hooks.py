"""Admin screens for the regulation library (Wagtail snippets and viewsets)."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from regulations.models import BusinessRegulation


class BusinessRegulationViewSet(SnippetViewSet):
    model = BusinessRegulation
    icon = "list-ul"
    menu_label = "Quy định kinh doanh"
    list_display = ["title", "document", "category", "agency", "status"]
    list_filter = ["category", "status", "agency"]
    search_fields = ["title", "description"]


class RegulationsGroup(SnippetViewSetGroup):
    items = (BusinessRegulationViewSet,)
    menu_icon = "doc-full"
    menu_label = "Quy định kinh doanh"
    menu_name = "regulations"


register_snippet(RegulationsGroup)
