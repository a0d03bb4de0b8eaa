"""The formulas of the cost model, exactly as documented in docs/compliance-cost.md.

Per occurrence:
    hourly rate        = round_half_up(hourly_value × overhead_multiplier, 2 decimals)
    time cost          = Σ steps (hours × persons) × hourly rate
    cost per occurrence = time + services + fees + other           (method ``vn``)
                        = time + services + other                  (method ``scm``: fees shown only)
                        = ``cost_per_occurrence`` when given directly
Per subject over the horizon of H years:
    occurrences in year y = per_year            for first_year <= y <= H
                          = 1                   for y in first_year, first_year + k, … <= H
    one-off per subject   = Σ one-off steps (hours × persons) × hourly rate + one-off amount,
                            in its year
Over everyone:
    occurrences in year y × subjects            (or ``dossiers_per_year`` for first_year <= y <= H,
                                                 never multiplied by a frequency)
    yearly cost y = occurrences in year y × cost per occurrence + one-off per subject × subjects
                    (in the one-off's year)
    total = Σ yearly costs;  annual average = total ÷ H
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal, localcontext

from compliance_cost.model.estimates import Estimate, Scenario
from compliance_cost.model.inputs import Calculation, CostItem, Method, Recurring, Step
from compliance_cost.model.results import Breakdown, CostResult, Figures, OccurrenceParts

RATE_QUANTUM = Decimal("0.01")
# Enough digits that products of the bounded inputs stay exact; only ÷ can round, at 60 digits.
PRECISION = 60
ZERO = Decimal(0)


def hourly_rate(hourly_value: Decimal, overhead_multiplier: Decimal) -> Decimal:
    """``hourly_value × overhead_multiplier`` rounded half-up to 2 decimals (43,750 × 1.25 = 54,687.50)."""
    with localcontext() as ctx:
        ctx.prec = PRECISION
        return (hourly_value * overhead_multiplier).quantize(RATE_QUANTUM, rounding=ROUND_HALF_UP)


def derive_hourly_value(income: Decimal, months: Decimal, days_per_month: Decimal, hours_per_day: Decimal) -> Decimal:
    """The value of one hour from an income over ``months`` months: income ÷ months ÷ days ÷ hours.

    7,700,000 đồng a month ÷ 1 ÷ 22 working days ÷ 8 hours = 43,750 đồng an hour. Not rounded:
    the hourly rate is rounded once, after the overhead multiplier.
    """
    with localcontext() as ctx:
        ctx.prec = PRECISION
        return income / months / days_per_month / hours_per_day


def schedule_years(horizon_years: int, first_year: int, every_years: int) -> tuple[int, ...]:
    """The years s, s+k, s+2k, … that fall within the horizon (none when s is past it).

    Every 3 years from year 2 over 10 years: years 2, 5 and 8 (11 is past the horizon).
    """
    return tuple(range(first_year, horizon_years + 1, every_years))


def occurrences_by_year(recurring: Recurring, horizon_years: int, scenario: Scenario) -> tuple[Decimal, ...]:
    """Occurrences of one subject in each year 1..H (or of everyone, for dossiers per year)."""
    if recurring.every_years is not None:
        years = set(schedule_years(horizon_years, recurring.first_year, recurring.every_years))
        return tuple(Decimal(1) if year in years else ZERO for year in range(1, horizon_years + 1))
    per_year = recurring.per_year.at(scenario) if recurring.per_year is not None else ZERO
    return tuple(per_year if year >= recurring.first_year else ZERO for year in range(1, horizon_years + 1))


def _step_hours(steps: Iterable[Step], scenario: Scenario) -> Decimal:
    return sum((step.hours.at(scenario) * step.persons.at(scenario) for step in steps), ZERO)


def _amounts(items: Iterable[CostItem], scenario: Scenario) -> Decimal:
    return sum((item.amount.at(scenario) for item in items), ZERO)


def cost_of_occurrence(
    recurring: Recurring, rate: Decimal, method: Method, scenario: Scenario
) -> tuple[OccurrenceParts, Decimal]:
    """The parts of one occurrence and its cost under ``method`` (fees count only with ``vn``)."""
    if recurring.cost_per_occurrence is not None:
        return OccurrenceParts(None, None, None, None), recurring.cost_per_occurrence.at(scenario)
    time = _step_hours(recurring.steps, scenario) * rate
    services = recurring.service_cost.at(scenario)
    fees = _amounts(recurring.fees, scenario)
    other = _amounts(recurring.other_costs, scenario)
    burden = time + services + other + (fees if method.fees_in_burden else ZERO)
    return OccurrenceParts(time, services, fees, other), burden


def _at(estimate: Estimate | None, scenario: Scenario) -> Decimal | None:
    return None if estimate is None else estimate.at(scenario)


def evaluate(calc: Calculation, scenario: Scenario) -> Figures:
    """The figures with every input at its ``scenario`` value."""
    with localcontext() as ctx:
        ctx.prec = PRECISION
        horizon = calc.horizon_years
        rate = hourly_rate(calc.hourly_value.at(scenario), calc.overhead_multiplier.at(scenario))
        subjects = _at(calc.subjects, scenario)

        parts = OccurrenceParts(ZERO, ZERO, ZERO, ZERO)
        occurrence_cost = ZERO
        everyone_by_year: tuple[Decimal, ...] = (ZERO,) * horizon
        per_subject_total: Decimal | None = ZERO
        if calc.recurring is not None:
            parts, occurrence_cost = cost_of_occurrence(calc.recurring, rate, calc.method, scenario)
            if calc.dossiers_per_year is not None:
                # Dossiers per year count everyone's occurrences: no frequency multiplies them.
                dossiers = calc.dossiers_per_year.at(scenario)
                everyone_by_year = tuple(
                    dossiers if year >= calc.recurring.first_year else ZERO for year in range(1, horizon + 1)
                )
                per_subject_total = sum(everyone_by_year, ZERO) / subjects if subjects else None
            else:
                by_year = occurrences_by_year(calc.recurring, horizon, scenario)
                everyone_by_year = tuple(n * (subjects or ZERO) for n in by_year)
                per_subject_total = sum(by_year, ZERO)

        one_off_per_subject = ZERO
        one_off_year = 1
        if calc.one_off is not None:
            one_off_per_subject = _step_hours(calc.one_off.steps, scenario) * rate + calc.one_off.amount.at(scenario)
            one_off_year = calc.one_off.year
        one_off_total = one_off_per_subject * (subjects or ZERO)

        yearly = tuple(
            occurrences * occurrence_cost + (one_off_total if year == one_off_year else ZERO)
            for year, occurrences in enumerate(everyone_by_year, start=1)
        )
        occurrences_total = sum(everyone_by_year, ZERO)
        total = sum(yearly, ZERO)

        def over_everyone(part: Decimal | None) -> Decimal | None:
            return None if part is None else part * occurrences_total

        return Figures(
            hourly_rate=rate,
            per_occurrence=parts,
            cost_per_occurrence=occurrence_cost,
            occurrences_per_subject=per_subject_total,
            occurrences_total=occurrences_total,
            one_off_per_subject=one_off_per_subject,
            total=total,
            annual_average=total / horizon,
            breakdown=Breakdown(
                time=over_everyone(parts.time),
                services=over_everyone(parts.services),
                fees=over_everyone(parts.fees),
                other=over_everyone(parts.other),
                one_off=one_off_total,
            ),
            yearly=yearly,
        )


def calculate(calc: Calculation) -> CostResult:
    """Central figures, and the all-low and all-high figures when any input carries a range."""
    ranged = calc.has_range
    return CostResult(
        method=calc.method,
        horizon_years=calc.horizon_years,
        central=evaluate(calc, Scenario.CENTRAL),
        low=evaluate(calc, Scenario.LOW) if ranged else None,
        high=evaluate(calc, Scenario.HIGH) if ranged else None,
        parameter_set=calc.parameter_set,
        supplied_by_parameter_set=calc.supplied_by_parameter_set,
    )
