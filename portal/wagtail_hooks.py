"""Admin screens for the shared references: agencies and fields."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from portal.models import Agency, Field


class AgencyViewSet(SnippetViewSet):
    model = Agency
    icon = "group"
    menu_label = "Cơ quan"
    list_display = ["name", "short_name", "code", "kind"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name", "code"]


class FieldViewSet(SnippetViewSet):
    model = Field
    icon = "tag"
    menu_label = "Lĩnh vực"
    list_display = ["name", "slug"]
    search_fields = ["name"]


class ReferencesGroup(SnippetViewSetGroup):
    items = (AgencyViewSet, FieldViewSet)
    menu_icon = "folder-open-inverse"
    menu_label = "Danh mục"
    menu_name = "references"


register_snippet(ReferencesGroup)
