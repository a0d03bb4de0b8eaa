"""The cost model's formulas on worked cases, each derived by hand in its docstring."""

from decimal import Decimal

from compliance_cost.model import Method, calculate, derive_hourly_value, hourly_rate, schedule_years
from tests.compliance_cost.builders import calculation, d, est, one_off, recurring, step


def test_it_computes_the_issue_example_by_hand():
    """325,000 subjects, 12 dossiers a year each, method vn, 43,750 đồng an hour.

    time per dossier   = 2 h × 1 person × 43,750        =    87,500
    cost per dossier   = 87,500 + 0 + 500,000 + 30,000  =   617,500
    total (1 year)     = 325,000 × 12 × 617,500         = 2,408,250,000,000
    breakdown: time 3,900,000 × 87,500 = 341,250,000,000; fees 3,900,000 × 500,000
    = 1,950,000,000,000; other 3,900,000 × 30,000 = 117,000,000,000.
    """
    result = calculate(
        calculation(
            subjects=325000,
            recurring=recurring(steps=[step(2)], fees=[500000], other=[30000], per_year=12),
        )
    )
    figures = result.central
    assert figures.hourly_rate == Decimal("43750.00")
    assert figures.cost_per_occurrence == 617500
    assert figures.occurrences_per_subject == 12
    assert figures.total == Decimal("2408250000000")
    assert figures.annual_average == figures.total
    assert figures.breakdown.time == Decimal("341250000000")
    assert figures.breakdown.fees == Decimal("1950000000000")
    assert figures.breakdown.other == Decimal("117000000000")
    assert figures.breakdown.services == 0
    assert figures.breakdown.one_off == 0
    assert result.low is None and result.high is None


def test_it_rounds_the_hourly_rate_half_up_to_two_decimals_before_use():
    """10,000.10 đồng an hour × multiplier 1.25 = 12,500.125.

    Half-up gives 12,500.13 (banker's rounding and truncation would give 12,500.12).
    The rate is rounded before use: 10 hours cost 10 × 12,500.13 = 125,001.30,
    not 10 × 12,500.125 = 125,001.25.
    """
    assert hourly_rate(d("10000.10"), d("1.25")) == Decimal("12500.13")
    result = calculate(
        calculation(
            method=Method.SCM,
            hourly_value="10000.10",
            multiplier="1.25",
            recurring=recurring(steps=[step(10)], per_year=1),
        )
    )
    assert result.central.hourly_rate == Decimal("12500.13")
    assert result.central.cost_per_occurrence == Decimal("125001.30")


def test_it_derives_the_hourly_value_from_income_and_rounds_only_the_rate():
    """7,700,000 đồng a month ÷ 1 month ÷ 22 days ÷ 8 hours = 43,750 đồng an hour (exact).
    7,100,000 ÷ 22 ÷ 8 = 40,340.9090… stays unrounded; its rate at multiplier 1 is 40,340.91."""
    assert derive_hourly_value(d(7700000), d(1), d(22), d(8)) == 43750
    value_2023 = derive_hourly_value(d(7100000), d(1), d(22), d(8))
    assert str(value_2023).startswith("40340.909090909")
    assert hourly_rate(value_2023, d(1)) == Decimal("40340.91")
    assert derive_hourly_value(d(92400000), d(12), d(22), d(8)) == 43750  # a yearly income over 12 months


def test_it_counts_a_schedule_of_every_k_years_from_year_s_within_the_horizon():
    """Every 3 years from year 2 over a horizon of 10 years: years 2, 5, 8 (11 is past it),
    so 3 occurrences. With cost per occurrence 1,000,000 and 100 subjects:
    each of years 2, 5, 8 costs 100 × 1,000,000 = 100,000,000; total 300,000,000;
    annual average 300,000,000 ÷ 10 = 30,000,000."""
    assert schedule_years(10, 2, 3) == (2, 5, 8)
    assert schedule_years(10, 1, 5) == (1, 6)
    assert schedule_years(10, 10, 2) == (10,)
    assert schedule_years(10, 1, 50) == (1,)
    result = calculate(
        calculation(subjects=100, horizon=10, recurring=recurring(given=1000000, every=3, first=2))
    ).central
    assert result.occurrences_per_subject == 3
    assert result.yearly == tuple(Decimal(100000000) if year in (2, 5, 8) else 0 for year in range(1, 11))
    assert result.total == 300000000
    assert result.annual_average == 30000000


