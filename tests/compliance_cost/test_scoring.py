"""The score of a profile (compliance_cost.model.scoring, pure): grades by cost band, percentiles
as the cumulative distribution. Worked by hand."""

from decimal import Decimal

import pytest

from compliance_cost.model.scoring import BANDS, GRADES, band_for, grade_for, percentiles

BILLION = 10**9


@pytest.mark.parametrize(
    ("annual", "grade"),
    [
        (0, "A"),
        (BILLION - 1, "A"),
        (BILLION, "B"),  # a band's lower end belongs to it
        (10 * BILLION - 1, "B"),
        (10 * BILLION, "C"),
        (100 * BILLION, "D"),
        (999_999_999_999, "D"),
        (1000 * BILLION, "E"),
        (2_408_250_000_000, "E"),  # the example: 325,000 firms × 12 reports
    ],
)
def test_it_grades_by_the_band_of_the_annual_cost(annual, grade):
    assert grade_for(Decimal(annual)) == grade


def test_it_refuses_a_negative_cost():
    with pytest.raises(ValueError, match="negative"):
        band_for(Decimal(-1))


def test_it_covers_every_cost_with_ten_fold_bands():
    assert GRADES == ("A", "B", "C", "D", "E")
    assert BANDS[0].lower == 0 and BANDS[-1].upper is None
    for below, above in zip(BANDS, BANDS[1:], strict=False):
        assert below.upper == above.lower  # no gap, no overlap
    assert [band.upper for band in BANDS[1:-1]] == [10 * band.upper for band in BANDS[:-2]]


def test_it_ranks_by_the_share_of_costs_at_most_as_high():
    # 4 profiles: 10 is cheapest (1 of 4 at most 10: 25%); the two 30s share the rank of their
    # group (3 of 4: 75%); 50 is the most expensive (100%).
    costs = [Decimal(30), Decimal(10), Decimal(50), Decimal(30)]
    assert percentiles(costs) == [Decimal("75.00"), Decimal("25.00"), Decimal("100.00"), Decimal("75.00")]


def test_it_rounds_percentiles_half_up_to_two_decimals():
    # 1 of 3 = 33.333…% -> 33.33; 2 of 3 = 66.666…% -> 66.67; 1 of 8 = 12.5 exactly.
    assert percentiles([Decimal(1), Decimal(2), Decimal(3)]) == [Decimal("33.33"), Decimal("66.67"), Decimal("100.00")]
    assert percentiles([Decimal(n) for n in range(8)])[0] == Decimal("12.50")
    assert percentiles([]) == []
