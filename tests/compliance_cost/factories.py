"""Cost profiles, procedures and reduction plans for tests, built through the models and the same
computation the admin triggers (compliance_cost.costing)."""

from __future__ import annotations

from decimal import Decimal

from compliance_cost import costing
from compliance_cost.models import CostProfile, PlanItem, ProfileCost, ProfileStep, ReductionPlan
from regulations.agencies import resolve_agency
from regulations.models import AdministrativeProcedure, BusinessRegulation, Provision
from tests.regulations.builders import make_document


def make_regulation(
    agency: str = "Bộ Tài chính",
    number: str = "16/2012/TT-NHNN",
    title: str = "Cấp giấy phép kinh doanh vàng miếng",
    category: str = "thu-tuc-hanh-chinh",
) -> BusinessRegulation:
    """A business regulation of ``agency``, stated in Điều 1 of a new document of that agency."""
    document = make_document(number=number, title=f"Văn bản {number}", issuer=agency, doc_type="thong-tu")
    regulation = BusinessRegulation.objects.create(
        title=title, document=document, category=category, agency=resolve_agency(agency)
    )
    regulation.provisions.add(Provision.objects.current().get(document=document, label="1", kind="article"))
    return regulation


def make_profile(
    target: BusinessRegulation | AdministrativeProcedure,
    *,
    hours: str = "2",
    fee: int = 500_000,
    subjects: int | None = 1000,
    per_year: str | None = "1",
    dossiers: int | None = None,
    status: str = "cong-bo",
    plan_item: PlanItem | None = None,
    compute: bool = True,
    **fields,
) -> CostProfile:
    """A profile: one step of ``hours`` for one person, one fee, ``subjects`` × ``per_year``."""
    key = "regulation" if isinstance(target, BusinessRegulation) else "procedure"
    profile = CostProfile.objects.create(
        **{key: target},
        status=status,
        subjects=subjects,
        per_year=None if per_year is None else Decimal(per_year),
        dossiers_per_year=dossiers,
        plan_item=plan_item,
        **fields,
    )
    ProfileStep.objects.create(
        profile=profile,
        name="Chuẩn bị và nộp hồ sơ",
        hours=Decimal(hours),
        persons=Decimal(1),
        evidence_kind="expert_estimate",
        evidence_source="Ước tính chuyên gia (thử nghiệm)",
    )
    if fee:
        ProfileCost.objects.create(
            profile=profile,
            category="phi-le-phi",
            name="Lệ phí",
            amount=Decimal(fee),
            evidence_kind="legal_text",
            evidence_source="Điều 1 văn bản thử nghiệm",
        )
    if compute:
        costing.recompute_profile(profile)
        profile.refresh_from_db()
    return profile


def make_plan(agency: str = "Bộ Tài chính", title: str = "Phương án cắt giảm năm 2026", **fields) -> ReductionPlan:
    return ReductionPlan.objects.create(agency=resolve_agency(agency), title=title, year=2026, **fields)


def add_item(plan: ReductionPlan, regulation: BusinessRegulation, action: str = "don-gian-hoa", **fields) -> PlanItem:
    item = PlanItem.objects.create(plan=plan, regulation=regulation, action=action, change="Nộp trực tuyến", **fields)
    costing.refresh_plan_items()
    item.refresh_from_db()
    return item
