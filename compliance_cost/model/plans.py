"""Reduction plans (phương án cắt giảm, đơn giản hóa): the status of a plan, which items count as
cut, the totals of an agency against the 20% targets, and the figures a plan prints that do not
add up.

**Status**, computed from the facts recorded on the plan (never typed in): withdrawn → rút lại;
the amending document in effect on the day (its effective date has come) → có hiệu lực; the
amending document issued → đã ban hành văn bản; an approving decision → đã phê duyệt; else đề
xuất. A plan's savings count as *achieved* only once it is in force.

**Cut**: an item that abolishes (bãi bỏ) or simplifies (đơn giản hóa) a regulation counts as cut
or simplified, as Resolution 68/NQ-CP counts them; an amendment (sửa đổi) counts only when it
lowers the cost (after < before).

**An agency's totals** (``agency_totals``): every business regulation of the agency counts once,
at its annual cost before (the plan item's figure, else its cost profile's, else unknown and
counted apart), and after (the item's figure, else unchanged). The reduction rate is
cost-weighted (Σ saving ÷ Σ before, :func:`compliance_cost.model.comparison.aggregate`); the
share cut is count cut ÷ count of all the agency's regulations. Each is checked against the 20%
target.

**Stated figures**: a plan's approving decision prints totals (regulations cut of a total, a
rate, costs before and after, a saving). ``check_stated`` compares them with each other and with
the items, and returns what does not add up: such figures are flagged and shown beside the
computed ones, never copied into them.
"""

from __future__ import annotations

import datetime
import enum
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, localcontext

from compliance_cost.model.comparison import REDUCTION_TARGET, ReductionTotals, RegulationOutcome, aggregate
from compliance_cost.model.errors import format_number
from compliance_cost.model.formulas import PRECISION

PERCENT = Decimal(100)


class Action(enum.Enum):
    ABOLISH = "bai-bo"
    SIMPLIFY = "don-gian-hoa"
    AMEND = "sua-doi"


class PlanStatus(enum.Enum):
    PROPOSED = "de-xuat"
    APPROVED = "da-phe-duyet"
    ISSUED = "da-ban-hanh"
    IN_FORCE = "co-hieu-luc"
    WITHDRAWN = "rut-lai"


STATUS_ORDER: tuple[PlanStatus, ...] = (
    PlanStatus.PROPOSED,
    PlanStatus.APPROVED,
    PlanStatus.ISSUED,
    PlanStatus.IN_FORCE,
)


def plan_status(
    *,
    withdrawn: bool,
    approved: bool,
    amending_issued: bool,
    effective_on: datetime.date | None,
    today: datetime.date,
) -> PlanStatus:
    """The status from the facts (see the module docstring), on ``today``."""
    if withdrawn:
        return PlanStatus.WITHDRAWN
    if amending_issued and effective_on is not None and effective_on <= today:
        return PlanStatus.IN_FORCE
    if amending_issued:
        return PlanStatus.ISSUED
    if approved:
        return PlanStatus.APPROVED
    return PlanStatus.PROPOSED


def counts_as_cut(action: Action, before: Decimal | None, after: Decimal | None) -> bool:
    if action in (Action.ABOLISH, Action.SIMPLIFY):
        return True
    return before is not None and after is not None and after < before


# ---- an agency's totals ------------------------------------------------------------------------


@dataclass(frozen=True)
class RegulationCost:
    """One business regulation of an agency: its annual cost from its profiles (``None``: not
    costed yet) and, when a plan item concerns it, that item's figures."""

    regulation_id: int
    profile_annual: Decimal | None
    item_action: Action | None = None
    item_before: Decimal | None = None
    item_after: Decimal | None = None


@dataclass(frozen=True)
class AgencyTotals:
    totals: ReductionTotals
    uncosted: int  # regulations with no known cost (in the count, not in the costs)

    @property
    def regulations(self) -> int:
        return self.totals.regulations


def outcome_of(cost: RegulationCost) -> tuple[RegulationOutcome, bool]:
    """The regulation's before/after/cut, and whether its cost is known."""
    before = cost.item_before if cost.item_before is not None else cost.profile_annual
    known = before is not None
    before_value = before if before is not None else Decimal(0)
    if cost.item_action is None:
        return RegulationOutcome(before_value, before_value, cut=False), known
    after = cost.item_after
    if cost.item_action is Action.ABOLISH and after is None:
        after = Decimal(0)
    after_value = after if after is not None else before_value
    cut = counts_as_cut(cost.item_action, before, after)
    return RegulationOutcome(before_value, after_value, cut=cut), known


def agency_totals(costs: Iterable[RegulationCost], target: Decimal = REDUCTION_TARGET) -> AgencyTotals:
    outcomes: list[RegulationOutcome] = []
    uncosted = 0
    for cost in costs:
        outcome, known = outcome_of(cost)
        outcomes.append(outcome)
        uncosted += 0 if known else 1
    return AgencyTotals(aggregate(outcomes, target), uncosted)


# ---- figures a plan prints ---------------------------------------------------------------------


