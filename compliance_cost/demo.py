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

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction

from compliance_cost import costing
from compliance_cost.models import (
    CostCategory,
    CostProfile,
    ItemAction,
    PlanItem,
    ProfileCost,
    ProfileStatus,
    ProfileStep,
    ReductionPlan,
)
from compliance_cost.models.evidence import EvidenceKind
from compliance_cost.prefill import PAPER, TIME_LIMIT, propose
from compliance_cost.texts import units_of
from regulations.agencies import resolve_agency
from regulations.models import AdministrativeProcedure, BusinessRegulation, LegalDocumentPage
from regulations.models.procedures import ProcedureDocument

# The stored values (TextChoices members are their values at run time).
ESTIMATE = str(EvidenceKind.EXPERT_ESTIMATE)
FEE, SERVICE, OTHER = str(CostCategory.FEE), str(CostCategory.SERVICE), str(CostCategory.OTHER)
ABOLISH, SIMPLIFY, AMEND = str(ItemAction.ABOLISH), str(ItemAction.SIMPLIFY), str(ItemAction.AMEND)
VOLUME_SOURCE = "Ước tính chuyên gia cho dữ liệu mẫu của Cổng ({what}); cần thay bằng thống kê hồ sơ của cơ quan"
FEE_SOURCE = (
    "Ước tính chuyên gia theo mức phí tại {circular} (văn bản chưa có trên Cổng; cần đối chiếu trước khi công bố)"
)
DEMO_NOTE = (
    "Dữ liệu mẫu: các mục dưới đây là ví dụ minh họa dựng từ văn bản trong kho dữ liệu mẫu của Cổng, "
    "không phải nội dung của văn bản phê duyệt; số liệu chi phí là ước tính chuyên gia."
)


@dataclass(frozen=True)
class Money:
    name: str
    amount: int
    low: int
    high: int
    source: str
    category: str = OTHER


@dataclass(frozen=True)
class Work:
    name: str
    hours: str
    low: str
    high: str
    persons: str = "1"


@dataclass(frozen=True)
class DemoProfile:
    number: str  # the document
    article: str  # the article the regulation is stated in
    dossiers: tuple[int, int, int]  # a year: central, low, high (expert estimate)
    what: str  # what the dossiers are, for the evidence
    procedure: str = ""  # create this procedure and cost it (else the regulation is costed)
    steps: tuple[Work, ...] = ()
    money: tuple[Money, ...] = ()


SUBMIT = Work("Nộp hồ sơ và nhận kết quả tại cơ quan giải quyết (đi lại, chờ)", "3", "2", "6")
CERTIFIED = "Chứng thực bản sao (phí chứng thực, sao chụp)"

