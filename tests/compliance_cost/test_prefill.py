"""Inputs proposed from the legal text, for an editor to confirm (compliance_cost.prefill and the
admin view compliance_cost.admin_views): on real texts of the shared corpus, imported by the
real importer. Nothing is saved unconfirmed."""

import json
from decimal import Decimal

import pytest
from django.urls import reverse

from compliance_cost.models import CostProfile, ProfileCost, ProfileStep
from compliance_cost.prefill import FEE, PAPER, TIME_LIMIT, Unit, paper_hours, propose
from compliance_cost.texts import units_of
from regulations.agencies import resolve_agency
from regulations.importing import save_document
from regulations.models import AdministrativeProcedure, BusinessRegulation, Provision
from regulations.sources import record_from_fulltext
from tests.compliance_cost.factories import make_profile, make_regulation
from tests.corpus import CORPUS, SEEDS

pytestmark = pytest.mark.django_db

FULL_TEXT = CORPUS / "regulations" / "full-text"


def imported(name: str):
    path = FULL_TEXT / f"{name}.json"
    assert path.exists(), f"full-text corpus not found at {path}; set CORPUS_DIR"
    return save_document(record_from_fulltext(json.loads(path.read_text(encoding="utf-8")))).page


def articles(page, *numbers: str) -> list[Provision]:
    return list(Provision.objects.current().filter(document=page, kind="article", label__in=numbers))


def proposals(page, *numbers: str):
    return propose(units_of(articles(page, *numbers)))


def test_it_proposes_the_papers_and_the_time_limit_of_a_licence_in_the_tourism_law():
    found = proposals(imported("09-2017-qh14"), "32")
    papers = [p for p in found if p.kind == PAPER]
    assert len(papers) == 5
    assert papers[1].name == "Chuẩn bị: Bản sao có chứng thực Giấy chứng nhận đăng ký doanh nghiệp"
    assert papers[1].citation == "điểm b khoản 1 Điều 32 Luật 09/2017/QH14"
    # Hours are the portal's estimate by kind of paper, said so in the evidence.
    assert [p.hours for p in papers] == [Decimal(1), Decimal(1), Decimal(4), Decimal(1), Decimal(1)]
    assert all(p.is_estimate and "Ước tính" in p.source for p in papers)
    (limit,) = [p for p in found if p.kind == TIME_LIMIT]
    assert (limit.days, limit.working_days, limit.citation) == (10, False, "điểm b khoản 2 Điều 32 Luật 09/2017/QH14")
    assert [p for p in found if p.kind == FEE] == []


def test_it_proposes_no_fee_from_the_gold_decree_conditions():
    # Nghị định 24/2012/NĐ-CP, Điều 11: charter capital of 100 billion and taxes of 500 million a
    # year are conditions, not fees.
    assert proposals(imported("24-2012-nd-cp"), "11") == []


def test_it_proposes_the_time_limits_of_the_resolution_on_court_fees_and_no_amount():
    found = proposals(imported("326-2016-ubtvqh14"), "17")
    assert {p.kind for p in found} == {TIME_LIMIT}
    assert found[0].name == "7 ngày làm việc"
    assert found[0].citation.endswith("Nghị quyết 326/2016/UBTVQH14")


def test_it_proposes_the_fees_a_decree_sets_with_their_legal_text_as_evidence():
    found = proposals(imported("19-2011-nd-cp"), "45")
    assert [(p.name, p.amount, p.source) for p in found] == [
        ("Lệ phí cấp giấy phép", Decimal(65_000_000), "điểm a khoản 1 Điều 45 Nghị định 19/2011/NĐ-CP"),
        ("Lệ phí gia hạn giấy phép", Decimal(35_000_000), "điểm b khoản 1 Điều 45 Nghị định 19/2011/NĐ-CP"),
        ("Lệ phí sửa đổi giấy phép", Decimal(2_000_000), "điểm c khoản 1 Điều 45 Nghị định 19/2011/NĐ-CP"),
    ]


@pytest.mark.parametrize("seed", ["000_30dcf1b77f192af4.txt", "001_6f34ac1246c3fa43.txt", "003_2fc9944f3c6bff1d.txt"])
def test_it_proposes_nothing_from_the_seed_texts_that_name_fees_and_deadlines_without_setting_any(seed):
    """The seeds speak of fees ("giảm phí, lệ phí trong trường hợp thanh toán trực tuyến") and of
    deadlines ("chậm nhất tháng 3/2023") but set no amount, no dossier and no time limit."""
    text = (SEEDS / seed).read_text(encoding="utf-8")
    assert "lệ phí" in text
    lines = [line for line in text.splitlines() if line.strip()]
    units = [Unit(index, None, f"đoạn {index + 1} {seed}", line) for index, line in enumerate(lines)]
    assert propose(units) == []


