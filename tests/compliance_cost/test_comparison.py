"""Before/after savings and cost-weighted totals over many regulations, worked by hand."""

from decimal import Decimal

from compliance_cost.model import RegulationOutcome, aggregate, compare
from tests.compliance_cost.builders import calculation, est, one_off, recurring, step


def test_it_measures_the_saving_of_fewer_dossiers_a_year():
    """The issue's example before (12 a year) and after (4 a year), 325,000 subjects, 617,500 each:
    before 2,408,250,000,000; after 325,000 × 4 × 617,500 = 802,750,000,000;
    saving 1,605,500,000,000 a year; reduction rate 1,605,500,000,000 ÷ 2,408,250,000,000 = 2/3."""
    parts = dict(steps=[step(2)], fees=[500000], other=[30000])
    comparison = compare(
        calculation(subjects=325000, recurring=recurring(**parts, per_year=12)),
        calculation(subjects=325000, recurring=recurring(**parts, per_year=4)),
    )
    assert comparison.saving_annual == Decimal(1605500000000)
    assert comparison.reduction_rate is not None
    assert comparison.reduction_rate.quantize(Decimal("1E-12")) == Decimal("0.666666666667")
    assert comparison.saving_annual_range is None and comparison.reduction_rate_range is None


def test_it_counts_one_off_costs_in_each_annual_average():
    """Horizon 2 years, 10 subjects, one dossier a year.
    before: 1,000,000 each → total 20,000,000 → annual 10,000,000.
    after:  600,000 each → 12,000,000, plus a transition cost of 500,000 × 10 in year 1
            → total 17,000,000 → annual 8,500,000.
    saving 1,500,000 a year; rate 1,500,000 ÷ 10,000,000 = 0.15 (0.40 if the one-off were left out)."""
    comparison = compare(
        calculation(subjects=10, horizon=2, recurring=recurring(given=1000000, per_year=1)),
        calculation(
            subjects=10,
            horizon=2,
            recurring=recurring(given=600000, per_year=1),
            one_off=one_off(amount=500000),
        ),
    )
    assert comparison.before.central.annual_average == 10000000
    assert comparison.after.central.annual_average == 8500000
    assert comparison.saving_annual == 1500000
    assert comparison.reduction_rate == Decimal("0.15")


def test_it_has_no_reduction_rate_when_before_costs_nothing():
    comparison = compare(
        calculation(subjects=0, recurring=recurring(given=100, per_year=1)),
        calculation(subjects=0, recurring=recurring(given=50, per_year=1)),
    )
    assert comparison.saving_annual == 0
    assert comparison.reduction_rate is None


def test_it_gives_a_scenario_range_for_the_saving():
    """Hours are uncertain on both sides (2, low 1, high 4 before; 1, low 0.5, high 2 after), one
    subject, once a year, 43,750 đồng an hour, no fees.
    low scenario:     43,750 − 21,875 = 21,875;  rate 0.5
    central scenario: 87,500 − 43,750 = 43,750;  rate 0.5
    high scenario:   175,000 − 87,500 = 87,500;  rate 0.5
    → saving range 21,875 to 87,500; rate range 0.5 to 0.5."""
    comparison = compare(
        calculation(recurring=recurring(steps=[step(est(2, 1, 4))], per_year=1)),
        calculation(recurring=recurring(steps=[step(est(1, "0.5", 2))], per_year=1)),
    )
    assert comparison.saving_annual == 43750
    assert comparison.saving_annual_range is not None and comparison.reduction_rate_range is not None
    assert (comparison.saving_annual_range.low, comparison.saving_annual_range.high) == (21875, 87500)
    assert comparison.reduction_rate_range.low == comparison.reduction_rate_range.high == Decimal("0.5")


def test_it_weights_the_reduction_rate_by_cost_never_averaging_rates():
    """Three regulations of one agency (annual costs in đồng):
    A 1,000,000,000 → 900,000,000 (simplified: cut, 10%)
    B    10,000,000 →           0 (abolished: cut, 100%)
    C    90,000,000 →  90,000,000 (unchanged: not cut, 0%)
    Cost-weighted: Σ saving 110,000,000 ÷ Σ before 1,100,000,000 = 10% — below the 20% target.
    The mean of the rates would be (10% + 100% + 0%) ÷ 3 = 36.7%, which is wrong.
    Share of regulations cut, a separate figure: 2 ÷ 3 = 66.7% — above the 20% target."""
    outcomes = [
        RegulationOutcome(Decimal(1000000000), Decimal(900000000), cut=True),
        RegulationOutcome(Decimal(10000000), Decimal(0), cut=True),
        RegulationOutcome(Decimal(90000000), Decimal(90000000), cut=False),
    ]
    totals = aggregate(outcomes)
    assert totals.before_annual == 1100000000
    assert totals.after_annual == 990000000
    assert totals.saving_annual == 110000000
    assert totals.reduction_rate == Decimal("0.1")
    mean_of_rates = (Decimal("0.1") + Decimal(1) + Decimal(0)) / 3
    assert totals.reduction_rate != mean_of_rates
    assert totals.regulations == 3 and totals.regulations_cut == 2
    assert totals.share_cut is not None and totals.share_cut.quantize(Decimal("0.001")) == Decimal("0.667")
    assert not totals.meets_cost_target
    assert totals.meets_count_target


def test_it_has_no_rates_for_an_empty_plan():
    totals = aggregate([])
    assert totals.regulations == 0
    assert totals.share_cut is None and totals.reduction_rate is None
    assert not totals.meets_cost_target and not totals.meets_count_target
