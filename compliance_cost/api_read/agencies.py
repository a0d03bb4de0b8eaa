"""``GET /api/v1/compliance-cost/agencies``: per-agency totals against the 20% targets."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from compliance_cost.api_read.common import (
    AGENCY_PARAMETER,
    ERRORS,
    OpenAPIView,
    Params,
    _agency_filter,
    bad_request,
)
from compliance_cost.model import REDUCTION_TARGET
from compliance_cost.model.comparison import ReductionTotals
from compliance_cost.model.plans import AgencyTotals
from compliance_cost.models.plans import today
from compliance_cost.serializers import NumberField
from compliance_cost.totals import AgencyReport, agency_reports


class CostAgencyRefSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    short_name = serializers.CharField(allow_blank=True)


class TotalsSerializer(serializers.Serializer):
    regulations_cut = serializers.IntegerField(help_text="Regulations abolished or simplified (or cheaper).")
    share_cut = NumberField(allow_null=True, help_text="regulations_cut ÷ regulations (0–1).")
    meets_count_target = serializers.BooleanField(help_text="share_cut ≥ target.")
    cost_before_annual = NumberField(help_text="Σ annual cost before, đồng a year (costed regulations).")
    cost_after_annual = NumberField()
    saving_annual = NumberField()
    reduction_rate = NumberField(allow_null=True, help_text="Cost-weighted: Σ saving ÷ Σ before (0–1).")
    meets_cost_target = serializers.BooleanField(help_text="reduction_rate ≥ target.")


class AgencyTotalsSerializer(serializers.Serializer):
    agency = CostAgencyRefSerializer()
    url = serializers.CharField(help_text="The agency's page.")
    regulations = serializers.IntegerField(help_text="Its business regulations.")
    uncosted = serializers.IntegerField(help_text="Regulations without a known cost (counted, not costed).")
    plans = serializers.IntegerField(help_text="Its reduction plans not withdrawn.")
    planned = TotalsSerializer(help_text="Every plan not withdrawn.")
    in_force = TotalsSerializer(help_text="Only plans whose amending document is in force.")


class AgenciesSerializer(serializers.Serializer):
    target = NumberField(help_text="The target of Resolution 68/NQ-CP for both figures (0.2).")
    date = serializers.DateField(help_text="The day the statuses are computed for.")
    results = AgencyTotalsSerializer(many=True)


def _totals(totals: AgencyTotals) -> dict[str, Any]:
    t: ReductionTotals = totals.totals
    return {
        "regulations_cut": t.regulations_cut,
        "share_cut": t.share_cut,
        "meets_count_target": t.meets_count_target,
        "cost_before_annual": t.before_annual,
        "cost_after_annual": t.after_annual,
        "saving_annual": t.saving_annual,
        "reduction_rate": t.reduction_rate,
        "meets_cost_target": t.meets_cost_target,
    }


def present_agency(report: AgencyReport) -> dict[str, Any]:
    agency = report.agency
    return {
        "agency": {"slug": agency.slug, "name": agency.name, "short_name": agency.short_name},
        "url": reverse("compliance_cost:agency", args=[agency.slug]),
        "regulations": report.planned.regulations,
        "uncosted": report.planned.uncosted,
        "plans": report.plans,
        "planned": _totals(report.planned),
        "in_force": _totals(report.in_force),
    }


class AgenciesAPIView(OpenAPIView):
    """Every agency against the 20% targets: regulations cut of the total, cost-weighted reduction."""

    @extend_schema(
        operation_id="compliance_cost_agencies",
        parameters=[AGENCY_PARAMETER],
        responses={200: AgenciesSerializer, **ERRORS},
    )
    def get(self, request: Request) -> Response:
        params = Params(request, ("agency",))
        agency = _agency_filter(params)
        if params.errors:
            return bad_request(params.errors, params.allowed)
        day = today()
        reports = agency_reports(day, [agency.pk] if agency else None)
        body = {"target": REDUCTION_TARGET, "date": day, "results": [present_agency(r) for r in reports]}
        return Response(AgenciesSerializer(body).data)


# ---- profiles ----------------------------------------------------------------------------------
