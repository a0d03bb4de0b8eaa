"""Demo data for compliance cost: cost profiles of real business regulations of the demo library,
and one reduction plan for each agency that has business regulations there.

What comes from the legal text (the shared corpus), read by the same prefill an editor uses
(compliance_cost/prefill.py): the papers of each dossier (thành phần hồ sơ) and the time limits.
Everything else is an **expert estimate** and is recorded as such (evidence kind "Ước tính chuyên
gia"), with a range: the number of dossiers a year, the hours of each step (the prefill's
estimate by kind of paper), the fees (the laws leave them to the Ministry of Finance; the
amounts below are this portal's reading of the fee circulars, which are not in the corpus and
must be checked), certified copies, hired services. The plans name real approving and amending
documents where the demo library has them (2020/QĐ-TTg for Bộ Nội vụ; 66.19/2026/NQ-CP and
22/2026/TT-BNNMT for Bộ Nông nghiệp và Môi trường); their items are **illustrations** built on
the corpus texts, not the contents of those documents, and every plan says so.

Idempotent: a profile is created once per regulation or procedure, a plan once per title.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction

from compliance_cost import costing
from compliance_cost.demo_data import (
    DEMO_NOTE,
    ESTIMATE,
    PLANS,
    PROFILES,
    VOLUME_SOURCE,
    After,
    DemoPlan,
    DemoProfile,
)
from compliance_cost.models import (
    CostProfile,
    PlanItem,
    ProfileCost,
    ProfileStatus,
    ProfileStep,
    ReductionPlan,
)
from compliance_cost.prefill import PAPER, TIME_LIMIT, propose
from compliance_cost.texts import units_of
from regulations.agencies import resolve_agency
from regulations.models import AdministrativeProcedure, BusinessRegulation, LegalDocumentPage
from regulations.models.procedures import ProcedureDocument


def find_regulation(number: str, article: str) -> BusinessRegulation | None:
    return (
        BusinessRegulation.objects.filter(document__number=number, provisions__label=article)
        .select_related("agency")
        .first()
    )


def _evidence(kind: str, source: str, note: str = "") -> dict[str, str]:
    return {"evidence_kind": kind, "evidence_source": source[:500], "evidence_note": note[:1000]}


def build_profile(spec: DemoProfile) -> CostProfile | None:
    """The profile of ``spec``'s regulation (or of its procedure, created with it), with the
    papers and the time limit read from the text. ``None`` when the library lacks the
    regulation; the existing profile when there is one."""
    regulation = find_regulation(spec.number, spec.article)
    if regulation is None:
        return None
    articles = list(regulation.provisions.all())
    proposals = propose(units_of(articles))
    procedure = None
    if spec.procedure:
        procedure, created = AdministrativeProcedure.objects.get_or_create(
            name=spec.procedure, agency=regulation.agency, defaults={"regulation": regulation}
        )
        if created:
            procedure.provisions.set(articles)
            limit = next((p for p in proposals if p.kind == TIME_LIMIT), None)
            if limit is not None:
                procedure.time_limit_days = limit.days
                procedure.time_limit_working_days = limit.working_days
                procedure.time_limit_source = limit.citation[:255]
                procedure.save()
            for position, paper in enumerate(p for p in proposals if p.kind == PAPER):
                ProcedureDocument.objects.create(
                    procedure=procedure,
                    sort_order=position,
                    name=paper.quote[:500],
                    certified_copy=paper.certified_copy,
                )
    target = {"procedure": procedure} if procedure else {"regulation": regulation}
    existing = CostProfile.objects.current().filter(**target).first()
    if existing is not None:
        return existing
    dossiers, low, high = spec.dossiers
    profile = CostProfile.objects.create(
        **target,
        status=ProfileStatus.PUBLISHED,
        dossiers_per_year=dossiers,
        dossiers_per_year_low=low,
        dossiers_per_year_high=high,
        volume_evidence_kind=ESTIMATE,
        volume_evidence_source=VOLUME_SOURCE.format(what=spec.what)[:500],
        notes="Dữ liệu mẫu của Cổng: giấy tờ và thời hạn đọc từ văn bản; các số liệu khác là ước tính chuyên gia.",
    )
    order = 0
    for paper in (p for p in proposals if p.kind == PAPER):
        order += 1
        hours = paper.hours or Decimal(1)
        ProfileStep.objects.create(
            profile=profile,
            sort_order=order,
            name=paper.name,
            hours=hours,
            hours_low=hours / 2,
            hours_high=hours * 2,
            provision_id=paper.provision_id,
            **_evidence(ESTIMATE, paper.source, f"Thành phần hồ sơ theo {paper.citation}"),
        )
    for work in spec.steps:
        order += 1
        ProfileStep.objects.create(
            profile=profile,
            sort_order=order,
            name=work.name,
            hours=Decimal(work.hours),
            hours_low=Decimal(work.low),
            hours_high=Decimal(work.high),
            persons=Decimal(work.persons),
            **_evidence(ESTIMATE, "Ước tính chuyên gia cho dữ liệu mẫu của Cổng"),
        )
    for money in spec.money:
        order += 1
        ProfileCost.objects.create(
            profile=profile,
            sort_order=order,
            category=money.category,
            name=money.name,
            amount=money.amount,
            amount_low=money.low if money.low != money.amount else None,
            amount_high=money.high if money.high != money.amount else None,
            **_evidence(ESTIMATE, money.source),
        )
    return profile


def copy_as_after(profile: CostProfile, item: PlanItem, change: After) -> CostProfile:
    """The profile as the item leaves it: same inputs, with the change applied."""
    after = CostProfile.objects.filter(plan_item=item).first()
    if after is not None:
        return after
    steps, costs = list(profile.steps.all()), list(profile.costs.all())
    after = CostProfile.objects.get(pk=profile.pk)
    after.pk = None
    after.id = None
    after.plan_item = item
    after.notes = f"Sau khi thực hiện: {item.change}"
    after.save()

    for step in steps:
        if any(step.name.startswith(prefix) for prefix in change.drop):
            continue
        hours = next((Decimal(h) for prefix, h in change.hours.items() if step.name.startswith(prefix)), None)
        step.pk = None
        step.profile = after
        if hours is not None:
            step.hours, step.hours_low, step.hours_high = hours, hours / 2, hours * 2
            step.evidence_kind, step.evidence_source = ESTIMATE, "Ước tính chuyên gia: sau khi thực hiện phương án"
        step.save()
    for cost in costs:
        amount = next((a for prefix, a in change.amounts.items() if cost.name.startswith(prefix)), None)
        cost.pk = None
        cost.profile = after
        if amount is not None:
            cost.amount, cost.amount_low, cost.amount_high = Decimal(amount), None, None
            cost.evidence_kind, cost.evidence_source = ESTIMATE, "Ước tính chuyên gia: sau khi thực hiện phương án"
        cost.save()
    return after


def _document(number: str) -> LegalDocumentPage | None:
    return LegalDocumentPage.objects.filter(number=number).first()


def build_plan(spec: DemoPlan, profiles: dict[tuple[str, str], CostProfile]) -> ReductionPlan | None:
    agency = resolve_agency(spec.agency)
    if agency is None or ReductionPlan.objects.filter(agency=agency, title=spec.title).exists():
        return None
    plan = ReductionPlan(agency=agency, title=spec.title, year=spec.year, summary=DEMO_NOTE, **spec.stated)
    if spec.decision:
        plan.decision_number, plan.decision_date = spec.decision
        plan.decision_document = _document(spec.decision[0])
    if spec.amending:
        plan.amending_number, plan.effective_date = spec.amending
        plan.amending_document = _document(spec.amending[0])
    plan.save()
    for position, entry in enumerate(spec.items):
        regulation = find_regulation(entry.number, entry.article)
        if regulation is None:
            continue
        profile = profiles.get((entry.number, entry.article))
        item = PlanItem.objects.create(
            plan=plan,
            sort_order=position,
            regulation=regulation,
            procedure=profile.procedure if profile is not None else None,
            action=entry.action,
            change=entry.change,
            before_entered=entry.before_entered,
            before_evidence_kind=ESTIMATE if entry.before_entered is not None else "",
            before_evidence_source="Ước tính chuyên gia cho dữ liệu mẫu" if entry.before_entered is not None else "",
            after_entered=entry.after_entered,
            after_evidence_kind=ESTIMATE if entry.after_entered is not None else "",
            after_evidence_source="Ước tính chuyên gia cho dữ liệu mẫu" if entry.after_entered is not None else "",
        )
        if entry.after is not None and profile is not None:
            copy_as_after(profile, item, entry.after)
    return plan


@dataclass
class CostDemoReport:
    profiles: int = 0
    plans: int = 0
    missing: list[str] = field(default_factory=list)


@transaction.atomic
def load_cost_demo() -> CostDemoReport:
    """Profiles, plans, then one recomputation of everything (scores, plan items)."""
    report = CostDemoReport()
    profiles: dict[tuple[str, str], CostProfile] = {}
    for spec in PROFILES:
        profile = build_profile(spec)
        if profile is None:
            report.missing.append(f"{spec.number} Điều {spec.article}")
            continue
        profiles[(spec.number, spec.article)] = profile
        report.profiles += 1
    for plan in PLANS:
        if build_plan(plan, profiles) is not None:
            report.plans += 1
    costing.recompute_profiles()
    return report
