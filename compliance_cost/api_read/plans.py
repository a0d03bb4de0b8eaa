"""``GET /api/v1/compliance-cost/plans`` and ``…/plans/<id>``: reduction plans, items, opinions."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import Prefetch, QuerySet
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from compliance_cost.api_read.agencies import TotalsSerializer, _totals
from compliance_cost.api_read.common import (
    AGENCY_PARAMETER,
    DEFAULT_SIZE,
    ERRORS,
    MAX_PAGE,
    MAX_SIZE,
    PAGE_PARAMETERS,
    OpenAPIView,
    Params,
    _agency_filter,
    bad_request,
    page_of,
)
from compliance_cost.api_read.profiles import _n
from compliance_cost.model.comparison import ReductionTotals, RegulationOutcome, aggregate
from compliance_cost.model.plans import AgencyTotals, check_stated
from compliance_cost.models import PlanItem, ReductionPlan
from compliance_cost.models.plans import STATUS_LABELS
from compliance_cost.serializers import NumberField
from consultations.models import CouncilOpinion


class DiscrepancySerializer(serializers.Serializer):
    field = serializers.CharField()
    stated = NumberField()
    expected = NumberField()
    message = serializers.CharField(help_text="vi / en")


class ItemSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    regulation_id = serializers.IntegerField()
    regulation = serializers.CharField()
    procedure_id = serializers.IntegerField(allow_null=True)
    action = serializers.ChoiceField(choices=["bai-bo", "don-gian-hoa", "sua-doi"])
    change = serializers.CharField()
    before_annual = NumberField(allow_null=True)
    after_annual = NumberField(allow_null=True)
    before_from_profile = serializers.BooleanField()
    after_from_profile = serializers.BooleanField()
    saving_annual = NumberField(allow_null=True)
    cut = serializers.BooleanField()


class OpinionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    target = serializers.ChoiceField(choices=["plan", "item"])
    target_id = serializers.IntegerField()
    title = serializers.CharField()
    text = serializers.CharField()
    signatories = serializers.ListField(child=serializers.CharField())
    given_on = serializers.DateField()


class PlanSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    agency = serializers.CharField(help_text="Agency slug.")
    title = serializers.CharField()
    year = serializers.IntegerField()
    status = serializers.ChoiceField(choices=["de-xuat", "da-phe-duyet", "da-ban-hanh", "co-hieu-luc", "rut-lai"])
    status_label = serializers.CharField()
    decision_number = serializers.CharField(allow_blank=True)
    decision_date = serializers.DateField(allow_null=True)
    amending_number = serializers.CharField(allow_blank=True)
    effective_date = serializers.DateField(allow_null=True)
    url = serializers.CharField()
    items = serializers.IntegerField()
    totals = TotalsSerializer(help_text="Over the plan's items.")
    discrepancies = DiscrepancySerializer(many=True, help_text="Printed figures that do not add up (flagged).")


class PlanDetailSerializer(PlanSerializer):
    item_list = ItemSerializer(many=True)
    opinions = OpinionSerializer(many=True, help_text="Published Advisory Council opinions on the plan or its items.")


class PlanPageSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    next = serializers.CharField(allow_null=True)
    previous = serializers.CharField(allow_null=True)
    results = PlanSerializer(many=True)


def plan_totals(items: list[PlanItem]) -> ReductionTotals:
    return aggregate(
        RegulationOutcome(
            Decimal(item.before_annual or 0),
            Decimal(item.after_annual if item.after_annual is not None else item.before_annual or 0),
            item.cut,
        )
        for item in items
    )


def present_plan(plan: ReductionPlan) -> dict[str, Any]:
    items = list(plan.items.all())
    totals = plan_totals(items)
    status = plan.status
    return {
        "id": plan.pk,
        "agency": plan.agency.slug,
        "title": plan.title,
        "year": plan.year,
        "status": status.value,
        "status_label": str(STATUS_LABELS[status]),
        "decision_number": plan.decision_number,
        "decision_date": plan.decision_date,
        "amending_number": plan.amending_number,
        "effective_date": plan.effective_date,
        "url": plan.get_absolute_url(),
        "items": len(items),
        "totals": _totals(AgencyTotals(totals, 0)),
        "discrepancies": [
            {"field": d.field, "stated": d.stated, "expected": d.expected, "message": f"{d.vi} / {d.en}"}
            for d in check_stated(plan.stated, totals)
        ],
    }


def public_plans() -> QuerySet[ReductionPlan]:
    return ReductionPlan.objects.select_related("agency").prefetch_related(
        Prefetch("items", queryset=PlanItem.objects.select_related("regulation").order_by("sort_order", "pk"))
    )


class PlanListAPIView(OpenAPIView):
    """Reduction plans, newest first."""

    @extend_schema(
        operation_id="compliance_cost_plans",
        parameters=[AGENCY_PARAMETER, *PAGE_PARAMETERS],
        responses={200: PlanPageSerializer, **ERRORS},
    )
    def get(self, request: Request) -> Response:
        params = Params(request, ("agency", "page", "size"))
        agency = _agency_filter(params)
        page = params.integer("page", 1, 1, MAX_PAGE)
        size = params.integer("size", DEFAULT_SIZE, 1, MAX_SIZE)
        if params.errors:
            return bad_request(params.errors, params.allowed)
        rows = public_plans().order_by("-year", "pk")
        if agency is not None:
            rows = rows.filter(agency=agency)
        count, found, links = page_of(rows, page, size, request)
        body = {"count": count, **links, "results": [present_plan(p) for p in found]}
        return Response(PlanPageSerializer(body).data)


class PlanDetailAPIView(OpenAPIView):
    """One reduction plan with its items and the Advisory Council's published opinions."""

    @extend_schema(
        operation_id="compliance_cost_plan",
        responses={200: PlanDetailSerializer, 404: OpenApiResponse(description="No such plan.")},
    )
    def get(self, request: Request, pk: str) -> Response:
        if len(pk) > 18:
            return Response({"error": "Không có phương án này / no such plan"}, status=404)
        plan = public_plans().filter(pk=int(pk)).first()
        if plan is None:
            return Response({"error": "Không có phương án này / no such plan"}, status=404)
        items = list(plan.items.all())
        opinions = CouncilOpinion.objects.published().about([plan, *items]).select_related("content_type")
        body = {
            **present_plan(plan),
            "item_list": [
                {
                    "id": item.pk,
                    "regulation_id": item.regulation_id,
                    "regulation": item.regulation.title,
                    "procedure_id": item.procedure_id,
                    "action": item.action,
                    "change": item.change,
                    "before_annual": _n(item.before_annual),
                    "after_annual": _n(item.after_annual),
                    "before_from_profile": item.before_from_profile,
                    "after_from_profile": item.after_from_profile,
                    "saving_annual": item.saving_annual,
                    "cut": item.cut,
                }
                for item in items
            ],
            "opinions": [
                {
                    "id": opinion.pk,
                    "target": "plan" if opinion.content_type.model == "reductionplan" else "item",
                    "target_id": opinion.object_id,
                    "title": opinion.title,
                    "text": opinion.text,
                    "signatories": opinion.signatory_list,
                    "given_on": opinion.given_on,
                }
                for opinion in opinions
            ],
        }
        return Response(PlanDetailSerializer(body).data)
