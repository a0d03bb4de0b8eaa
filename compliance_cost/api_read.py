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

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.urls import reverse
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from compliance_cost.model import REDUCTION_TARGET
from compliance_cost.model.comparison import ReductionTotals, RegulationOutcome, aggregate
from compliance_cost.model.plans import AgencyTotals, check_stated
from compliance_cost.model.scoring import GRADES
from compliance_cost.models import CostProfile, PlanItem, ProfileCost, ProfileStep, ReductionPlan
from compliance_cost.models.plans import STATUS_LABELS, today
from compliance_cost.serializers import NumberField
from compliance_cost.totals import AgencyReport, agency_reports
from consultations.models import CouncilOpinion
from regulations.api_errors import ErrorSerializer, error_response
from regulations.models import Agency

DEFAULT_SIZE = 100
MAX_SIZE = 1000
MAX_PAGE = 10**6
KINDS = ("regulation", "procedure")
ERROR_TITLE = "Tham số không hợp lệ / invalid parameters"


def bad_request(errors: dict[str, str], allowed: dict[str, list[str]] | None = None) -> Response:
    return error_response(ERROR_TITLE, errors, allowed)


class Params:
    """The query parameters of a list, each checked; every error named at once."""

    def __init__(self, request: Request, known: tuple[str, ...]) -> None:
        self.query = request.query_params
        self.errors: dict[str, str] = {}
        self.allowed: dict[str, list[str]] = {}
        for key in self.query:
            if key not in known:
                self.errors[key] = f"Tham số không được hỗ trợ / unknown parameter (accepted: {', '.join(known)})"

    def integer(self, key: str, default: int, low: int, high: int) -> int:
        raw = self.query.get(key)
        if raw is None:
            return default
        if not raw.isdigit() or not low <= int(raw) <= high:
            self.errors[key] = f"Phải là số nguyên từ {low} đến {high} / must be an integer from {low} to {high}"
            return default
        return int(raw)

    def choice(self, key: str, choices: list[str]) -> str | None:
        raw = self.query.get(key)
        if raw is None:
            return None
        if raw not in choices:
            self.errors[key] = f"Giá trị không hợp lệ / unknown value: {raw[:40]!r}"
            self.allowed[key] = choices
            return None
        return raw


def page_of(queryset: QuerySet[Any], page: int, size: int, request: Request) -> tuple[int, list[Any], dict[str, Any]]:
    count = queryset.count()
    rows = list(queryset[(page - 1) * size : page * size])

    def link(number: int) -> str:
        params = request.query_params.copy()
        params["page"] = str(number)
        params["size"] = str(size)
        return request.build_absolute_uri(f"{request.path}?{params.urlencode()}")

    links = {
        "next": link(page + 1) if page * size < count else None,
        "previous": link(page - 1) if page > 1 and (page - 1) * size < max(count, 1) else None,
    }
    return count, rows, links


PAGE_PARAMETERS = [
    OpenApiParameter("page", {"type": "integer", "minimum": 1, "maximum": MAX_PAGE}, description="Page, from 1."),
    OpenApiParameter(
        "size",
        {"type": "integer", "minimum": 1, "maximum": MAX_SIZE},
        description=f"Results per page, 1–{MAX_SIZE} (default {DEFAULT_SIZE}). Every page can be read: no cap.",
    ),
]
AGENCY_PARAMETER = OpenApiParameter(
    "agency", {"type": "string", "maxLength": 100}, description="Agency slug (an unknown one is refused with 400)."
)
ERRORS = {400: OpenApiResponse(ErrorSerializer, description="Bad parameters, each named (vi / en).")}


SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,99}$")


def _agency_filter(params: Params) -> Agency | None:
    slug = params.query.get("agency")
    if slug is None:
        return None
    agency = Agency.objects.filter(slug=slug).first() if SLUG.match(slug) else None
    if agency is None:
        params.errors["agency"] = f"Không có cơ quan này / unknown agency: {slug[:40]!r}"
    return agency


# ---- agencies ------------------------------------------------------------------------------


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


class OpenAPIView(APIView):
    authentication_classes: list[type] = []
    permission_classes: list[type] = []


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


class EvidenceSerializer(serializers.Serializer):
    kind = serializers.CharField()
    label = serializers.CharField()
    source = serializers.CharField()
    url = serializers.CharField(allow_blank=True)
    note = serializers.CharField(allow_blank=True)


