"""The score of a cost profile: a grade by cost band, and its percentile among all profiles.

**Grade** (A–E) by the annual compliance cost over everyone (chi phí tuân thủ mỗi năm), in bands
a factor of ten apart, so that a grade reads as an order of magnitude:

=====  ==========================================
grade  annual cost (đồng)
=====  ==========================================
A      under 1 billion (1 tỷ)
B      1 billion to under 10 billion
C      10 billion to under 100 billion
D      100 billion to under 1,000 billion
E      1,000 billion (1 nghìn tỷ) and more
=====  ==========================================

**Percentile**: the share of all scored profiles, in per cent, whose annual cost is at most this
one's (the cumulative distribution: the most expensive profile is at 100; ties share the
highest rank of their group). The database computes the same figure with SQL's ``CUME_DIST``
window function (compliance_cost/scores.py); :func:`percentiles` is its definition.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

BILLION = Decimal(10**9)


@dataclass(frozen=True)
class Band:
    """Annual costs from ``lower`` (inclusive) to ``upper`` (exclusive; ``None``: no end)."""

    grade: str
    lower: Decimal
    upper: Decimal | None
    label_vi: str
    label_en: str

    def holds(self, annual: Decimal) -> bool:
        return annual >= self.lower and (self.upper is None or annual < self.upper)


BANDS: tuple[Band, ...] = (
    Band("A", Decimal(0), BILLION, "Dưới 1 tỷ đồng/năm", "Under 1 billion đồng a year"),
    Band("B", BILLION, 10 * BILLION, "Từ 1 đến dưới 10 tỷ đồng/năm", "1 to 10 billion đồng a year"),
    Band("C", 10 * BILLION, 100 * BILLION, "Từ 10 đến dưới 100 tỷ đồng/năm", "10 to 100 billion đồng a year"),
    Band("D", 100 * BILLION, 1000 * BILLION, "Từ 100 đến dưới 1.000 tỷ đồng/năm", "100 to 1,000 billion đồng a year"),
    Band("E", 1000 * BILLION, None, "Từ 1.000 tỷ đồng/năm trở lên", "1,000 billion đồng a year or more"),
)
GRADES: tuple[str, ...] = tuple(band.grade for band in BANDS)
PERCENT = Decimal(100)
PERCENTILE_QUANTUM = Decimal("0.01")


def band_for(annual: Decimal) -> Band:
    """The band of an annual cost (negative costs do not exist: refused)."""
    if annual < 0:
        raise ValueError(f"an annual cost cannot be negative: {annual}")
    for band in BANDS:
        if band.holds(annual):
            return band
    raise AssertionError("the bands cover every non-negative cost")  # pragma: no cover


def grade_for(annual: Decimal) -> str:
    return band_for(annual).grade


def band_of_grade(grade: str) -> Band:
    for band in BANDS:
        if band.grade == grade:
            return band
    raise ValueError(f"unknown grade {grade!r} (grades: {', '.join(GRADES)})")


def percentiles(annual_costs: Sequence[Decimal]) -> list[Decimal]:
    """Each cost's percentile among ``annual_costs``: 100 × (how many are ≤ it) ÷ (how many),
    rounded half-up to 2 decimals, in the order given."""
    if not annual_costs:
        return []
    ordered = sorted(annual_costs)
    count = Decimal(len(ordered))
    return [
        (PERCENT * bisect_right(ordered, cost) / count).quantize(PERCENTILE_QUANTUM, rounding=ROUND_HALF_UP)
        for cost in annual_costs
    ]