PROFILES: tuple[DemoProfile, ...] = (
    DemoProfile(
        "09/2017/QH14",
        "32",
        (700, 400, 1000),
        "giấy phép kinh doanh dịch vụ lữ hành nội địa cấp mới mỗi năm",
        "Cấp Giấy phép kinh doanh dịch vụ lữ hành nội địa",
        (SUBMIT,),
        (
            Money(
                "Phí thẩm định cấp giấy phép kinh doanh dịch vụ lữ hành nội địa",
                3_000_000,
                3_000_000,
                3_000_000,
                FEE_SOURCE.format(circular="Thông tư 33/2018/TT-BTC"),
                FEE,
            ),
            Money(CERTIFIED, 30_000, 15_000, 60_000, "Ước tính chuyên gia: 3 bản sao có chứng thực"),
        ),
    ),
    DemoProfile(
        "09/2017/QH14",
        "33",
        (300, 200, 500),
        "giấy phép kinh doanh dịch vụ lữ hành quốc tế cấp mới mỗi năm",
        "Cấp Giấy phép kinh doanh dịch vụ lữ hành quốc tế",
        (SUBMIT,),
        (
            Money(
                "Phí thẩm định cấp giấy phép kinh doanh dịch vụ lữ hành quốc tế",
                3_000_000,
                3_000_000,
                3_000_000,
                FEE_SOURCE.format(circular="Thông tư 33/2018/TT-BTC"),
                FEE,
            ),
            Money(CERTIFIED, 30_000, 15_000, 60_000, "Ước tính chuyên gia: 3 bản sao có chứng thực"),
        ),
    ),
    DemoProfile(
        "09/2017/QH14",
        "35",
        (400, 200, 700),
        "giấy phép kinh doanh dịch vụ lữ hành cấp đổi mỗi năm",
        "Cấp đổi giấy phép kinh doanh dịch vụ lữ hành",
        (SUBMIT,),
        (
            Money(
                "Phí thẩm định cấp đổi giấy phép kinh doanh dịch vụ lữ hành",
                2_000_000,
                2_000_000,
                2_000_000,
                FEE_SOURCE.format(circular="Thông tư 33/2018/TT-BTC"),
                FEE,
            ),
        ),
    ),
    DemoProfile(
        "09/2017/QH14",
        "60",
        (4000, 2500, 6000),
        "thẻ hướng dẫn viên du lịch quốc tế, nội địa cấp mới mỗi năm",
        "Cấp thẻ hướng dẫn viên du lịch quốc tế, nội địa",
        (SUBMIT,),
        (
            Money(
                "Phí thẩm định cấp thẻ hướng dẫn viên du lịch",
                650_000,
                650_000,
                650_000,
                FEE_SOURCE.format(circular="Thông tư 33/2018/TT-BTC"),
                FEE,
            ),
            Money("Khám sức khỏe", 300_000, 200_000, 500_000, "Ước tính chuyên gia: giá khám sức khỏe"),
            Money("Chụp ảnh chân dung", 50_000, 30_000, 80_000, "Ước tính chuyên gia"),
        ),
    ),
    DemoProfile(
        "05/2022/QH15",
        "27",
        (1500, 1000, 2500),
        "phim đề nghị cấp giấy phép phân loại mỗi năm",
        "Cấp Giấy phép phân loại phim",
        (SUBMIT,),
    ),
    DemoProfile(
        "72/2020/QH14",
        "43",
        (3000, 2000, 5000),
        "giấy phép môi trường cấp mỗi năm",
        "Cấp giấy phép môi trường",
        (SUBMIT,),
        (
            Money(
                "Thuê tư vấn lập báo cáo đề xuất cấp giấy phép môi trường",
                60_000_000,
                20_000_000,
                150_000_000,
                "Ước tính chuyên gia: giá dịch vụ tư vấn môi trường",
                SERVICE,
            ),
            Money(
                "Phí thẩm định cấp giấy phép môi trường (Điều 45 Luật Bảo vệ môi trường)",
                10_000_000,
                5_000_000,
                50_000_000,
                "Ước tính chuyên gia: mức phí do Bộ Tài chính quy định, không có trong kho dữ liệu mẫu",
                FEE,
            ),
        ),
    ),
    DemoProfile(
        "45/2019/QH14",
        "120",
        (30000, 15000, 60000),
        "hồ sơ đăng ký nội quy lao động mỗi năm",
        "Đăng ký nội quy lao động",
        (SUBMIT,),
    ),
    DemoProfile(
        "45/2019/QH14",
        "157",
        (120000, 80000, 160000),
        "giấy phép lao động cấp mới, cấp lại, gia hạn mỗi năm",
        "Cấp, cấp lại, gia hạn giấy phép lao động",
        (
            Work("Chuẩn bị hồ sơ đề nghị cấp giấy phép lao động", "8", "4", "16"),
            SUBMIT,
        ),
        (
            Money(
                "Dịch thuật, hợp pháp hóa lãnh sự giấy tờ nước ngoài",
                2_000_000,
                1_000_000,
                4_000_000,
                "Ước tính chuyên gia",
            ),
            Money(
                "Lệ phí cấp giấy phép lao động",
                600_000,
                400_000,
                800_000,
                "Ước tính chuyên gia: mức do HĐND tỉnh quyết định",
                FEE,
            ),
        ),
    ),
    DemoProfile(
        "12/2022/QH15",
        "27",
        (15, 5, 30),
        "hồ sơ đề nghị cấp giấy chứng nhận đăng ký đầu tư dự án dầu khí mỗi năm",
        steps=(Work("Lập hồ sơ dự án đầu tư dầu khí", "160", "80", "320", "3"),),
        money=(
            Money(
                "Thuê tư vấn pháp lý, kỹ thuật lập hồ sơ",
                500_000_000,
                200_000_000,
                1_500_000_000,
                "Ước tính chuyên gia",
                SERVICE,
            ),
        ),
    ),
    DemoProfile(
        "54/2010/QH12",
        "73",
        (5, 2, 10),
        "tổ chức trọng tài nước ngoài đề nghị hoạt động tại Việt Nam mỗi năm",
        steps=(Work("Chuẩn bị hồ sơ thành lập chi nhánh, văn phòng đại diện", "40", "24", "80", "2"),),
        money=(Money("Dịch thuật, hợp pháp hóa lãnh sự", 10_000_000, 5_000_000, 20_000_000, "Ước tính chuyên gia"),),
    ),
    DemoProfile(
        "11/2022/QH15",
        "50",
        (20000, 10000, 40000),
        "doanh nghiệp được thanh tra chuyên ngành mỗi năm",
        steps=(
            Work("Chuẩn bị báo cáo, hồ sơ, tài liệu theo yêu cầu của đoàn thanh tra", "24", "16", "48", "2"),
            Work("Làm việc với đoàn thanh tra", "16", "8", "40", "2"),
        ),
    ),
)