class RangedSerializer(serializers.Serializer):
    value = NumberField()
    low = NumberField(allow_null=True)
    high = NumberField(allow_null=True)


class StepSerializer(serializers.Serializer):
    name = serializers.CharField()
    phase = serializers.ChoiceField(choices=["recurring", "one_off"])
    hours = RangedSerializer()
    persons = RangedSerializer()
    evidence = EvidenceSerializer(allow_null=True)


class CostItemSerializer(serializers.Serializer):
    name = serializers.CharField()
    category = serializers.ChoiceField(choices=["fee", "service", "other", "one_off"])
    amount = RangedSerializer()
    evidence = EvidenceSerializer(allow_null=True)


class ParameterSetRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    base_year = serializers.IntegerField()


class ProfileSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=list(KINDS))
    regulation_id = serializers.IntegerField(allow_null=True)
    procedure_id = serializers.IntegerField(allow_null=True)
    plan_item_id = serializers.IntegerField(allow_null=True, help_text="Set for a profile after a plan's item.")
    title = serializers.CharField()
    agency = serializers.CharField(help_text="Agency slug.")
    url = serializers.CharField()
    method = serializers.CharField()
    hourly_rate = NumberField(allow_null=True)
    cost_per_occurrence = NumberField(allow_null=True)
    per_subject_annual = NumberField(allow_null=True, help_text="Annual cost per subject, đồng.")
    annual_total = NumberField(allow_null=True, help_text="Annual cost over everyone, đồng.")
    annual_low = NumberField(allow_null=True)
    annual_high = NumberField(allow_null=True)
    breakdown = serializers.DictField(child=serializers.CharField(allow_null=True))
    grade = serializers.CharField(allow_blank=True, help_text="A–E by cost band ('' when not scored).")
    percentile = NumberField(allow_null=True, help_text="Share (%) of scored profiles costing at most as much.")
    parameter_set = ParameterSetRefSerializer(allow_null=True)
    computed_at = serializers.DateTimeField(allow_null=True)


class ProfileDetailSerializer(ProfileSerializer):
    subjects = serializers.IntegerField(allow_null=True)
    dossiers_per_year = NumberField(allow_null=True)
    per_year = NumberField(allow_null=True)
    every_years = serializers.IntegerField(allow_null=True)
    horizon_years = serializers.IntegerField()
    volume_evidence = EvidenceSerializer(allow_null=True)
    steps = StepSerializer(many=True)
    costs = CostItemSerializer(many=True)


class ProfilePageSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    next = serializers.CharField(allow_null=True)
    previous = serializers.CharField(allow_null=True)
    results = ProfileSerializer(many=True)


def _n(value: Any) -> Decimal | None:
    return None if value is None else Decimal(value)


def _evidence(kind: str, label: str, source: str, url: str = "", note: str = "") -> dict[str, str] | None:
    if not kind:
        return None
    return {"kind": kind, "label": label, "source": source, "url": url, "note": note}


def present_profile(profile: CostProfile) -> dict[str, Any]:
    parameter_set = profile.computed_parameter_set
    return {
        "id": profile.pk,
        "kind": "regulation" if profile.regulation_id else "procedure",
        "regulation_id": profile.regulation_id,
        "procedure_id": profile.procedure_id,
        "plan_item_id": profile.plan_item_id,
        "title": profile.subject_title,
        "agency": profile.agency.slug,
        "url": profile.get_absolute_url(),
        "method": profile.method,
        "hourly_rate": _n(profile.hourly_rate),
        "cost_per_occurrence": _n(profile.cost_per_occurrence),
        "per_subject_annual": _n(profile.per_subject_annual),
        "annual_total": _n(profile.annual_total),
        "annual_low": _n(profile.annual_low),
        "annual_high": _n(profile.annual_high),
        "breakdown": profile.breakdown or {},
        "grade": profile.grade,
        "percentile": _n(profile.percentile),
        "parameter_set": None
        if parameter_set is None
        else {"id": parameter_set.pk, "name": parameter_set.name, "base_year": parameter_set.base_year},
        "computed_at": profile.computed_at,
    }


def _ranged(row: Any, name: str) -> dict[str, Decimal | None]:
    return {
        "value": _n(getattr(row, name)),
        "low": _n(getattr(row, f"{name}_low")),
        "high": _n(getattr(row, f"{name}_high")),
    }


