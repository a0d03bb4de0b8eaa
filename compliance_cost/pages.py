"""What the public cost pages show, read in a fixed number of queries per page (views.py renders).

* ``regulation_context``: a business regulation with its cost profile (breakdown, evidence,
  score), its procedures' costs and the plan items about it, with the Council's opinions;
* ``procedure_context``: an administrative procedure with its dossier, time limit, fees and cost;
* ``plan_context``: a reduction plan, its items, its totals against the targets, the printed
  figures that do not add up, and the Council's opinions;
* ``agency_context`` and ``overview_context``: per-agency totals against the 20% targets.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Prefetch
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from compliance_cost.model import REDUCTION_TARGET
from compliance_cost.model.comparison import RegulationOutcome, aggregate
from compliance_cost.model.plans import Action, check_stated
from compliance_cost.model.scoring import BANDS
from compliance_cost.models import CostCategory, CostProfile, Phase, PlanItem, ProfileCost, ProfileStep, ReductionPlan
from compliance_cost.models.plans import today
from compliance_cost.regulation_notes import regulation_figures
from compliance_cost.totals import AgencyReport, agency_reports
from consultations.models import CouncilOpinion
from regulations.models import AdministrativeProcedure, Agency, BusinessRegulation
from regulations.roles import is_council_member

PROFILE_ROWS = (
    Prefetch("steps", queryset=ProfileStep.objects.select_related("provision").order_by("sort_order", "pk")),
    Prefetch("costs", queryset=ProfileCost.objects.select_related("provision").order_by("sort_order", "pk")),
)


@dataclass
class Breakdown:
    """A profile's parts, as the page lists them."""

    profile: CostProfile
    recurring_steps: list[ProfileStep] = field(default_factory=list)
    one_off_steps: list[ProfileStep] = field(default_factory=list)
    fees: list[ProfileCost] = field(default_factory=list)
    services: list[ProfileCost] = field(default_factory=list)
    other: list[ProfileCost] = field(default_factory=list)
    one_off: list[ProfileCost] = field(default_factory=list)

    @property
    def estimates(self) -> int:
        rows: list[Any] = [*self.recurring_steps, *self.one_off_steps, *self.fees, *self.services, *self.other]
        return sum(1 for row in [*rows, *self.one_off] if row.is_estimate)

    @property
    def total_parts(self) -> list[tuple[str, Decimal | None]]:
        data = self.profile.breakdown or {}
        return [(name, None if data.get(name) is None else Decimal(data[name])) for name in PART_NAMES]


PART_NAMES = ("time", "services", "fees", "other", "one_off")


def breakdown(profile: CostProfile) -> Breakdown:
    parts = Breakdown(profile)
    for step in profile.steps.all():
        (parts.recurring_steps if step.phase == Phase.RECURRING else parts.one_off_steps).append(step)
    by_category = {
        CostCategory.FEE: parts.fees,
        CostCategory.SERVICE: parts.services,
        CostCategory.OTHER: parts.other,
        CostCategory.ONE_OFF: parts.one_off,
    }
    for cost in profile.costs.all():
        by_category[CostCategory(cost.category)].append(cost)
    return parts


def _profile(queryset: Any) -> CostProfile | None:
    return (
        queryset.current()
        .published()
        .select_related("computed_parameter_set", "agency")
        .prefetch_related(*PROFILE_ROWS)
        .first()
    )


def opinions_about(objects: list[Any]) -> dict[tuple[int, int], list[CouncilOpinion]]:
    """Published Council opinions on ``objects``, by (content type id, object id). One query."""
    found: dict[tuple[int, int], list[CouncilOpinion]] = {}
    if not objects:
        return found
    for opinion in CouncilOpinion.objects.published().about(objects).order_by("-given_on", "-pk"):
        found.setdefault((opinion.content_type_id, opinion.object_id), []).append(opinion)
    return found


def _opinions_for(opinions: dict[tuple[int, int], list[CouncilOpinion]], obj: Any) -> list[CouncilOpinion]:
    return opinions.get((ContentType.objects.get_for_model(obj).pk, obj.pk), [])


def _items(**match: Any) -> list[PlanItem]:
    return list(
        PlanItem.objects.filter(**match)
        .select_related("plan", "plan__agency", "regulation", "procedure")
        .order_by("-plan__year", "plan_id", "sort_order")
    )


def regulation_context(regulation_id: int) -> dict[str, Any]:
    regulation = (
        BusinessRegulation.objects.select_related("document", "agency", "sector")
        .prefetch_related("provisions")
        .filter(pk=regulation_id)
        .first()
    )
    if regulation is None:
        raise Http404("no such business regulation")
    profile = _profile(CostProfile.objects.filter(regulation=regulation))
    procedures = list(
        AdministrativeProcedure.objects.filter(regulation=regulation).prefetch_related(
            Prefetch("cost_profiles", queryset=CostProfile.objects.current().published(), to_attr="published_profiles")
        )
    )
    items = _items(regulation=regulation)
    opinions = opinions_about([item.plan for item in items] + items)
    for item in items:
        item.opinions = _opinions_for(opinions, item) + _opinions_for(opinions, item.plan)
    figure = regulation_figures([regulation.pk]).get(regulation.pk)
    return {
        "regulation": regulation,
        "profile": profile,
        "parts": breakdown(profile) if profile else None,
        "procedures": procedures,
        "items": items,
        "annual": figure[0] if figure else None,
        "grade": figure[1] if figure else "",
        "rolled_up": profile is None and figure is not None,
        "bands": BANDS,
    }