@dataclass(frozen=True)
class After:
    """How an item changes a profile: papers dropped, hours and amounts changed (by the start of
    their name)."""

    drop: tuple[str, ...] = ()
    hours: dict[str, str] = field(default_factory=dict)
    amounts: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class DemoItem:
    number: str
    article: str
    action: str
    change: str
    after: After | None = None  # an after profile (the regulation's or procedure's)
    after_entered: int | None = None  # else an annual figure, with an expert estimate
    before_entered: int | None = None  # for a regulation without a profile


@dataclass(frozen=True)
class DemoPlan:
    agency: str
    title: str
    year: int
    items: tuple[DemoItem, ...]
    decision: tuple[str, datetime.date] | None = None
    amending: tuple[str, datetime.date] | None = None
    stated: dict[str, Decimal | int | str] = field(default_factory=dict)


ONLINE = "Nộp hồ sơ và nhận kết quả"
PLANS: tuple[DemoPlan, ...] = (
    DemoPlan(
        "Bộ Văn hóa, Thể thao và Du lịch",
        "Phương án minh họa: đơn giản hóa hồ sơ cấp giấy phép lữ hành và thẻ hướng dẫn viên (dữ liệu mẫu)",
        2026,
        (
            DemoItem(
                "09/2017/QH14",
                "32",
                SIMPLIFY,
                "Bỏ bản sao có chứng thực Giấy chứng nhận đăng ký doanh nghiệp (cơ quan tự tra cứu trên Cổng "
                "thông tin quốc gia về đăng ký doanh nghiệp); nộp hồ sơ và nhận giấy phép trực tuyến.",
                After(
                    drop=("Chuẩn bị: Bản sao có chứng thực Giấy chứng nhận đăng ký doanh nghiệp",),
                    hours={ONLINE: "1"},
                    amounts={CERTIFIED: 20_000},
                ),
            ),
            DemoItem(
                "09/2017/QH14",
                "33",
                SIMPLIFY,
                "Như mục trên, cho giấy phép lữ hành quốc tế.",
                After(
                    drop=("Chuẩn bị: Bản sao có chứng thực Giấy chứng nhận đăng ký doanh nghiệp",),
                    hours={ONLINE: "1"},
                    amounts={CERTIFIED: 20_000},
                ),
            ),
            DemoItem(
                "09/2017/QH14",
                "60",
                SIMPLIFY,
                "Bỏ sơ yếu lý lịch có xác nhận của Ủy ban nhân dân cấp xã (thông tin đã có trong Cơ sở dữ liệu "
                "quốc gia về dân cư); nộp hồ sơ trực tuyến.",
                After(drop=("Chuẩn bị: Sơ yếu lý lịch",), hours={ONLINE: "1"}),
            ),
        ),
    ),
    DemoPlan(
        "Bộ Nông nghiệp và Môi trường",
        "Phương án cắt giảm, đơn giản hóa thủ tục hành chính và điều kiện kinh doanh — minh họa (dữ liệu mẫu)",
        2026,
        (
            DemoItem(
                "72/2020/QH14",
                "43",
                SIMPLIFY,
                "Không yêu cầu nộp lại tài liệu pháp lý, kỹ thuật đã có trong hồ sơ đánh giá tác động môi trường; "
                "nộp hồ sơ, nhận giấy phép trực tuyến.",
                After(drop=("Chuẩn bị: Tài liệu pháp lý",), hours={ONLINE: "1"}),
            ),
            DemoItem(
                "32/2018/QH14",
                "58",
                ABOLISH,
                "Bãi bỏ Giấy chứng nhận đủ điều kiện chăn nuôi đối với chăn nuôi trang trại quy mô lớn, "
                "thay bằng kê khai và hậu kiểm.",
                before_entered=12_000_000_000,
            ),
        ),
        decision=("66.19/2026/NQ-CP", datetime.date(2026, 5, 18)),
        amending=("22/2026/TT-BNNMT", datetime.date(2026, 8, 1)),
    ),
    DemoPlan(
        "Bộ Nội vụ",
        "Phương án cắt giảm, đơn giản hóa thủ tục hành chính về lao động — minh họa (dữ liệu mẫu)",
        2025,
        (
            DemoItem(
                "45/2019/QH14",
                "157",
                SIMPLIFY,
                "Cấp giấy phép lao động trực tuyến, liên thông với cấp thị thực; giảm giấy tờ phải hợp pháp hóa.",
                After(hours={"Chuẩn bị hồ sơ đề nghị": "5", ONLINE: "1"}, amounts={"Dịch thuật": 1_200_000}),
            ),
            DemoItem(
                "45/2019/QH14",
                "120",
                SIMPLIFY,
                "Đăng ký nội quy lao động trực tuyến.",
                After(hours={ONLINE: "0.5"}),
            ),
        ),
        decision=("2020/QĐ-TTg", datetime.date(2025, 9, 13)),
    ),
    DemoPlan(
        "Bộ Công Thương",
        "Phương án minh họa: thủ tục đầu tư dầu khí (dữ liệu mẫu)",
        2026,
        (
            DemoItem(
                "12/2022/QH15",
                "27",
                AMEND,
                "Nộp hồ sơ điện tử; thẩm định song song hồ sơ đầu tư và hồ sơ kỹ thuật.",
                after_entered=6_000_000_000,
            ),
        ),
    ),
    DemoPlan(
        "Bộ Tư pháp",
        "Phương án minh họa: hoạt động của tổ chức trọng tài nước ngoài (dữ liệu mẫu)",
        2026,
        (
            DemoItem(
                "54/2010/QH12",
                "73",
                SIMPLIFY,
                "Chấp nhận bản sao điện tử có chứng thực thay cho bản hợp pháp hóa lãnh sự.",
                after_entered=60_000_000,
            ),
        ),
    ),
    DemoPlan(
        "Thanh tra Chính phủ",
        "Phương án minh họa: giảm chồng chéo thanh tra chuyên ngành (dữ liệu mẫu)",
        2026,
        (
            DemoItem(
                "11/2022/QH15",
                "50",
                SIMPLIFY,
                "Không thanh tra một doanh nghiệp quá một lần một năm; yêu cầu tài liệu qua hệ thống điện tử.",
                after_entered=45_000_000_000,
            ),
        ),
        # Printed figures that do not add up, to show how the portal flags them: 2 ÷ 6 is 33.3%,
        # not 30%; the saving is not before − after; 2 regulations cut where the plan has 1 item.
        stated={
            "stated_regulations_total": 6,
            "stated_regulations_cut": 2,
            "stated_cut_rate": Decimal("30"),
            "stated_cost_before": Decimal(70_000_000_000),
            "stated_cost_after": Decimal(45_000_000_000),
            "stated_saving": Decimal(30_000_000_000),
            "stated_source": "Số liệu minh họa (dữ liệu mẫu)",
        },
    ),
)


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
