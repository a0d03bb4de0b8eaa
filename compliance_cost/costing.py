"""Computing cost profiles with the cost model, and keeping the figures that depend on them.

A profile's stored inputs become the API's calculate body (``profile_body``), which the pure model
validates and computes (``compliance_cost.model``): the same formulas, bounds and messages as
``POST /api/v1/compliance-cost/calculate``. The result is stored on the profile with the
parameter set it used; then the scores of all profiles (compliance_cost/scores.py) and the
figures of the plan items that read profiles are refreshed.

``recompute_profiles`` does this for every profile in a fixed number of queries, whatever their
number (``make bench`` measures it on 10,000; tests/compliance_cost/test_recompute.py counts the
queries): one read of the parameter sets, three of the profiles and their rows, one write of the
results (compliance_cost/bulk.py), one of the scores, two of the plan items.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, localcontext
from typing import Any

from django.db import transaction
from django.db.models import Case, DecimalField, F, OuterRef, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from compliance_cost import bulk, scores
from compliance_cost.model import CostResult, InvalidInput, Method, ParameterSetRef, calculate, parse_calculation
from compliance_cost.model.calculator import OwnInputs, OwnResult, own_cost
from compliance_cost.model.formulas import PRECISION
from compliance_cost.model.inputs import Calculation
from compliance_cost.model.plans import Action
from compliance_cost.models import (
    CostCategory,
    CostProfile,
    ParameterSet,
    Phase,
    PlanItem,
    ProfileCost,
    ProfileStatus,
    ProfileStep,
)
from compliance_cost.models.evidence import estimate_body
from compliance_cost.signals import cost_profiles_changed
from regulations.models import BusinessRegulation

COMPUTED_FIELDS = (
    "computed_at",
    "computed_parameter_set",
    "computation_error",
    "hourly_rate",
    "cost_per_occurrence",
    "per_subject_annual",
    "annual_total",
    "annual_low",
    "annual_high",
    "breakdown",
)


def _number(value: Any) -> Any:
    """A stored number as JSON reads it: whole numbers without a fraction (``12``, not
    ``12.0000``: integer inputs refuse fractions)."""
    if value is None:
        return None
    value = Decimal(value)
    return int(value) if value == value.to_integral_value() else value.normalize()


def _estimate(row: Any, name: str, evidence: dict[str, str] | None = None) -> Any:
    return estimate_body(
        _number(getattr(row, name)),
        _number(getattr(row, f"{name}_low", None)),
        _number(getattr(row, f"{name}_high", None)),
        evidence,
    )


def profile_body(profile: CostProfile, steps: Iterable[ProfileStep], costs: Iterable[ProfileCost]) -> dict[str, Any]:
    """The profile as the API's calculate body (hourly value and multiplier left to the
    parameter set, so the set is recorded)."""
    steps, costs = list(steps), list(costs)
    volume = None
    if profile.volume_evidence_kind:
        volume = {"kind": profile.volume_evidence_kind, "source": profile.volume_evidence_source}
        if profile.volume_evidence_url:
            volume["url"] = profile.volume_evidence_url
    body: dict[str, Any] = {"method": profile.method, "horizon_years": profile.horizon_years}
    if profile.subjects is not None:
        body["subjects"] = _estimate(profile, "subjects", volume)
    if profile.dossiers_per_year is not None:
        body["dossiers_per_year"] = _estimate(profile, "dossiers_per_year", volume)

    def step_body(step: ProfileStep) -> dict[str, Any]:
        evidence = step.evidence_body()
        return {
            "name": step.name,
            "hours": _estimate(step, "hours", evidence),
            "persons": _estimate(step, "persons", evidence),
        }

    def item_body(cost: ProfileCost) -> dict[str, Any]:
        return {"name": cost.name, "amount": _estimate(cost, "amount", cost.evidence_body())}

    recurring_steps = [step_body(s) for s in steps if s.phase == Phase.RECURRING]
    one_off_steps = [step_body(s) for s in steps if s.phase == Phase.ONE_OFF]
    by_category: dict[Any, list[ProfileCost]] = {}
    for cost in costs:
        by_category.setdefault(cost.category, []).append(cost)
    services = by_category.get(CostCategory.SERVICE, [])
    frequency_given = profile.per_year is not None or profile.every_years is not None
    has_recurring = bool(recurring_steps or services or frequency_given) or any(
        by_category.get(c) for c in (CostCategory.FEE, CostCategory.OTHER)
    )
    if has_recurring:
        recurring: dict[str, Any] = {
            "steps": recurring_steps,
            "fees": [item_body(c) for c in by_category.get(CostCategory.FEE, [])],
            "other_costs": [item_body(c) for c in by_category.get(CostCategory.OTHER, [])],
            "first_year": profile.first_year,
        }
        if services:
            total = sum((Decimal(c.amount) for c in services), Decimal(0))
            recurring["service_cost"] = _number(total)
        if profile.per_year is not None:
            recurring["per_year"] = _estimate(profile, "per_year", volume)
        if profile.every_years is not None:
            recurring["every_years"] = profile.every_years
        body["recurring"] = recurring
    one_off_items = by_category.get(CostCategory.ONE_OFF, [])
    if one_off_steps or one_off_items:
        amount = sum((Decimal(c.amount) for c in one_off_items), Decimal(0))
        body["one_off"] = {"steps": one_off_steps, "amount": _number(amount), "year": profile.one_off_year}
    return body


def parameter_sets_for(
    profile: CostProfile, current: Mapping[Method, ParameterSetRef]
) -> dict[Method, ParameterSetRef]:
    """The set a profile computes with: the one it names, else its method's current one."""
    if profile.parameter_set_id is not None and profile.parameter_set is not None:
        return {Method(profile.method): profile.parameter_set.as_ref()}
    return dict(current)