def test_it_counts_per_year_from_the_first_year_to_the_horizon():
    """4 reports a year from year 3 over 5 years: years 3, 4, 5 → 12 occurrences per subject."""
    result = calculate(calculation(subjects=2, horizon=5, recurring=recurring(given=10, per_year=4, first=3))).central
    assert result.occurrences_per_subject == 12
    assert result.yearly == (0, 0, 80, 80, 80)
    assert result.total == 240


def test_it_adds_one_off_costs_in_their_year():
    """Horizon 3 years, 10 subjects, one report a year at 100,000 (given directly).

    One-off per subject, in year 1: 2,000,000 (purchase) + 4 h × 2 persons × 50,000 = 2,400,000;
    for everyone 10 × 2,400,000 = 24,000,000.
    Yearly: year 1 = 10 × 100,000 + 24,000,000 = 25,000,000; years 2 and 3 = 1,000,000.
    Total 27,000,000; annual average 9,000,000.
    """
    result = calculate(
        calculation(
            hourly_value=50000,
            subjects=10,
            horizon=3,
            recurring=recurring(given=100000, per_year=1),
            one_off=one_off(steps=[step(4, persons=2)], amount=2000000, year=1),
        )
    ).central
    assert result.one_off_per_subject == 2400000
    assert result.breakdown.one_off == 24000000
    assert result.yearly == (25000000, 1000000, 1000000)
    assert result.total == 27000000
    assert result.annual_average == 9000000


def test_it_puts_a_one_off_cost_in_a_later_year_when_told():
    """The same one-off of 2,400,000 × 10 subjects in year 2 instead: yearly 1,000,000 /
    25,000,000 / 1,000,000 — the total is the same."""
    result = calculate(
        calculation(
            hourly_value=50000,
            subjects=10,
            horizon=3,
            recurring=recurring(given=100000, per_year=1),
            one_off=one_off(steps=[step(4, persons=2)], amount=2000000, year=2),
        )
    ).central
    assert result.yearly == (1000000, 25000000, 1000000)


def test_it_includes_fees_in_the_vn_burden_but_only_shows_them_with_scm():
    """One occurrence a year for 2 subjects over 1 year; 3 hours by one person; services
    100,000; a fee of 500,000; other costs 20,000; hourly value 40,000.

    vn  (multiplier 1):    rate 40,000; cost = 120,000 + 100,000 + 500,000 + 20,000 = 740,000;
                           total 2 × 740,000 = 1,480,000 (fees 1,000,000 in it).
    scm (multiplier 1.25): rate 50,000; cost = 150,000 + 100,000 + 20,000 = 270,000;
                           total 540,000; fees 1,000,000 shown in the breakdown, not in the total.
    """
    parts = recurring(steps=[step(3)], services=100000, fees=[500000], other=[20000], per_year=1)
    vn = calculate(calculation(hourly_value=40000, subjects=2, recurring=parts)).central
    scm = calculate(calculation(method=Method.SCM, hourly_value=40000, multiplier="1.25", subjects=2, recurring=parts))
    assert vn.cost_per_occurrence == 740000
    assert vn.total == 1480000
    b = vn.breakdown
    assert b.time + b.services + b.fees + b.other + b.one_off == vn.total
    assert scm.central.hourly_rate == 50000
    assert scm.central.cost_per_occurrence == 270000
    assert scm.central.total == 540000
    assert scm.central.breakdown.fees == 1000000
    b = scm.central.breakdown
    assert b.time + b.services + b.other + b.one_off == scm.central.total


