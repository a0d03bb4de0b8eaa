"""The compliance cost open data: per-agency totals, cost profiles and reduction plans.

* ``GET /api/v1/compliance-cost/agencies`` — per agency: cost before and after, the cost-weighted
  reduction, regulations cut of the total, each against the 20% targets, as planned and as in
  force (compliance_cost/totals.py);
* ``GET /api/v1/compliance-cost/profiles`` (``agency``, ``grade``, ``kind``, ``page``, ``size``) and
  ``…/profiles/<id>`` — published cost profiles, with their inputs and evidence in the detail;
* ``GET /api/v1/compliance-cost/plans`` (``agency``, ``page``, ``size``) and ``…/plans/<id>`` —
  reduction plans with their items, totals, flagged printed figures and the Council's opinions.

Open data: no authentication, no cap on what can be read (pages of up to 1,000, as many pages as
there are). Money is a JSON number, unrounded. Bad parameters: 400 in the search API's format.
"""

from compliance_cost.api_read.agencies import AgenciesAPIView
from compliance_cost.api_read.plans import PlanDetailAPIView, PlanListAPIView
from compliance_cost.api_read.profiles import ProfileDetailAPIView, ProfileListAPIView

__all__ = [
    "AgenciesAPIView",
    "PlanDetailAPIView",
    "PlanListAPIView",
    "ProfileDetailAPIView",
    "ProfileListAPIView",
]
