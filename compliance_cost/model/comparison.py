"""Before and after: the saving of one change, and cost-weighted totals over many regulations.

* saving = before's annual average − after's annual average (one-off costs included in each);
* reduction rate = saving ÷ before's annual average (``None`` when before costs nothing);
* over many regulations the reduction rate is cost-weighted, Σ saving ÷ Σ before — never the
  mean of the rates, which would let a cheap regulation cut by 100% weigh as much as an
  expensive one cut by 1%; the share of regulations cut (count cut ÷ count) is a separate figure.

Ranges: when either side carries a range, the saving and the rate are also computed in the
all-low and the all-high scenario (every input of *both* calculations at its low, resp. high,
end: shared uncertainty such as the same hours or the same wage stays together), and the range
is the smallest and the largest of the low, central and high figures.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, localcontext

from compliance_cost.model.formulas import PRECISION, calculate
from compliance_cost.model.inputs import Calculation
from compliance_cost.model.results import CostResult, Figures

REDUCTION_TARGET = Decimal("0.20")  # Resolution 68/NQ-CP: at least 20% of regulations and of their cost


@dataclass(frozen=True)
class Span:
    low: Decimal | None
    high: Decimal | None


@dataclass(frozen=True)
class Comparison:
    before: CostResult
    after: CostResult
    saving_annual: Decimal
    reduction_rate: Decimal | None
    saving_annual_range: Span | None
    reduction_rate_range: Span | None


def _rate(saving: Decimal, before: Decimal) -> Decimal | None:
    if before == 0:
        return None
    with localcontext() as ctx:
        ctx.prec = PRECISION
        return saving / before


def _span(values: Iterable[Decimal | None]) -> Span:
    known = [v for v in values if v is not None]
    return Span(min(known), max(known)) if known else Span(None, None)


def compare_results(before: CostResult, after: CostResult) -> Comparison:
    saving = before.central.annual_average - after.central.annual_average
    saving_range = rate_range = None
    if before.has_range or after.has_range:
        scenarios: list[tuple[Figures, Figures]] = [
            (before.low or before.central, after.low or after.central),
            (before.central, after.central),
            (before.high or before.central, after.high or after.central),
        ]
        savings = [(b.annual_average - a.annual_average, b.annual_average) for b, a in scenarios]
        saving_range = _span(s for s, _ in savings)
        rate_range = _span(_rate(s, b) for s, b in savings)
    return Comparison(
        before=before,
        after=after,
        saving_annual=saving,
        reduction_rate=_rate(saving, before.central.annual_average),
        saving_annual_range=saving_range,
        reduction_rate_range=rate_range,
    )


def compare(before: Calculation, after: Calculation) -> Comparison:
    return compare_results(calculate(before), calculate(after))


@dataclass(frozen=True)
class RegulationOutcome:
    """One regulation in a plan: its annual cost before and after, and whether it counts as cut."""

    before_annual: Decimal
    after_annual: Decimal
    cut: bool


@dataclass(frozen=True)
class ReductionTotals:
    regulations: int
    regulations_cut: int
    share_cut: Decimal | None
    before_annual: Decimal
    after_annual: Decimal
    saving_annual: Decimal
    reduction_rate: Decimal | None
    target: Decimal

    @property
    def meets_cost_target(self) -> bool:
        return self.reduction_rate is not None and self.reduction_rate >= self.target

    @property
    def meets_count_target(self) -> bool:
        return self.share_cut is not None and self.share_cut >= self.target


def aggregate(outcomes: Iterable[RegulationOutcome], target: Decimal = REDUCTION_TARGET) -> ReductionTotals:
    """Cost-weighted totals: reduction rate = Σ saving ÷ Σ before; share cut = count cut ÷ count."""
    items = list(outcomes)
    with localcontext() as ctx:
        ctx.prec = PRECISION
        before = sum((o.before_annual for o in items), Decimal(0))
        after = sum((o.after_annual for o in items), Decimal(0))
        cut = sum(1 for o in items if o.cut)
        return ReductionTotals(
            regulations=len(items),
            regulations_cut=cut,
            share_cut=Decimal(cut) / len(items) if items else None,
            before_annual=before,
            after_annual=after,
            saving_annual=before - after,
            reduction_rate=_rate(before - after, before),
            target=target,
        )