def procedure_context(procedure_id: int) -> dict[str, Any]:
    procedure = (
        AdministrativeProcedure.objects.select_related("agency", "regulation", "regulation__document")
        .prefetch_related("documents", "fees", "provisions")
        .filter(pk=procedure_id)
        .first()
    )
    if procedure is None:
        raise Http404("no such procedure")
    profile = _profile(CostProfile.objects.filter(procedure=procedure))
    items = _items(procedure=procedure)
    return {
        "procedure": procedure,
        "profile": profile,
        "parts": breakdown(profile) if profile else None,
        "items": items,
        "bands": BANDS,
    }


def plan_context(plan_id: int, user: Any) -> dict[str, Any]:
    plan = (
        ReductionPlan.objects.select_related("agency", "decision_document", "amending_document")
        .filter(pk=plan_id)
        .first()
    )
    if plan is None:
        raise Http404("no such plan")
    items = list(
        plan.items.select_related("regulation", "regulation__document", "procedure").order_by("sort_order", "pk")
    )
    totals = aggregate(
        RegulationOutcome(
            before_annual=Decimal(item.before_annual or 0),
            after_annual=Decimal(item.after_annual if item.after_annual is not None else item.before_annual or 0),
            cut=item.cut,
        )
        for item in items
    )
    opinions = opinions_about([plan, *items])
    for item in items:
        item.opinions = _opinions_for(opinions, item)
    council = is_council_member(user) if user.is_authenticated else False
    return {
        "plan": plan,
        "status": plan.status,
        "items": items,
        "totals": totals,
        "unknown_before": sum(1 for item in items if item.before_annual is None),
        "unknown_after": sum(1 for item in items if item.after_annual is None),
        "discrepancies": check_stated(plan.stated, totals),
        "stated": plan.stated,
        "opinions": _opinions_for(opinions, plan),
        "council_member": council,
        "plan_type": ContentType.objects.get_for_model(ReductionPlan).pk if council else None,
        "item_type": ContentType.objects.get_for_model(PlanItem).pk if council else None,
        "actions": {action.value: action for action in Action},
        "target": REDUCTION_TARGET,
    }


def chart_rows(reports: list[AgencyReport], figure: str) -> list[dict[str, Any]]:
    """One chart row per agency: ``figure`` ("share_cut" or "reduction_rate") as planned and as
    in force."""
    planned, achieved = str(_("Theo phương án")), str(_("Đã có hiệu lực"))
    return [
        {
            "agency": report.agency,
            "bars": [
                (planned, getattr(report.planned.totals, figure), "planned"),
                (achieved, getattr(report.in_force.totals, figure), "achieved"),
            ],
        }
        for report in reports
    ]


def overview_context() -> dict[str, Any]:
    reports = agency_reports(today())
    costliest = list(
        CostProfile.objects.scored()
        .select_related("regulation", "procedure", "agency")
        .order_by("-annual_total", "pk")[:10]
    )
    return {
        "reports": reports,
        "count_chart": chart_rows(reports, "share_cut"),
        "cost_chart": chart_rows(reports, "reduction_rate"),
        "costliest": costliest,
        "target": REDUCTION_TARGET,
        "plans": list(ReductionPlan.objects.select_related("agency").order_by("-year", "agency__name", "pk")),
        "bands": BANDS,
    }


def agency_context(slug: str) -> dict[str, Any]:
    agency = Agency.objects.filter(slug=slug).first()
    if agency is None:
        raise Http404("no such agency")
    reports = agency_reports(today(), [agency.pk])
    report = reports[0] if reports else None
    regulations = list(BusinessRegulation.objects.filter(agency=agency).select_related("document").order_by("title"))
    figures = regulation_figures([r.pk for r in regulations])
    rows = sorted(
        (
            {"regulation": r, "annual": figures.get(r.pk, (None, ""))[0], "grade": figures.get(r.pk, (None, ""))[1]}
            for r in regulations
        ),
        key=lambda row: (row["annual"] is None, -(row["annual"] or 0), row["regulation"].title),
    )
    procedures = list(AdministrativeProcedure.objects.filter(agency=agency).order_by("name"))
    return {
        "agency": agency,
        "report": report,
        "reports": reports,
        "count_chart": chart_rows(reports, "share_cut"),
        "cost_chart": chart_rows(reports, "reduction_rate"),
        "rows": rows,
        "procedures": procedures,
        "plans": list(ReductionPlan.objects.filter(agency=agency).order_by("-year", "pk")),
        "target": REDUCTION_TARGET,
    }