def test_it_estimates_hours_by_kind_of_paper_and_reads_each_paper_once():
    assert paper_hours("Đơn đề nghị cấp giấy phép")[0] == Decimal(1)
    assert paper_hours("Báo cáo đề xuất cấp giấy phép môi trường")[0] == Decimal(16)
    assert paper_hours("Giấy chứng nhận sức khỏe")[0] == Decimal(4)
    assert paper_hours("Hợp đồng thuê địa điểm")[0] == Decimal(2)
    clause = Unit(1, None, "khoản 1 Điều 5", "Hồ sơ gồm:")
    points = [Unit(2, 1, "điểm a khoản 1 Điều 5", "Tờ khai;"), Unit(3, 1, "điểm b khoản 1 Điều 5", "Tờ khai;")]
    assert [p.name for p in propose([clause, *points])] == ["Chuẩn bị: Tờ khai"]


# ---- the admin view ------------------------------------------------------------------------


@pytest.fixture
def procedure_profile():
    """The domestic tour operator's licence, as a procedure of Bộ Văn hóa, Thể thao và Du lịch
    with an empty profile (1,000 dossiers a year)."""
    page = imported("09-2017-qh14")
    agency = resolve_agency("Bộ Văn hóa, Thể thao và Du lịch")
    regulation = BusinessRegulation.objects.create(
        title="Cấp Giấy phép kinh doanh dịch vụ lữ hành nội địa",
        document=page,
        category="thu-tuc-hanh-chinh",
        agency=agency,
    )
    regulation.provisions.set(articles(page, "32"))
    procedure = AdministrativeProcedure.objects.create(name=regulation.title, agency=agency, regulation=regulation)
    return CostProfile.objects.create(procedure=procedure, dossiers_per_year=1000)


def url(profile):
    return reverse("compliance_cost_prefill", args=[profile.pk])


def test_it_lists_the_proposals_and_saves_nothing_on_a_get(admin_client, procedure_profile):
    response = admin_client.get(url(procedure_profile))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Bản sao có chứng thực Giấy chứng nhận đăng ký doanh nghiệp" in html
    assert 'name="accept"' in html and " checked" not in html  # none ticked
    assert (ProfileStep.objects.count(), ProfileCost.objects.count()) == (0, 0)


def test_it_saves_only_what_the_editor_ticks_with_her_figures(admin_client, procedure_profile):
    found = propose(units_of(articles(procedure_profile.procedure.regulation.document, "32")))
    first, second = [p for p in found if p.kind == PAPER][:2]
    (limit,) = [p for p in found if p.kind == TIME_LIMIT]
    data = {
        "accept": [first.key, limit.key],
        f"value-{first.key}": "1,5",  # corrected by the editor (Vietnamese decimal comma)
        f"value-{second.key}": "1",  # not ticked: not saved
    }
    response = admin_client.post(url(procedure_profile), data)
    assert response.status_code == 302
    (step,) = ProfileStep.objects.filter(profile=procedure_profile)
    assert (step.name, step.hours, step.evidence_kind) == (first.name, Decimal("1.5"), "expert_estimate")
    assert step.evidence_source == "Ước tính của cán bộ nhập liệu"  # the figure is hers now
    procedure = AdministrativeProcedure.objects.get(pk=procedure_profile.procedure_id)
    assert (procedure.time_limit_days, procedure.time_limit_working_days) == (10, False)
    assert list(procedure.documents.values_list("name", flat=True)) == [first.quote]
    procedure_profile.refresh_from_db()
    assert procedure_profile.annual_total == Decimal(1000) * Decimal("1.5") * Decimal(43750)


def test_it_refuses_a_bad_figure_by_its_field_and_saves_nothing(admin_client, procedure_profile):
    found = [p for p in propose(units_of(articles(procedure_profile.procedure.regulation.document, "32")))]
    first, second = found[:2]
    response = admin_client.post(
        url(procedure_profile),
        {"accept": [first.key, second.key], f"value-{first.key}": "hai giờ", f"value-{second.key}": "9000"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Phải nhập số, không phải chữ" in html
    assert "Giá trị không hợp lệ: phải là số từ 0 đến 8.760" in html
    assert ProfileStep.objects.count() == 0


def test_it_lets_no_other_agency_prefill_a_profile(client, alice, procedure_profile):
    client.force_login(alice)  # Bộ Tài chính; the profile is Bộ Văn hóa, Thể thao và Du lịch's
    assert client.get(url(procedure_profile)).status_code in (302, 403)  # Wagtail: back to the dashboard
    key = propose(units_of(articles(procedure_profile.procedure.regulation.document, "32")))[0].key
    assert client.post(url(procedure_profile), {"accept": [key]}).status_code in (302, 403)
    assert ProfileStep.objects.count() == 0


def test_it_says_when_the_text_has_nothing_to_propose(admin_client):
    # The test builder's articles state no fee, dossier or time limit.
    profile = make_profile(make_regulation())
    response = admin_client.get(url(profile))
    assert "Không tìm thấy phí, lệ phí" in response.content.decode()
