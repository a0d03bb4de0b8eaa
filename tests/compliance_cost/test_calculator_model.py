"""One business's own cost (compliance_cost.model.calculator, pure), worked by hand."""

from decimal import Decimal

from compliance_cost.model.calculator import OwnInputs, own_cost
from tests.compliance_cost.builders import calculation, one_off, recurring, step


def profile(**parts):
    """A licence profile: 10,000 subjects once a year, 2 steps (3 h × 1, 1 h × 2 persons: 5
    person-hours), a 500,000 fee and 30,000 of copies; time at 43,750 an hour."""
    parts = {"steps": [step(3), step(1, persons=2)], "fees": [500000], "other": [30000], "per_year": 1} | parts
    return calculation(subjects=10000, recurring=recurring(**parts))


def test_it_takes_the_profile_figures_for_what_the_business_leaves_out():
    """5 h × 43,750 = 218,750 + 530,000 = 748,750 a dossier, one a year."""
    result = own_cost(profile(), None, OwnInputs())
    own = result.before
    assert (own.hours, own.hourly_wage, own.per_year) == (Decimal(5), Decimal("43750.00"), Decimal(1))
    assert own.money_per_occurrence == Decimal(530000)
    assert own.yearly_cost == Decimal(748750)
    assert result.after is None and result.saving_yearly is None


def test_it_uses_the_business_own_hours_wage_and_frequency():
    """8 h × 100,000 = 800,000 + 530,000 = 1,330,000 a dossier × 3 a year = 3,990,000."""
    own = own_cost(profile(), None, OwnInputs(Decimal(8), Decimal(100000), Decimal(3))).before
    assert own.cost_per_occurrence == Decimal(1330000)
    assert own.yearly_cost == Decimal(3990000)


def test_it_scales_the_business_hours_and_frequency_as_the_plan_scales_the_profile():
    """The plan halves the hours (5 → 2.5 person-hours: one step of 2.5 h), drops the copies and
    turns the yearly dossier into one every two years (per_year 1 → 0.5).
    The business: 8 h, 100,000 an hour, 2 dossiers a year.
    before: (800,000 + 530,000) × 2 = 2,660,000.
    after:  8 × 2.5/5 = 4 h → 400,000 + 500,000 = 900,000 × (2 × 0.5/1 = 1) = 900,000.
    saving 1,760,000 a year, 66.2%."""
    after = profile(steps=[step("2.5")], other=[], per_year="0.5")
    result = own_cost(profile(), after, OwnInputs(Decimal(8), Decimal(100000), Decimal(2)))
    assert result.before.yearly_cost == Decimal(2660000)
    assert result.after is not None
    assert (result.after.hours, result.after.per_year) == (Decimal(4), Decimal(1))
    assert result.after.yearly_cost == Decimal(900000)
    assert result.saving_yearly == Decimal(1760000)
    assert result.reduction_rate.quantize(Decimal("0.001")) == Decimal("0.662")


def test_it_leaves_nothing_to_pay_when_the_plan_repeals_the_regulation():
    result = own_cost(profile(), None, OwnInputs(per_year=Decimal(4)), abolished=True)
    assert result.before.yearly_cost == Decimal(748750 * 4)
    assert result.after is not None and result.after.yearly_cost == 0
    assert result.reduction_rate == 1


def test_it_spreads_one_off_costs_over_the_profile_horizon():
    """A 2-year horizon with a 1,000,000 set-up cost: 500,000 a year on top of the dossiers."""
    calc = calculation(
        subjects=100, horizon=2, recurring=recurring(steps=[step(1)], per_year=1), one_off=one_off(amount=1000000)
    )
    own = own_cost(calc, None, OwnInputs(hourly_wage=Decimal(50000))).before
    assert own.one_off_yearly == Decimal(500000)
    assert own.yearly_cost == Decimal(550000)


def test_it_cannot_adjust_hours_of_a_profile_that_gives_its_cost_per_occurrence():
    calc = calculation(subjects=10, recurring=recurring(given=200000, per_year=2))
    result = own_cost(calc, None, OwnInputs(hours=Decimal(99), per_year=Decimal(5)))
    assert result.fixed_cost_per_occurrence
    assert result.before.yearly_cost == Decimal(1000000)
