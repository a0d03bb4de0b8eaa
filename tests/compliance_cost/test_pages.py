"""The public cost pages: the cost on the document page, a regulation's breakdown and evidence,
the agency view with its chart and the same figures as a table, the plan page, the calculator
(a GET form; without JavaScript, errors in Vietnamese next to their fields; nothing saved)."""

import datetime
import re
from decimal import Decimal

import pytest

from compliance_cost.models import CostProfile, ProfileCost, ProfileStep
from tests.compliance_cost.factories import add_item, make_plan, make_profile, make_regulation

pytestmark = pytest.mark.django_db


def text(response) -> str:
    """The page's visible text, spaces collapsed."""
    html = response.content.decode()
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace(" :", ":")


@pytest.fixture
def costed():
    regulation = make_regulation()
    return regulation, make_profile(regulation, subjects_low=800, subjects_high=1200)


def test_it_shows_the_cost_and_grade_on_the_document_page(client, costed):
    regulation, _profile = costed
    page = client.get(regulation.document.url)
    assert page.status_code == 200
    shown = text(page)
    assert "Chi phí tuân thủ: 587,5 triệu đồng/năm" in shown and "Hạng A" in shown
    assert f'href="/chi-phi-tuan-thu/quy-dinh/{regulation.pk}/"' in page.content.decode()


def test_it_reads_the_document_page_costs_in_one_query_whatever_their_number(
    client, costed, django_assert_max_num_queries
):
    regulation, _profile = costed
    url = regulation.document.url
    client.get(url)  # warm caches (site roots)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for index in range(3):
        other = regulation.__class__.objects.create(
            title=f"Quy định thêm {index}", document=regulation.document, category="khac", agency=regulation.agency
        )
        make_profile(other)
    with CaptureQueriesContext(connection) as four:
        client.get(url)
    assert len(four.captured_queries) == len(one.captured_queries)


def test_it_breaks_a_regulation_cost_down_with_the_evidence_of_every_figure(client, costed):
    regulation, profile = costed
    shown = text(client.get(f"/chi-phi-tuan-thu/quy-dinh/{regulation.pk}/"))
    assert "587,5 triệu đồng" in shown and "khoảng 470,0 triệu đồng – 705,0 triệu đồng" in shown
    assert "Mỗi đối tượng mỗi năm 587.500 đồng" in shown
    assert "Hạng A" in shown and "Cao hơn hoặc bằng 100% các quy định, thủ tục đã tính" in shown
    assert "Thu nhập bình quân của người lao động năm 2024" in shown  # the parameter set used
    assert "Ước tính chuyên gia: Ước tính chuyên gia (thử nghiệm)" in shown
    assert "Văn bản pháp luật: Điều 1 văn bản thử nghiệm" in shown
    assert "1 số liệu là ước tính chuyên gia." in shown


def test_it_says_when_a_regulation_has_no_published_cost(client):
    regulation = make_regulation()
    make_profile(regulation, status="nhap")
    shown = text(client.get(f"/chi-phi-tuan-thu/quy-dinh/{regulation.pk}/"))
    assert "chưa công bố chi phí tuân thủ" in shown
    assert client.get("/chi-phi-tuan-thu/quy-dinh/999999/").status_code == 404


def test_it_shows_an_agency_against_the_targets_as_a_chart_and_a_table(client, costed):
    regulation, _profile = costed
    plan = make_plan(
        decision_number="1/QĐ-TTg", amending_number="2/2025/TT-BTC", effective_date=datetime.date(2025, 1, 1)
    )
    add_item(plan, regulation, after_entered=400_000_000, after_evidence_kind="survey", after_evidence_source="VCCI")
    response = client.get("/chi-phi-tuan-thu/co-quan/bo-tai-chinh/")
    html, shown = response.content.decode(), text(response)
    assert '<figure class="chart"' in html and "<table" in html
    assert "Theo phương án: 100,0%" in shown  # 1 regulation of 1 cut
    assert "Theo phương án: 31,9%" in shown  # (587.5 − 400) ÷ 587.5
    assert "Mục tiêu 20%" in shown
    assert 'aria-hidden="true"><span class="bar bar-planned" style="width: 100.0%"' in html
    assert client.get("/chi-phi-tuan-thu/co-quan/khong-co/").status_code == 404
    overview = text(client.get("/chi-phi-tuan-thu/"))
    assert "Bộ Tài chính" in overview and "Quy định, thủ tục có chi phí cao nhất" in overview


