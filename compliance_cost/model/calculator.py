"""One business's own compliance cost: the public calculator.

A business picks a procedure (its cost profile, and the profile after a reduction plan when
there is one), and gives its own figures: the person-hours one dossier takes it, what an hour of
its staff costs it, and how many dossiers it files a year. Anything it leaves out is the
profile's own figure. Its yearly cost is then computed with the model's formulas
(:func:`compliance_cost.model.formulas.calculate`) for one subject:

    yearly cost = dossiers a year × (hours × hourly wage + services + fees + other costs)
                  + one-off costs per subject ÷ the profile's horizon

(fees count only with method ``vn``, as everywhere). After the plan, the business keeps its own
wage, and its hours and frequency change in the same proportion as the profile's: a plan that
halves the hours of a dossier halves the business's own hours; a plan that turns a monthly
report into a quarterly one divides its own frequency by three. Money paid per dossier (fees,
services, other costs) and one-off costs are the after profile's.

A profile that gives its cost per occurrence directly (no parts) cannot be adjusted for hours
or wage: only the frequency is the business's own, and ``fixed_cost_per_occurrence`` says so.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal, localcontext

from compliance_cost.model.estimates import Estimate
from compliance_cost.model.formulas import PRECISION, calculate, hourly_rate
from compliance_cost.model.inputs import Calculation, Recurring, Step
from compliance_cost.model.results import Figures

ZERO = Decimal(0)
ONE = Decimal(1)


@dataclass(frozen=True)
class OwnInputs:
    """What the business says of itself; ``None``: take the profile's figure."""

    hours: Decimal | None = None  # person-hours per dossier
    hourly_wage: Decimal | None = None  # đồng an hour, everything included
    per_year: Decimal | None = None  # dossiers a year


@dataclass(frozen=True)
class OwnFigures:
    hours: Decimal
    hourly_wage: Decimal
    per_year: Decimal
    money_per_occurrence: Decimal  # services + fees (vn) + other costs, per dossier
    cost_per_occurrence: Decimal
    one_off_yearly: Decimal
    yearly_cost: Decimal


@dataclass(frozen=True)
class OwnResult:
    before: OwnFigures
    after: OwnFigures | None
    fixed_cost_per_occurrence: bool

    @property
    def saving_yearly(self) -> Decimal | None:
        return None if self.after is None else self.before.yearly_cost - self.after.yearly_cost

    @property
    def reduction_rate(self) -> Decimal | None:
        saving = self.saving_yearly
        if saving is None or self.before.yearly_cost == 0:
            return None
        with localcontext() as ctx:
            ctx.prec = PRECISION
            return saving / self.before.yearly_cost


def person_hours(recurring: Recurring | None) -> Decimal:
    """Σ hours × persons of one occurrence (central values)."""
    if recurring is None:
        return ZERO
    return sum((step.hours.value * step.persons.value for step in recurring.steps), ZERO)


def frequency(calc: Calculation) -> Decimal:
    """Occurrences a year of one subject: ``per_year``, 1 ÷ k for "every k years", else 1 (a
    profile that counts dossiers over everyone says nothing of one business: one a year)."""
    recurring = calc.recurring
    if recurring is None:
        return ZERO
    if recurring.per_year is not None:
        return recurring.per_year.value
    if recurring.every_years is not None:
        with localcontext() as ctx:
            ctx.prec = PRECISION
            return ONE / Decimal(recurring.every_years)
    return ONE


def hourly_rate_of(calc: Calculation) -> Decimal:
    return hourly_rate(calc.hourly_value.value, calc.overhead_multiplier.value)


def _scaled(value: Decimal, numerator: Decimal, denominator: Decimal) -> Decimal:
    if denominator == 0:
        return numerator
    with localcontext() as ctx:
        ctx.prec = PRECISION
        return value * numerator / denominator


def _own(calc: Calculation, hours: Decimal, wage: Decimal, per_year: Decimal) -> OwnFigures:
    """The profile's calculation for one subject with the business's hours, wage, frequency."""
    recurring = calc.recurring
    own_recurring = None
    if recurring is not None and per_year > 0:
        steps = (Step(hours=Estimate(hours), persons=Estimate(ONE), name="own"),) if hours > 0 else ()
        given = recurring.cost_per_occurrence
        own_recurring = replace(
            recurring,
            steps=() if given is not None else steps,
            per_year=Estimate(per_year),
            every_years=None,
            first_year=1,
        )
    own = replace(
        calc,
        hourly_value=Estimate(wage),
        overhead_multiplier=Estimate(ONE),
        subjects=Estimate(ONE),
        dossiers_per_year=None,
        recurring=own_recurring,
        parameter_set=None,
        supplied_by_parameter_set=(),
    )
    if own.recurring is None and own.one_off is None:
        return OwnFigures(hours, wage, per_year, ZERO, ZERO, ZERO, ZERO)
    figures: Figures = calculate(own).central
    occurrence = figures.cost_per_occurrence
    time = figures.per_occurrence.time or ZERO
    with localcontext() as ctx:
        ctx.prec = PRECISION
        one_off_yearly = figures.breakdown.one_off / Decimal(calc.horizon_years)
        recurring_yearly = (figures.annual_average - one_off_yearly) if own.recurring is not None else ZERO
    return OwnFigures(
        hours=hours,
        hourly_wage=wage,
        per_year=per_year,
        money_per_occurrence=occurrence - time,
        cost_per_occurrence=occurrence,
        one_off_yearly=one_off_yearly,
        yearly_cost=recurring_yearly + one_off_yearly,
    )


def own_cost(
    before: Calculation, after: Calculation | None, inputs: OwnInputs, *, abolished: bool = False
) -> OwnResult:
    """The business's yearly cost under the profile, and after the plan when ``after`` is given;
    ``abolished``: the plan repeals the regulation, nothing is left to pay."""
    fixed = before.recurring is not None and before.recurring.cost_per_occurrence is not None
    profile_hours = person_hours(before.recurring)
    profile_frequency = frequency(before)
    hours = inputs.hours if inputs.hours is not None else profile_hours
    wage = inputs.hourly_wage if inputs.hourly_wage is not None else hourly_rate_of(before)
    per_year = inputs.per_year if inputs.per_year is not None else profile_frequency
    own_before = _own(before, hours, wage, per_year)
    own_after = None
    if abolished:
        own_after = OwnFigures(ZERO, wage, ZERO, ZERO, ZERO, ZERO, ZERO)
    elif after is not None:
        after_hours = _scaled(hours, person_hours(after.recurring), profile_hours)
        after_per_year = _scaled(per_year, frequency(after), profile_frequency)
        own_after = _own(after, after_hours, wage, after_per_year)
    return OwnResult(own_before, own_after, fixed)