def test_it_never_multiplies_dossiers_per_year_by_a_frequency():
    """50,000 dossiers a year across everyone, horizon 2 years, vn at 43,750 đồng an hour.

    cost per dossier = 2 h × 43,750 + fee 200,000 = 287,500
    recurring total  = 50,000 × 2 years × 287,500 = 28,750,000,000 (no per_year factor)
    10,000 subjects: occurrences per subject = 100,000 ÷ 10,000 = 10, and a one-off of
    100,000 each in year 1 = 1,000,000,000. Total 29,750,000,000; annual 14,875,000,000.
    """
    result = calculate(
        calculation(
            subjects=10000,
            dossiers=50000,
            horizon=2,
            recurring=recurring(steps=[step(2)], fees=[200000]),
            one_off=one_off(amount=100000),
        )
    ).central
    assert result.cost_per_occurrence == 287500
    assert result.occurrences_total == 100000
    assert result.occurrences_per_subject == 10
    assert result.yearly == (Decimal(15375000000), Decimal(14375000000))
    assert result.total == Decimal(29750000000)
    assert result.annual_average == Decimal(14875000000)


def test_it_has_no_occurrences_per_subject_for_dossiers_without_subjects():
    result = calculate(calculation(subjects=None, dossiers=1000, recurring=recurring(given=5))).central
    assert result.total == 5000
    assert result.occurrences_per_subject is None


def test_it_lets_a_cost_per_occurrence_replace_the_parts():
    """cost_per_occurrence 1,000 replaces 8 hours and a fee of 500,000: 3 a year × 1,000 = 3,000,
    and the parts of the breakdown are unknown (None)."""
    result = calculate(calculation(recurring=recurring(steps=[step(8)], fees=[500000], given=1000, per_year=3))).central
    assert result.cost_per_occurrence == 1000
    assert result.total == 3000
    assert (result.breakdown.time, result.breakdown.fees, result.breakdown.other) == (None, None, None)


def test_it_keeps_the_annual_average_unrounded():
    """100 đồng over 3 years: 33.333… to the model's 60 significant digits (only the hourly
    rate is ever rounded)."""
    result = calculate(calculation(horizon=3, one_off=one_off(amount=100))).central
    assert result.total == 100
    assert str(result.annual_average) == "33." + "3" * 58


def test_it_evaluates_ranges_with_all_low_and_all_high_inputs():
    """vn, 43,750 đồng an hour, one dossier a year; hours 2 (low 1, high 4); fee 500,000 (no range);
    subjects 1,000 (low 800, high 1,200).

    central: (2 × 43,750 + 500,000) × 1,000 = 587,500 × 1,000   = 587,500,000
    low:     (1 × 43,750 + 500,000) ×   800 = 543,750 ×   800   = 435,000,000
    high:    (4 × 43,750 + 500,000) × 1,200 = 675,000 × 1,200   = 810,000,000
    """
    result = calculate(
        calculation(
            subjects=est(1000, 800, 1200),
            recurring=recurring(steps=[step(est(2, 1, 4))], fees=[500000], per_year=1),
        )
    )
    assert result.central.total == 587500000
    assert result.low is not None and result.high is not None
    assert result.low.cost_per_occurrence == 543750
    assert result.low.total == 435000000
    assert result.high.cost_per_occurrence == 675000
    assert result.high.total == 810000000


def test_it_gives_the_range_of_a_ranged_hourly_value_through_the_rounded_rate():
    """Hourly value 43,750 (low 40,340.909…, high 50,000) × 1: the rates are 43,750.00,
    40,340.91 and 50,000.00; one hour a year for one subject costs exactly the rate."""
    low_value = derive_hourly_value(d(7100000), d(1), d(22), d(8))
    result = calculate(
        calculation(
            hourly_value=est(43750, low_value, 50000),
            recurring=recurring(steps=[step(1)], per_year=1),
        )
    )
    assert (result.low.total, result.central.total, result.high.total) == (
        Decimal("40340.91"),
        Decimal("43750.00"),
        Decimal("50000.00"),
    )
