"""Admin: propose a cost profile's inputs from its legal text, for an editor to confirm.

``GET /quan-tri/chi-phi/ho-so/<pk>/de-xuat/`` reads the provisions the profile's regulation or
procedure comes from (compliance_cost/prefill.py) and lists the proposals, none ticked. Only what
the editor ticks, with the figures as she corrects them, is saved by the ``POST``: fees as the
profile's fees (evidence: the legal text), papers of the dossier as its steps (evidence: the
portal's expert estimate, which she confirms), a time limit as the procedure's. A refused form
saves nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from wagtail.permissions import policy_registry

from compliance_cost import costing
from compliance_cost.model import bounds
from compliance_cost.model.errors import describe
from compliance_cost.models import CostCategory, CostProfile, Phase, ProfileCost, ProfileStep
from compliance_cost.models.evidence import EvidenceKind
from compliance_cost.prefill import FEE, PAPER, TIME_LIMIT, Proposal, propose
from compliance_cost.texts import articles_of, units_of
from regulations.models import ProvisionKind
from regulations.models.procedures import ProcedureDocument


@dataclass
class Row:
    """A proposal as the form shows it: ticked or not, its figure as typed, its error."""

    proposal: Proposal
    existing: bool
    accepted: bool = False
    value: str = ""
    error: str = ""


def _existing(profile: CostProfile, proposal: Proposal) -> bool:
    if proposal.kind == FEE:
        return profile.costs.filter(category=CostCategory.FEE, amount=proposal.amount, name=proposal.name).exists()
    if proposal.kind == PAPER:
        return profile.steps.filter(name=proposal.name).exists()
    procedure = profile.procedure
    return procedure is not None and procedure.time_limit_days == proposal.days


def _value_of(proposal: Proposal) -> Decimal | None:
    return proposal.amount if proposal.kind == FEE else proposal.hours if proposal.kind == PAPER else None


def _read(row: Row, data: Any) -> Decimal | None:
    """The figure typed for a ticked proposal, within the model's bounds (Vietnamese message)."""
    key = row.proposal.key
    row.accepted = key in data.getlist("accept")
    row.value = data.get(f"value-{key}", "").strip()
    if not row.accepted or row.proposal.kind == TIME_LIMIT:
        return None
    bound = bounds.AMOUNT if row.proposal.kind == FEE else bounds.HOURS
    vi, _en = describe(bound)
    try:
        value = (
            Decimal(row.value.replace(".", "").replace(",", "."))
            if row.proposal.kind == FEE
            else Decimal(row.value.replace(",", "."))
        )
    except InvalidOperation:
        row.error = f"Phải nhập số, không phải chữ ({vi})"
        return None
    if not value.is_finite() or not bound.admits(value):
        row.error = f"Giá trị không hợp lệ: {vi}"
        return None
    return value


@transaction.atomic
def _save(profile: CostProfile, accepted: list[tuple[Row, Decimal | None]]) -> int:
    order = profile.steps.count() + profile.costs.count()
    procedure = profile.procedure
    papers = []
    for row, value in accepted:
        proposal = row.proposal
        order += 1
        if proposal.kind == FEE and value is not None:
            ProfileCost.objects.create(
                profile=profile,
                sort_order=order,
                category=CostCategory.FEE,
                name=proposal.name + (f" (mỗi {proposal.per})" if proposal.per else ""),
                amount=value,
                evidence_kind=EvidenceKind.LEGAL_TEXT,
                evidence_source=proposal.source[:500],
                evidence_note=proposal.quote[:1000],
                provision_id=proposal.provision_id,
            )
        elif proposal.kind == PAPER and value is not None:
            ProfileStep.objects.create(
                profile=profile,
                sort_order=order,
                phase=Phase.RECURRING,
                name=proposal.name,
                hours=value,
                persons=Decimal(1),
                evidence_kind=EvidenceKind.EXPERT_ESTIMATE,
                evidence_source=proposal.source[:500] if value == proposal.hours else "Ước tính của cán bộ nhập liệu",
                evidence_note=f"Thành phần hồ sơ theo {proposal.citation}"[:1000],
                provision_id=proposal.provision_id,
            )
            papers.append(proposal)
        elif proposal.kind == TIME_LIMIT and procedure is not None:
            procedure.time_limit_days = proposal.days
            procedure.time_limit_working_days = proposal.working_days
            procedure.time_limit_source = proposal.source[:255]
            procedure.save(update_fields=["time_limit_days", "time_limit_working_days", "time_limit_source"])
    if procedure is not None and papers and not procedure.documents.exists():
        for position, paper in enumerate(papers):
            ProcedureDocument.objects.create(
                procedure=procedure, sort_order=position, name=paper.quote[:500], certified_copy=paper.certified_copy
            )
    costing.recompute_profile(profile)
    return len(accepted)


def prefill_profile(request: HttpRequest, pk: int) -> HttpResponse:
    profile = get_object_or_404(CostProfile.objects.select_related("regulation", "procedure"), pk=pk)
    if not policy_registry.get_by_type(CostProfile).user_has_permission_for_instance(request.user, "change", profile):
        raise PermissionDenied
    proposals = propose(units_of(articles_of(profile)))
    rows = [Row(p, _existing(profile, p), value="" if _value_of(p) is None else str(_value_of(p))) for p in proposals]
    if request.method == "POST":
        read = [(row, _read(row, request.POST)) for row in rows]
        chosen_limits = [row for row, _ in read if row.accepted and row.proposal.kind == TIME_LIMIT]
        if len(chosen_limits) > 1:
            for row in chosen_limits:
                row.error = "Chỉ chọn một thời hạn giải quyết."
        if any(row.error for row in rows):
            messages.error(request, "Chưa lưu: sửa các ô báo lỗi rồi xác nhận lại.")
        else:
            accepted = [(row, value) for row, value in read if row.accepted and not row.existing]
            if not accepted:
                messages.warning(request, "Chưa chọn đề xuất nào: không có gì được lưu.")
            else:
                count = _save(profile, accepted)
                messages.success(request, f"Đã thêm {count} số liệu đã xác nhận vào hồ sơ chi phí.")
                return redirect(reverse("wagtailsnippets_compliance_cost_costprofile:edit", args=[profile.pk]))
    return TemplateResponse(
        request,
        "compliance_cost/admin/prefill.html",
        {
            "profile": profile,
            "rows": rows,
            "fees": [r for r in rows if r.proposal.kind == FEE],
            "papers": [r for r in rows if r.proposal.kind == PAPER],
            "limits": [r for r in rows if r.proposal.kind == TIME_LIMIT],
            "is_procedure": profile.procedure_id is not None,
            "edit_url": reverse("wagtailsnippets_compliance_cost_costprofile:edit", args=[profile.pk]),
            "article_kind": ProvisionKind.ARTICLE,
        },
    )
