"""Admin screens for compliance cost: parameter sets (a Wagtail snippet, editable without a deploy)."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from compliance_cost.models import ParameterSet


class ParameterSetViewSet(SnippetViewSet):
    model = ParameterSet
    icon = "sliders"
    menu_label = _("Bộ tham số")
    list_display = ["name", "method", "base_year", "derivation", "overhead_multiplier", "is_active"]
    list_filter = ["method", "is_active"]
    search_fields = ["name", "source_citation"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "name",
        "method",
        "base_year",
        "derivation",
        "overhead_multiplier",
        "source_citation",
        "source_url",
        "notes",
        "is_active",
    ]


class ComplianceCostGroup(SnippetViewSetGroup):
    items = (ParameterSetViewSet,)
    menu_icon = "decimal"
    menu_label = _("Chi phí tuân thủ")
    menu_name = "compliance_cost"


register_snippet(ComplianceCostGroup)