CATEGORY_NAMES = {"phi-le-phi": "fee", "dich-vu": "service", "khac": "other", "mot-lan": "one_off"}


def present_profile_detail(profile: CostProfile) -> dict[str, Any]:
    def row_evidence(row: Any) -> dict[str, str] | None:
        return _evidence(
            row.evidence_kind, row.evidence_label, row.evidence_source, row.evidence_url, row.evidence_note
        )

    volume_label = profile.get_volume_evidence_kind_display() if profile.volume_evidence_kind else ""
    return {
        **present_profile(profile),
        "subjects": profile.subjects,
        "dossiers_per_year": _n(profile.dossiers_per_year),
        "per_year": _n(profile.per_year),
        "every_years": profile.every_years,
        "horizon_years": profile.horizon_years,
        "volume_evidence": _evidence(
            profile.volume_evidence_kind, str(volume_label), profile.volume_evidence_source, profile.volume_evidence_url
        ),
        "steps": [
            {
                "name": step.name,
                "phase": "recurring" if step.phase == "dinh-ky" else "one_off",
                "hours": _ranged(step, "hours"),
                "persons": _ranged(step, "persons"),
                "evidence": row_evidence(step),
            }
            for step in profile.steps.all()
        ],
        "costs": [
            {
                "name": cost.name,
                "category": CATEGORY_NAMES[cost.category],
                "amount": _ranged(cost, "amount"),
                "evidence": row_evidence(cost),
            }
            for cost in profile.costs.all()
        ],
    }


def public_profiles() -> QuerySet[CostProfile]:
    return CostProfile.objects.published().select_related("agency", "regulation", "procedure", "computed_parameter_set")


class ProfileListAPIView(OpenAPIView):
    """Published cost profiles, the most expensive first."""

    @extend_schema(
        operation_id="compliance_cost_profiles",
        parameters=[
            AGENCY_PARAMETER,
            OpenApiParameter("grade", {"type": "string", "enum": list(GRADES)}, description="Cost band A–E."),
            OpenApiParameter("kind", {"type": "string", "enum": list(KINDS)}, description="What the profile costs."),
            *PAGE_PARAMETERS,
        ],
        responses={200: ProfilePageSerializer, **ERRORS},
    )
    def get(self, request: Request) -> Response:
        params = Params(request, ("agency", "grade", "kind", "page", "size"))
        agency = _agency_filter(params)
        grade = params.choice("grade", list(GRADES))
        kind = params.choice("kind", list(KINDS))
        page = params.integer("page", 1, 1, MAX_PAGE)
        size = params.integer("size", DEFAULT_SIZE, 1, MAX_SIZE)
        if params.errors:
            return bad_request(params.errors, params.allowed)
        rows = public_profiles().order_by("-annual_total", "pk")
        if agency is not None:
            rows = rows.filter(agency=agency)
        if grade is not None:
            rows = rows.filter(grade=grade)
        if kind is not None:
            rows = rows.filter(**{f"{kind}__isnull": False})
        count, found, links = page_of(rows, page, size, request)
        body = {"count": count, **links, "results": [present_profile(p) for p in found]}
        return Response(ProfilePageSerializer(body).data)


class ProfileDetailAPIView(OpenAPIView):
    """One published cost profile with its inputs and their evidence."""

    @extend_schema(
        operation_id="compliance_cost_profile",
        responses={200: ProfileDetailSerializer, 404: OpenApiResponse(description="No such published profile.")},
    )
    def get(self, request: Request, pk: str) -> Response:
        if len(pk) > 18:  # beyond any id (and the database's integers)
            return Response({"error": "Không có hồ sơ chi phí này / no such profile"}, status=404)
        profile = (
            public_profiles()
            .prefetch_related(
                Prefetch("steps", queryset=ProfileStep.objects.order_by("sort_order", "pk")),
                Prefetch("costs", queryset=ProfileCost.objects.order_by("sort_order", "pk")),
            )
            .filter(pk=int(pk))
            .first()
        )
        if profile is None:
            return Response({"error": "Không có hồ sơ chi phí này / no such profile"}, status=404)
        return Response(ProfileDetailSerializer(present_profile_detail(profile)).data)


# ---- plans -------------------------------------------------------------------------------------


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
