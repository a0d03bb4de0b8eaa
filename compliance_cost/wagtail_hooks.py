"""Admin screens for compliance cost: parameter sets (admins), cost profiles and reduction plans
(each agency's own: regulations.roles.AgencyPermissionPolicy), and the prefill from the legal text.

Saving a profile computes it (compliance_cost/costing.py); saving a plan refreshes its items'
figures; deleting either rescores and refreshes what depended on it.
"""

from __future__ import annotations

from typing import Any

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import ObjectList
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from compliance_cost import costing, scores
from compliance_cost.admin_views import prefill_profile
from compliance_cost.forms import CostProfileForm, ReductionPlanForm
from compliance_cost.models import CostProfile, ParameterSet, ReductionPlan
from regulations.agency_admin import AgencySnippetViewSet
from regulations.roles import AgencyPermissionPolicy

register_permission_policy(CostProfile, AgencyPermissionPolicy(CostProfile))
register_permission_policy(ReductionPlan, AgencyPermissionPolicy(ReductionPlan))


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


class CostProfileViewSet(AgencySnippetViewSet):
    model = CostProfile
    icon = "decimal"
    menu_label = _("Hồ sơ chi phí")
    list_display = ["subject_title", "agency", "status", "annual_total", "grade", "percentile", "plan_item"]
    list_filter = ["status", "grade", "agency", "method"]
    search_fields = ["regulation__title", "procedure__name"]
    edit_handler = ObjectList(CostProfile.panels, base_form_class=CostProfileForm)


class ReductionPlanViewSet(AgencySnippetViewSet):
    model = ReductionPlan
    icon = "arrow-down-big"
    menu_label = _("Phương án cắt giảm")
    list_display = ["title", "agency", "year", "status_label"]
    list_filter = ["agency", "year", "withdrawn"]
    search_fields = ["title", "decision_number", "amending_number"]
    edit_handler = ObjectList(ReductionPlan.panels, base_form_class=ReductionPlanForm)


class ComplianceCostGroup(SnippetViewSetGroup):
    items = (CostProfileViewSet, ReductionPlanViewSet, ParameterSetViewSet)
    menu_icon = "decimal"
    menu_label = _("Chi phí tuân thủ")
    menu_name = "compliance_cost"


register_snippet(ComplianceCostGroup)


def _after_save(request: Any, instance: Any) -> None:
    if isinstance(instance, CostProfile):
        costing.recompute_profile(instance)
    elif isinstance(instance, ReductionPlan):
        costing.refresh_plan_items(instance.items.all())


def _after_delete(request: Any, instances: Any) -> None:
    if any(isinstance(instance, CostProfile | ReductionPlan) for instance in instances):
        scores.rescore()
        costing.refresh_plan_items()


hooks.register("after_create_snippet", _after_save)
hooks.register("after_edit_snippet", _after_save)
hooks.register("after_delete_snippet", _after_delete)


@hooks.register("register_admin_urls")
def register_prefill_url() -> list[Any]:
    return [path("chi-phi/ho-so/<int:pk>/de-xuat/", prefill_profile, name="compliance_cost_prefill")]