def calculation_of(
    profile: CostProfile,
    steps: Iterable[ProfileStep],
    costs: Iterable[ProfileCost],
    current: Mapping[Method, ParameterSetRef],
) -> Calculation:
    """The profile's calculation; :class:`InvalidInput` names what is wrong."""
    return parse_calculation(profile_body(profile, steps, costs), parameter_sets_for(profile, current))


@dataclass(frozen=True)
class Computed:
    values: dict[str, Any]
    result: CostResult | None


def compute(
    profile: CostProfile,
    steps: Iterable[ProfileStep],
    costs: Iterable[ProfileCost],
    current: Mapping[Method, ParameterSetRef],
) -> Computed:
    """The values to store on the profile (all of ``COMPUTED_FIELDS``)."""
    now = timezone.now()
    empty = dict.fromkeys(COMPUTED_FIELDS) | {"computed_at": now, "breakdown": {}, "computation_error": ""}
    try:
        calc = calculation_of(profile, steps, costs, current)
    except InvalidInput as exc:
        return Computed(empty | {"computation_error": "; ".join(f"{k}: {v}" for k, v in exc.errors.items())}, None)
    result = calculate(calc)
    figures = result.central
    per_subject = None
    if calc.subjects is not None and calc.subjects.value > 0:
        with localcontext() as ctx:
            ctx.prec = PRECISION
            per_subject = figures.annual_average / calc.subjects.value
    breakdown = {name: None if value is None else str(value) for name, value in vars(figures.breakdown).items()}
    breakdown["occurrences_per_year"] = str(figures.occurrences_total / calc.horizon_years)
    values = {
        "computed_at": now,
        "computed_parameter_set": result.parameter_set.id if result.parameter_set else None,
        "computation_error": "",
        "hourly_rate": figures.hourly_rate,
        "cost_per_occurrence": figures.cost_per_occurrence,
        "per_subject_annual": per_subject,
        "annual_total": figures.annual_average,
        "annual_low": result.low.annual_average if result.low else None,
        "annual_high": result.high.annual_average if result.high else None,
        "breakdown": breakdown,
    }
    return Computed(values, result)


def _store(profile: CostProfile, values: dict[str, Any]) -> None:
    for name, value in values.items():
        if name == "computed_parameter_set":
            profile.computed_parameter_set_id = value
        else:
            setattr(profile, name, value)


@transaction.atomic
def recompute_profile(profile: CostProfile) -> CostProfile:
    """Compute one profile (after it was saved), then the scores and the plan items."""
    current = ParameterSet.objects.current_by_method()
    computed = compute(profile, profile.steps.all(), profile.costs.all(), current)
    _store(profile, computed.values)
    computed_fields = [f if f != "computed_parameter_set" else "computed_parameter_set_id" for f in COMPUTED_FIELDS]
    CostProfile.objects.filter(pk=profile.pk).update(**{f: getattr(profile, f) for f in computed_fields})
    scores.rescore()
    refresh_plan_items()
    cost_profiles_changed.send(sender=CostProfile, profile_ids=[profile.pk])
    return profile


