"""Recomputing every profile, the scores and the plan items, and the per-agency totals, take a
fixed number of queries whatever the number of regulations (make bench measures the time)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from compliance_cost import costing
from compliance_cost.models import CostProfile
from compliance_cost.totals import agency_reports
from search.models import IndexRequest
from tests.compliance_cost.factories import add_item, make_plan, make_profile, make_regulation

pytestmark = pytest.mark.django_db


def library(count: int, offset: int = 0) -> None:
    """``count`` regulations, each with a published profile; every other one in a plan."""
    plan = make_plan(title=f"Phương án {offset}")
    for index in range(offset, offset + count):
        regulation = make_regulation(number=f"{index + 1}/2021/TT-BTC", title=f"Quy định {index}")
        make_profile(regulation, hours=str(1 + index % 5), compute=False)
        if index % 2 == 0:
            add_item(plan, regulation, after_entered=1000, after_evidence_kind="survey", after_evidence_source="x")


def queries(action) -> int:
    with CaptureQueriesContext(connection) as captured:
        action()
    return len(captured.captured_queries)


def test_it_recomputes_in_a_fixed_number_of_queries():
    library(3)
    small = queries(costing.recompute_profiles)
    library(12, offset=3)
    large = queries(costing.recompute_profiles)
    assert CostProfile.objects.scored().count() == 15
    assert small == large, (small, large)
    # Every profile announced to search in the same fixed number of queries.
    assert IndexRequest.objects.filter(kind="costs").count() == 15


def test_it_totals_the_agencies_in_a_fixed_number_of_queries():
    library(2)
    costing.recompute_profiles()
    small = queries(agency_reports)
    library(10, offset=2)
    costing.recompute_profiles()
    large = queries(agency_reports)
    assert small == large == 3
    (report,) = agency_reports()
    assert report.planned.regulations == 12 and report.planned.totals.regulations_cut == 6
