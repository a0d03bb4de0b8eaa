"""``GET /api/v1/compliance-cost/profiles`` and ``…/profiles/<id>``: published cost profiles."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import Prefetch, QuerySet
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from compliance_cost.api_read.common import (
    AGENCY_PARAMETER,
    DEFAULT_SIZE,
    ERRORS,
    KINDS,
    MAX_PAGE,
    MAX_SIZE,
    PAGE_PARAMETERS,
    OpenAPIView,
    Params,
    _agency_filter,
    bad_request,
    page_of,
)
from compliance_cost.model.scoring import GRADES
from compliance_cost.models import CostProfile, ProfileCost, ProfileStep
from compliance_cost.serializers import NumberField


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