@transaction.atomic
def recompute_profiles(queryset: Any = None) -> int:
    """Compute every profile (or those of ``queryset``), the scores and the plan items, in a
    fixed number of queries. Returns the number of profiles computed."""
    current = ParameterSet.objects.current_by_method()
    pinned = {p.pk: p for p in ParameterSet.objects.filter(pk__in=CostProfile.objects.values("parameter_set"))}
    profiles = list((queryset if queryset is not None else CostProfile.objects.all()).order_by("pk"))
    ids = {p.pk for p in profiles}
    steps: dict[int, list[ProfileStep]] = {}
    costs: dict[int, list[ProfileCost]] = {}
    for step in ProfileStep.objects.order_by("profile_id", "sort_order", "pk"):
        if step.profile_id in ids:
            steps.setdefault(step.profile_id, []).append(step)
    for cost in ProfileCost.objects.order_by("profile_id", "sort_order", "pk"):
        if cost.profile_id in ids:
            costs.setdefault(cost.profile_id, []).append(cost)
    rows = []
    for profile in profiles:
        if profile.parameter_set_id is not None:
            profile.parameter_set = pinned.get(profile.parameter_set_id)
        computed = compute(profile, steps.get(profile.pk, []), costs.get(profile.pk, []), current)
        rows.append({"pk": profile.pk, **computed.values})
    bulk.update_rows(CostProfile, COMPUTED_FIELDS, rows)
    scores.rescore()
    refresh_plan_items()
    cost_profiles_changed.send(sender=CostProfile, profile_ids=sorted(ids))
    return len(rows)


# ---- plan items ------------------------------------------------------------------------------


def _published_annual(**match: Any) -> Subquery:
    return Subquery(
        CostProfile.objects.current().published().filter(annual_total__isnull=False, **match).values("annual_total")[:1]
    )


def regulation_annual() -> Any:
    """A regulation's annual cost, as an expression on BusinessRegulation rows: its own
    published profile, else the sum of its procedures' published profiles (else NULL)."""
    procedures = (
        CostProfile.objects.current()
        .published()
        .filter(procedure__regulation=OuterRef("pk"), annual_total__isnull=False)
        .order_by()
        .values("procedure__regulation")
        .annotate(total=Sum("annual_total"))
        .values("total")[:1]
    )
    return Coalesce(_published_annual(regulation=OuterRef("pk")), Subquery(procedures))


def refresh_plan_items(items: Any = None) -> None:
    """Before and after of each item from the profiles, else the entered figures; and whether it
    counts as cut. Seven statements for any number of items."""
    items = items if items is not None else PlanItem.objects.all()
    amount = DecimalField(max_digits=28, decimal_places=4)
    regulation_cost = Subquery(
        BusinessRegulation.objects.filter(pk=OuterRef("regulation_id"))
        .annotate(cost=regulation_annual())
        .values("cost")[:1],
        output_field=amount,
    )
    procedure_cost = _published_annual(procedure=OuterRef("procedure_id"))
    after_profile = Subquery(
        CostProfile.objects.filter(plan_item=OuterRef("pk"), annual_total__isnull=False).values("annual_total")[:1],
        output_field=amount,
    )
    items.update(
        before_annual=Case(
            When(procedure__isnull=False, then=procedure_cost), default=regulation_cost, output_field=amount
        ),
        after_annual=after_profile,
    )
    items.update(
        before_from_profile=Case(When(before_annual__isnull=False, then=Value(True)), default=Value(False)),
        after_from_profile=Case(When(after_annual__isnull=False, then=Value(True)), default=Value(False)),
    )
    items.filter(before_annual__isnull=True).update(before_annual=F("before_entered"))
    items.filter(after_annual__isnull=True).update(after_annual=F("after_entered"))
    items.filter(after_annual__isnull=True, action=Action.ABOLISH.value).update(after_annual=Value(Decimal(0)))
    # The model's rule (compliance_cost.model.plans.counts_as_cut), in SQL.
    items.update(
        cut=Case(
            When(action__in=[Action.ABOLISH.value, Action.SIMPLIFY.value], then=Value(True)),
            When(
                before_annual__isnull=False,
                after_annual__isnull=False,
                after_annual__lt=F("before_annual"),
                then=Value(True),
            ),
            default=Value(False),
        )
    )


# ---- the calculator --------------------------------------------------------------------------


def own_result(
    profile: CostProfile, after: CostProfile | None, inputs: OwnInputs, *, abolished: bool = False
) -> OwnResult:
    """A business's own yearly cost under ``profile`` (and ``after`` it, or with nothing left when
    ``abolished``), for the calculator."""
    current = ParameterSet.objects.current_by_method()
    before_calc = calculation_of(profile, profile.steps.all(), profile.costs.all(), current)
    after_calc = None
    if after is not None and not abolished:
        after_calc = calculation_of(after, after.steps.all(), after.costs.all(), current)
    return own_cost(before_calc, after_calc, inputs, abolished=abolished)


__all__ = [
    "COMPUTED_FIELDS",
    "ProfileStatus",
    "calculation_of",
    "compute",
    "own_result",
    "profile_body",
    "recompute_profile",
    "recompute_profiles",
    "refresh_plan_items",
    "regulation_annual",
]