def test_it_shows_a_plan_with_its_status_items_and_flagged_figures(client, costed):
    regulation, _profile = costed
    plan = make_plan(stated_regulations_total=4, stated_regulations_cut=1, stated_cut_rate=Decimal("20"))
    add_item(plan, regulation, after_entered=400_000_000, after_evidence_kind="survey", after_evidence_source="VCCI")
    shown = text(client.get(plan.get_absolute_url()))
    assert "Đề xuất" in shown
    assert "587,5 triệu đồng → 400,0 triệu đồng" in shown
    assert "Không khớp: Tỷ lệ ghi 20% nhưng 1 ÷ 4 = 25%" in shown
    assert client.get("/chi-phi-tuan-thu/phuong-an/999999/").status_code == 404


def test_it_computes_a_business_own_cost_with_a_plain_get_form(client, costed):
    """5 hours at 100,000 + the 500,000 fee = 1,000,000 a dossier, 2 a year. The plan halves
    the hours (after profile: 1 h instead of 2): 2.5 h → 250,000 + 500,000 = 750,000 × 2."""
    regulation, profile = costed
    item = add_item(make_plan(), regulation)
    after = make_profile(regulation, hours="1", plan_item=item)
    assert after.plan_item == item
    profiles = CostProfile.objects.count()
    response = client.get(
        "/chi-phi-tuan-thu/tinh-chi-phi/", {"profile": profile.pk, "hours": "5", "wage": "100.000", "per_year": "2"}
    )
    shown = text(response)
    assert "Chi phí mỗi năm hiện nay 2.000.000 đồng" in shown
    assert "Sau phương án cắt giảm 1.500.000 đồng" in shown
    assert "Doanh nghiệp tiết kiệm mỗi năm 500.000 đồng" in shown and "giảm 25,0%" in shown
    assert CostProfile.objects.count() == profiles  # nothing stored


def test_it_names_each_bad_field_in_vietnamese_next_to_it(client, costed):
    _regulation, profile = costed
    response = client.get(
        "/chi-phi-tuan-thu/tinh-chi-phi/", {"profile": profile.pk, "hours": "hai giờ", "wage": "-5", "per_year": "0"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_hours-error">Phải nhập số, không phải chữ: phải là số từ 0 đến 8.760.' in html
    assert 'id="id_wage-error">Giá trị -5 không hợp lệ: phải là số lớn hơn 0 và không quá 10.000.000.' in html
    assert 'id="id_per_year-error">Giá trị 0 không hợp lệ: phải là số lớn hơn 0 và không quá 8.760.' in html
    assert 'aria-invalid="true"' in html and "Chi phí mỗi năm hiện nay" not in html
    unknown = client.get("/chi-phi-tuan-thu/tinh-chi-phi/", {"profile": "999999"})
    assert "Thủ tục này không có trong danh sách; chọn lại." in unknown.content.decode()


def test_it_answers_htmx_with_the_calculator_alone(client, costed):
    _regulation, profile = costed
    response = client.get("/chi-phi-tuan-thu/tinh-chi-phi/", {"profile": profile.pk}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "<html" not in html and 'name="hours"' in html
    assert "Chi phí mỗi năm hiện nay 587.500 đồng" in text(response)  # the profile's own figures
    assert response["Vary"].find("HX-Request") >= 0


def test_it_lists_the_profile_rows_in_order(costed):
    _regulation, profile = costed
    assert [s.name for s in ProfileStep.objects.filter(profile=profile)] == ["Chuẩn bị và nộp hồ sơ"]
    assert [c.name for c in ProfileCost.objects.filter(profile=profile)] == ["Lệ phí"]
