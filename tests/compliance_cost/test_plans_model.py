"""Reduction plans in the pure model (compliance_cost.model.plans): status from the facts, what
counts as cut, an agency's totals against the 20% targets, printed figures that do not add up."""

import datetime
from decimal import Decimal

import pytest

from compliance_cost.model.comparison import aggregate
from compliance_cost.model.plans import (
    Action,
    PlanStatus,
    RegulationCost,
    StatedFigures,
    agency_totals,
    check_stated,
    counts_as_cut,
    plan_status,
)

TODAY = datetime.date(2026, 12, 1)


def status(**facts):
    given = {"withdrawn": False, "approved": False, "amending_issued": False, "effective_on": None, "today": TODAY}
    return plan_status(**(given | facts))


def test_it_follows_a_plan_from_proposed_to_in_force():
    assert status() is PlanStatus.PROPOSED
    assert status(approved=True) is PlanStatus.APPROVED
    assert status(approved=True, amending_issued=True) is PlanStatus.ISSUED
    # The amending document is issued but takes effect later: not yet in force.
    later = datetime.date(2027, 1, 1)
    assert status(approved=True, amending_issued=True, effective_on=later) is PlanStatus.ISSUED
    assert status(approved=True, amending_issued=True, effective_on=TODAY) is PlanStatus.IN_FORCE
    assert status(approved=True, amending_issued=True, effective_on=TODAY, withdrawn=True) is PlanStatus.WITHDRAWN


def test_it_counts_repeals_and_simplifications_as_cut_and_amendments_only_when_cheaper():
    assert counts_as_cut(Action.ABOLISH, None, None)
    assert counts_as_cut(Action.SIMPLIFY, Decimal(10), Decimal(10))
    assert counts_as_cut(Action.AMEND, Decimal(10), Decimal(9))
    assert not counts_as_cut(Action.AMEND, Decimal(10), Decimal(10))
    assert not counts_as_cut(Action.AMEND, None, Decimal(1))


def test_it_weighs_an_agency_reduction_by_cost_over_all_its_regulations():
    """Five regulations: A costs 800 and is simplified to 600; B costs 150 and is abolished (no
    after figure: 0); C costs 50, untouched; D has no known cost, untouched; E has no profile but
    its plan item gives 100 → 100 (amended, not cheaper: not cut).
    Cost before 800 + 150 + 50 + 100 = 1,100; after 600 + 0 + 50 + 100 = 750; saving 350;
    reduction 350 ÷ 1,100 = 31.8% (≥ 20%). Cut: A and B, 2 of 5 = 40% (≥ 20%). One uncosted (D)."""
    totals = agency_totals(
        [
            RegulationCost(1, Decimal(800), Action.SIMPLIFY, Decimal(800), Decimal(600)),
            RegulationCost(2, Decimal(150), Action.ABOLISH, Decimal(150), None),
            RegulationCost(3, Decimal(50)),
            RegulationCost(4, None),
            RegulationCost(5, None, Action.AMEND, Decimal(100), Decimal(100)),
        ]
    )
    t = totals.totals
    assert (t.regulations, t.regulations_cut, totals.uncosted) == (5, 2, 1)
    assert (t.before_annual, t.after_annual, t.saving_annual) == (Decimal(1100), Decimal(750), Decimal(350))
    assert t.reduction_rate.quantize(Decimal("0.001")) == Decimal("0.318")
    assert t.share_cut == Decimal("0.4")
    assert t.meets_cost_target and t.meets_count_target


def test_it_does_not_take_the_mean_of_the_rates():
    """A cheap regulation cut by 100% and an expensive one cut by 1%: 10 + 990 = 1,000 a year
    before, 0 + 980.1 after; the cost-weighted reduction is 19.9 ÷ 1,000 = 1.99%, not 50.5%."""
    t = agency_totals(
        [
            RegulationCost(1, Decimal(10), Action.ABOLISH, None, None),
            RegulationCost(2, Decimal(990), Action.SIMPLIFY, None, Decimal("980.1")),
        ]
    ).totals
    assert t.reduction_rate == Decimal("0.0199")
    assert not t.meets_cost_target and t.meets_count_target


def test_it_flags_a_printed_rate_that_is_not_cut_over_total():
    found = check_stated(StatedFigures(regulations_total=6, regulations_cut=2, cut_rate_percent=Decimal("30")))
    assert [d.field for d in found] == ["cut_rate_percent"]
    assert found[0].expected.quantize(Decimal("0.01")) == Decimal("33.33")
    assert "2 ÷ 6 = 33,33%" in found[0].vi


@pytest.mark.parametrize("printed", ["33.3", "33", "33.33"])
def test_it_accepts_a_rate_rounded_to_the_digits_printed(printed):
    assert check_stated(StatedFigures(regulations_total=6, regulations_cut=2, cut_rate_percent=Decimal(printed))) == []


def test_it_flags_a_saving_that_is_not_before_minus_after_and_a_cut_above_the_total():
    found = check_stated(
        StatedFigures(
            regulations_total=3,
            regulations_cut=4,
            cost_before=Decimal(70_000_000_000),
            cost_after=Decimal(45_000_000_000),
            saving=Decimal(30_000_000_000),
            cost_rate_percent=Decimal("42.9"),  # 30 ÷ 70 = 42.86%: consistent with the printed saving
        )
    )
    assert [d.field for d in found] == ["regulations_cut", "saving"]
    assert found[1].expected == Decimal(25_000_000_000)


def test_it_compares_printed_totals_with_the_plan_items():
    """The items cut 1 regulation, from 1,000 to 800 a year; the decision prints 2 cut, 1,000
    before (right) and 700 after (wrong beyond rounding)."""
    from compliance_cost.model.comparison import RegulationOutcome

    items = aggregate([RegulationOutcome(Decimal(1000), Decimal(800), cut=True)])
    found = check_stated(StatedFigures(regulations_cut=2, cost_before=Decimal(1000), cost_after=Decimal(700)), items)
    assert [d.field for d in found] == ["regulations_cut", "cost_after"]
    assert check_stated(StatedFigures(regulations_cut=1, cost_before=Decimal(1004)), items) == []
