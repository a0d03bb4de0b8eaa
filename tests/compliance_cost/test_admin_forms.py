"""Bad input in the admin forms of cost profiles and reduction plans: each bad field named in
Vietnamese, and nothing saved, neither the profile nor its steps and costs."""

import pytest
from django.urls import reverse

from compliance_cost.models import CostProfile, ProfileCost, ProfileStep, ReductionPlan
from tests.compliance_cost.factories import make_regulation

pytestmark = pytest.mark.django_db

ADD_PROFILE = "wagtailsnippets_compliance_cost_costprofile:add"


def inline(name, rows):
    data = {f"{name}-TOTAL_FORMS": len(rows), f"{name}-INITIAL_FORMS": 0, f"{name}-MIN_NUM_FORMS": 0}
    data[f"{name}-MAX_NUM_FORMS"] = 1000
    for index, row in enumerate(rows):
        data |= {f"{name}-{index}-{key}": value for key, value in row.items()}
        data[f"{name}-{index}-ORDER"] = index + 1
        data[f"{name}-{index}-DELETE"] = ""
    return data


def profile_form(regulation, steps=(), costs=(), **fields):
    return {
        "regulation": regulation.pk,
        "status": "cong-bo",
        "method": "vn",
        "subjects": 10,
        "per_year": 1,
        "horizon_years": 1,
        "first_year": 1,
        "one_off_year": 1,
        "volume_evidence_kind": "dossier_statistics",
        "volume_evidence_source": "Thống kê hồ sơ năm 2025",
        **fields,
        **inline("steps", list(steps)),
        **inline("costs", list(costs)),
    }


EVIDENCE = {"evidence_kind": "expert_estimate", "evidence_source": "Ước tính"}


def errors_of(response):
    form = response.context["form"]
    found = {name: " ".join(map(str, messages)) for name, messages in form.errors.items()}
    for formset_name, formset in form.formsets.items():
        for index, errors in enumerate(formset.errors):
            for name, messages in errors.items():
                found[f"{formset_name}-{index}-{name}"] = " ".join(map(str, messages))
    return found


def test_it_names_each_bad_figure_of_a_profile_and_saves_nothing(admin_client):
    regulation = make_regulation()
    response = admin_client.post(
        reverse(ADD_PROFILE),
        profile_form(
            regulation,
            steps=[{"name": "Chuẩn bị", "phase": "dinh-ky", "hours": "-2", "persons": "0", **EVIDENCE}],
            costs=[
                {"name": "Lệ phí", "category": "phi-le-phi", "amount": "năm trăm", **EVIDENCE},
                {"name": "Sao y", "category": "khac", "amount": "30000", "evidence_kind": "", "evidence_source": ""},
            ],
            per_year="0",
        ),
    )
    assert response.status_code == 200  # the form again, with its errors
    errors = errors_of(response)
    assert errors["per_year"] == "Số lần mỗi năm phải lớn hơn 0 (bỏ trống nếu không có chi phí định kỳ)."
    assert "lớn hơn hoặc bằng với 0" in errors["steps-0-hours"]
    assert errors["steps-0-persons"] == "Số người phải lớn hơn 0."
    assert errors["costs-0-amount"] == "Nhập một số."
    assert errors["costs-1-evidence_kind"] == "Chọn loại căn cứ."
    assert errors["costs-1-evidence_source"] == "Ghi căn cứ của số liệu (văn bản, thống kê, khảo sát...)."
    assert (CostProfile.objects.count(), ProfileStep.objects.count(), ProfileCost.objects.count()) == (0, 0, 0)


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"every_years": 2}, "every_years", "Nhập số lần mỗi năm hoặc số năm một lần, không nhập cả hai."),
        (
            {"dossiers_per_year": 5000},
            "dossiers_per_year",
            "Số hồ sơ mỗi năm đã là số lần của mọi đối tượng: bỏ trống số lần mỗi năm và số năm một lần.",
        ),
        ({"subjects": ""}, "subjects", "Nhập số đối tượng tuân thủ hoặc số hồ sơ mỗi năm."),
        ({"first_year": 3, "horizon_years": 2}, "first_year", "Năm 3 ở sau thời gian tính (2 năm)."),
        ({"one_off_year": 2}, "one_off_year", "Năm 2 ở sau thời gian tính (1 năm)."),
        ({"horizon_years": 0}, "horizon_years", "Đảm bảo giá trị này lớn hơn hoặc bằng với 1 ."),
        ({"per_year": "12 lần"}, "per_year", "Nhập một số."),
        ({"volume_evidence_kind": ""}, "volume_evidence_kind", "Chọn loại căn cứ."),
        ({"volume_evidence_source": " "}, "volume_evidence_source", "Ghi căn cứ của số đối tượng, tần suất."),
        (
            {"method": "abc"},
            "method",
            "Hãy chọn một lựa chọn hợp lệ. abc không phải là một trong các lựa chọn khả thi.",
        ),
    ],
)
def test_it_refuses_a_schedule_the_model_would_refuse_and_saves_nothing(admin_client, fields, field, message):
    regulation = make_regulation()
    response = admin_client.post(reverse(ADD_PROFILE), profile_form(regulation, **fields))
    assert response.status_code == 200
    assert errors_of(response)[field] == message
    assert not CostProfile.objects.exists()


def test_it_accepts_a_sound_profile_and_computes_it(admin_client):
    regulation = make_regulation()
    steps = [{"name": "Chuẩn bị", "phase": "dinh-ky", "hours": "2", "persons": "1", **EVIDENCE}]
    costs = [{"name": "Lệ phí", "category": "phi-le-phi", "amount": "500000", **EVIDENCE}]
    response = admin_client.post(
        reverse(ADD_PROFILE), profile_form(regulation, steps=steps, costs=costs, every_years=2, per_year="")
    )
    assert response.status_code == 302
    profile = CostProfile.objects.get(regulation=regulation)
    # Once every 2 years over a 1-year horizon from year 1: one occurrence in year 1.
    # 10 × (2 h × 43,750 + 500,000) = 5,875,000 a year.
    assert profile.annual_total == 5_875_000 and profile.computation_error == ""


def test_it_refuses_a_plan_whose_printed_cut_exceeds_its_total_and_saves_nothing(admin_client):
    regulation = make_regulation()
    data = {
        "agency": regulation.agency_id,
        "title": "Phương án sai số liệu",
        "year": 2026,
        "stated_regulations_total": 10,
        "stated_regulations_cut": 12,
        **inline("items", []),
    }
    response = admin_client.post(reverse("wagtailsnippets_compliance_cost_reductionplan:add"), data)
    assert response.status_code == 200
    assert errors_of(response)["stated_regulations_cut"] == "Số quy định cắt giảm không thể lớn hơn tổng số quy định."
    assert not ReductionPlan.objects.exists()
