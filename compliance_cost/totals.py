"""Per-agency totals: regulations cut of the total and the cost-weighted reduction, each against
the 20% targets, as planned (every plan not withdrawn) and as achieved (plans in force).

Read in a fixed number of queries whatever the number of regulations (three: the regulations
with their annual cost, the plan items with their plan, the agencies); the arithmetic is the
pure model's (compliance_cost.model.plans.agency_totals). A regulation counts once, with the item
of its latest plan (by year, then by plan).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from compliance_cost.costing import regulation_annual
from compliance_cost.model.plans import Action, AgencyTotals, PlanStatus, RegulationCost, agency_totals, plan_status
from compliance_cost.models import PlanItem
from compliance_cost.models.plans import today
from regulations.models import Agency, BusinessRegulation


@dataclass(frozen=True)
class ItemFacts:
    regulation_id: int
    action: Action
    before: Decimal | None
    after: Decimal | None
    in_force: bool


@dataclass(frozen=True)
class AgencyReport:
    agency: Agency
    planned: AgencyTotals
    in_force: AgencyTotals
    plans: int


def regulation_costs(agency_ids: Iterable[int] | None = None) -> list[tuple[int, int, Decimal | None]]:
    """(regulation id, agency id, annual cost or None) of every business regulation."""
    rows = BusinessRegulation.objects.all()
    if agency_ids is not None:
        rows = rows.filter(agency_id__in=list(agency_ids))
    return [
        (pk, agency_id, None if cost is None else Decimal(cost))
        for pk, agency_id, cost in rows.annotate(cost=regulation_annual()).values_list("pk", "agency_id", "cost")
    ]


def latest_items(
    day: datetime.date, agency_ids: Iterable[int] | None = None
) -> tuple[dict[int, ItemFacts], dict[int, int]]:
    """Each regulation's item in its latest plan not withdrawn, and the number of plans not
    withdrawn per agency."""
    items = (
        PlanItem.objects.filter(plan__withdrawn=False).select_related("plan").order_by("plan__year", "plan_id", "pk")
    )
    if agency_ids is not None:
        items = items.filter(plan__agency_id__in=list(agency_ids))
    latest: dict[int, ItemFacts] = {}
    plans: dict[int, set[int]] = {}
    for item in items.only(
        "regulation_id",
        "action",
        "before_annual",
        "after_annual",
        "plan__id",
        "plan__agency_id",
        "plan__withdrawn",
        "plan__decision_number",
        "plan__decision_document_id",
        "plan__amending_number",
        "plan__amending_document_id",
        "plan__effective_date",
        "plan__year",
    ):
        plan = item.plan
        status = plan_status(
            withdrawn=plan.withdrawn,
            approved=bool(plan.decision_number or plan.decision_document_id),
            amending_issued=bool(plan.amending_number or plan.amending_document_id),
            effective_on=plan.effective_date,
            today=day,
        )
        latest[item.regulation_id] = ItemFacts(
            regulation_id=item.regulation_id,
            action=Action(item.action),
            before=None if item.before_annual is None else Decimal(item.before_annual),
            after=None if item.after_annual is None else Decimal(item.after_annual),
            in_force=status is PlanStatus.IN_FORCE,
        )
        plans.setdefault(plan.agency_id, set()).add(plan.pk)
    return latest, {agency_id: len(ids) for agency_id, ids in plans.items()}


def _cost(regulation_id: int, annual: Decimal | None, item: ItemFacts | None, achieved_only: bool) -> RegulationCost:
    if item is None or (achieved_only and not item.in_force):
        return RegulationCost(regulation_id, annual)
    return RegulationCost(regulation_id, annual, item.action, item.before, item.after)


def agency_reports(day: datetime.date | None = None, agency_ids: Iterable[int] | None = None) -> list[AgencyReport]:
    """Every agency with business regulations, by name."""
    day = day or today()
    ids = None if agency_ids is None else list(agency_ids)
    costs = regulation_costs(ids)
    items, plans = latest_items(day, ids)
    by_agency: dict[int, list[tuple[int, Decimal | None]]] = {}
    for regulation_id, agency_id, annual in costs:
        by_agency.setdefault(agency_id, []).append((regulation_id, annual))
    agencies = Agency.objects.filter(pk__in=list(by_agency)).order_by("name")
    reports = []
    for agency in agencies:
        regulations = by_agency[agency.pk]
        planned = agency_totals(_cost(pk, annual, items.get(pk), False) for pk, annual in regulations)
        achieved = agency_totals(_cost(pk, annual, items.get(pk), True) for pk, annual in regulations)
        reports.append(AgencyReport(agency, planned, achieved, plans.get(agency.pk, 0)))
    return reports