@dataclass(frozen=True)
class StatedFigures:
    """What the approving decision prints (any may be missing). Rates are in per cent."""

    regulations_total: int | None = None
    regulations_cut: int | None = None
    cut_rate_percent: Decimal | None = None
    cost_before: Decimal | None = None
    cost_after: Decimal | None = None
    saving: Decimal | None = None
    cost_rate_percent: Decimal | None = None


@dataclass(frozen=True)
class Discrepancy:
    """A printed figure that does not add up: ``stated`` where ``expected`` follows."""

    field: str
    stated: Decimal
    expected: Decimal
    vi: str
    en: str


def _tolerance(stated: Decimal) -> Decimal:
    """Half a unit of the last digit printed: "20,5%" allows 20.45–20.55."""
    exponent = stated.as_tuple().exponent
    digits = exponent if isinstance(exponent, int) else 0
    return Decimal(5) * Decimal(10) ** (digits - 1)


def _close(stated: Decimal, expected: Decimal) -> bool:
    return abs(stated - expected) <= _tolerance(stated)


def _ratio(part: Decimal, whole: Decimal) -> Decimal:
    with localcontext() as ctx:
        ctx.prec = PRECISION
        return part / whole


def _shown(value: Decimal, places: int = 2) -> str:
    quantum = Decimal(1).scaleb(-places)
    return format_number(value.quantize(quantum, rounding=ROUND_HALF_UP), "vi")


def check_stated(stated: StatedFigures, items: ReductionTotals | None = None) -> list[Discrepancy]:
    """Printed figures that contradict each other or the plan's items."""
    found: list[Discrepancy] = []
    total, cut = stated.regulations_total, stated.regulations_cut
    if total is not None and cut is not None and cut > total:
        found.append(
            Discrepancy(
                "regulations_cut",
                Decimal(cut),
                Decimal(total),
                f"Số quy định cắt giảm ({cut}) lớn hơn tổng số quy định ({total})",
                f"regulations cut ({cut}) exceed the total ({total})",
            )
        )
    if stated.cut_rate_percent is not None and total and cut is not None:
        expected = PERCENT * _ratio(Decimal(cut), Decimal(total))
        if not _close(stated.cut_rate_percent, expected):
            found.append(
                Discrepancy(
                    "cut_rate_percent",
                    stated.cut_rate_percent,
                    expected,
                    f"Tỷ lệ ghi {_shown(stated.cut_rate_percent)}% nhưng {cut} ÷ {total} = {_shown(expected)}%",
                    f"the printed rate {stated.cut_rate_percent}% is not {cut} ÷ {total} = {_shown(expected)}%",
                )
            )
    before, after, saving = stated.cost_before, stated.cost_after, stated.saving
    if before is not None and after is not None and saving is not None and not _close(saving, before - after):
        found.append(
            Discrepancy(
                "saving",
                saving,
                before - after,
                f"Chi phí tiết kiệm ghi {_shown(saving, 0)} đồng nhưng trước − sau = {_shown(before - after, 0)} đồng",
                f"the printed saving {saving} is not before − after = {before - after}",
            )
        )
    if stated.cost_rate_percent is not None and before:
        cut_cost = saving if saving is not None else (before - after if after is not None else None)
        if cut_cost is not None:
            expected = PERCENT * _ratio(cut_cost, before)
            if not _close(stated.cost_rate_percent, expected):
                found.append(
                    Discrepancy(
                        "cost_rate_percent",
                        stated.cost_rate_percent,
                        expected,
                        f"Tỷ lệ cắt giảm chi phí ghi {_shown(stated.cost_rate_percent)}% nhưng tiết kiệm ÷ trước = "
                        f"{_shown(expected)}%",
                        f"the printed cost reduction {stated.cost_rate_percent}% is not saving ÷ before = "
                        f"{_shown(expected)}%",
                    )
                )
    if items is not None and items.regulations:
        if cut is not None and cut != items.regulations_cut:
            found.append(
                Discrepancy(
                    "regulations_cut",
                    Decimal(cut),
                    Decimal(items.regulations_cut),
                    f"Ghi {cut} quy định cắt giảm nhưng phương án có {items.regulations_cut} mục cắt giảm",
                    f"{cut} regulations cut printed, the plan's items cut {items.regulations_cut}",
                )
            )
        for name, printed, computed, vi, en in (
            ("cost_before", before, items.before_annual, "Chi phí trước cắt giảm", "cost before"),
            ("cost_after", after, items.after_annual, "Chi phí sau cắt giảm", "cost after"),
        ):
            if printed is not None and computed and not _within_share(printed, computed):
                found.append(
                    Discrepancy(
                        name,
                        printed,
                        computed,
                        f"{vi} ghi {_shown(printed, 0)} đồng, "
                        f"các mục của phương án cộng lại {_shown(computed, 0)} đồng",
                        f"{en} printed {printed}, the items add up to {computed}",
                    )
                )
    return found


ITEM_TOLERANCE = Decimal("0.005")  # printed totals are rounded; 0.5% either way is not a contradiction


def _within_share(printed: Decimal, computed: Decimal) -> bool:
    return abs(printed - computed) <= ITEM_TOLERANCE * abs(computed)
