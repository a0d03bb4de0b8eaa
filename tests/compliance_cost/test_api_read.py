"""The compliance cost open data: per-agency totals against the 20% targets, profiles and plans,
uncapped pages, and every bad parameter named (compliance_cost.api_read)."""

import datetime
from decimal import Decimal

import pytest

from compliance_cost.models import PlanItem
from consultations.models import CouncilOpinion
from tests.compliance_cost.factories import add_item, make_plan, make_profile, make_regulation

pytestmark = pytest.mark.django_db


@pytest.fixture
def finance():
    """Bộ Tài chính: three regulations. The first costs 587.5 m a year (profile) and a plan in force
    simplifies it to 400 m; the second (87.5 m, profile) is abolished by a proposed plan; the
    third has no cost. Planned: 2 of 3 cut; 675 m → 400 m, saving 275 m = 40.7%. In force: 1 of 3;
    675 m → 487.5 m, saving 187.5 m = 27.8%."""
    first, second, third = (make_regulation(number=f"{n}/2024/TT-BTC", title=f"Quy định {n}") for n in (1, 2, 3))
    make_profile(first)
    make_profile(second, fee=0)
    in_force = make_plan(
        title="Phương án đã có hiệu lực",
        decision_number="1/QĐ-TTg",
        amending_number="5/2025/TT-BTC",
        effective_date=datetime.date(2025, 7, 1),
    )
    add_item(in_force, first, after_entered=400_000_000, after_evidence_kind="survey", after_evidence_source="VCCI")
    add_item(make_plan(title="Phương án đề xuất"), second, action="bai-bo")
    return first, second, third


def test_it_reports_each_agency_against_the_targets(client, finance):
    body = client.get("/api/v1/compliance-cost/agencies").json()
    assert body["target"] == 0.2
    (agency,) = body["results"]
    assert agency["agency"]["slug"] == "bo-tai-chinh" and agency["url"] == "/chi-phi-tuan-thu/co-quan/bo-tai-chinh/"
    assert (agency["regulations"], agency["uncosted"], agency["plans"]) == (3, 1, 2)
    planned, in_force = agency["planned"], agency["in_force"]
    assert (planned["regulations_cut"], planned["cost_before_annual"], planned["cost_after_annual"]) == (
        2,
        675_000_000,
        400_000_000,
    )
    assert planned["saving_annual"] == 275_000_000
    assert round(planned["reduction_rate"], 4) == 0.4074 and planned["meets_cost_target"]
    assert round(planned["share_cut"], 4) == 0.6667 and planned["meets_count_target"]
    assert (in_force["regulations_cut"], in_force["cost_after_annual"]) == (1, 487_500_000)
    assert round(in_force["reduction_rate"], 4) == 0.2778


def test_it_lists_published_profiles_most_expensive_first_with_their_evidence(client, finance):
    make_profile(make_regulation(number="9/2024/TT-BTC"), status="nhap")  # a draft: not public
    page = client.get("/api/v1/compliance-cost/profiles").json()
    assert page["count"] == 2 and page["next"] is None and page["previous"] is None
    first = page["results"][0]
    assert (first["annual_total"], first["grade"], first["percentile"]) == (587_500_000, "A", 100)
    assert first["parameter_set"]["base_year"] == 2024 and first["url"].startswith("/chi-phi-tuan-thu/quy-dinh/")
    detail = client.get(f"/api/v1/compliance-cost/profiles/{first['id']}").json()
    assert detail["steps"][0]["evidence"] == {
        "kind": "expert_estimate",
        "label": "Ước tính chuyên gia",
        "source": "Ước tính chuyên gia (thử nghiệm)",
        "url": "",
        "note": "",
    }
    assert detail["costs"][0]["amount"] == {"value": 500000, "low": None, "high": None}
    assert client.get("/api/v1/compliance-cost/profiles/999999").status_code == 404


def test_it_pages_without_a_cap_and_filters(client, finance):
    first = client.get("/api/v1/compliance-cost/profiles", {"size": 1}).json()
    assert first["count"] == 2 and len(first["results"]) == 1
    assert first["next"].endswith("page=2&size=1") or "page=2" in first["next"]
    second = client.get("/api/v1/compliance-cost/profiles", {"size": 1, "page": 2}).json()
    assert second["results"][0]["id"] != first["results"][0]["id"] and second["next"] is None
    assert client.get("/api/v1/compliance-cost/profiles", {"size": 1000}).status_code == 200
    graded = client.get("/api/v1/compliance-cost/profiles", {"grade": "B"}).json()
    assert graded["count"] == 0
    assert (
        client.get("/api/v1/compliance-cost/profiles", {"agency": "bo-tai-chinh", "kind": "regulation"}).json()["count"]
        == 2
    )


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"size": 0}, "size"),
        ({"size": 1001}, "size"),
        ({"page": "hai"}, "page"),
        ({"grade": "F"}, "grade"),
        ({"kind": "law"}, "kind"),
        ({"agency": "bo-khong-co"}, "agency"),
        ({"agency": "Bộ\x00"}, "agency"),
        ({"sort": "cost"}, "sort"),
    ],
)
def test_it_names_every_bad_parameter(client, params, field):
    response = client.get("/api/v1/compliance-cost/profiles", params)
    assert response.status_code == 400
    body = response.json()
    assert field in body["errors"] and " / " in body["errors"][field]


def test_it_publishes_plans_with_items_flags_and_opinions(client, finance):
    plan = make_plan(
        title="Phương án có số liệu in",
        stated_regulations_total=6,
        stated_regulations_cut=2,
        stated_cut_rate=Decimal("30"),
    )
    item = add_item(plan, finance[2], action="don-gian-hoa")
    CouncilOpinion.objects.create(target=item, title="Ý kiến", text="Nội dung", signatories="A\nB", is_published=True)
    CouncilOpinion.objects.create(target=plan, title="Chưa công bố", text="…", signatories="A")
    listing = client.get("/api/v1/compliance-cost/plans", {"agency": "bo-tai-chinh"}).json()
    assert listing["count"] == 3
    detail = client.get(f"/api/v1/compliance-cost/plans/{plan.pk}").json()
    assert detail["status"] == "de-xuat" and detail["status_label"] == "Đề xuất"
    assert [d["field"] for d in detail["discrepancies"]] == ["cut_rate_percent", "regulations_cut"]
    (entry,) = detail["item_list"]
    assert (entry["action"], entry["cut"], entry["before_annual"]) == ("don-gian-hoa", True, None)
    assert [(o["target"], o["target_id"], o["signatories"]) for o in detail["opinions"]] == [
        ("item", item.pk, ["A", "B"])
    ]
    in_force = client.get(f"/api/v1/compliance-cost/plans/{PlanItem.objects.get(regulation=finance[0]).plan_id}").json()
    assert in_force["status"] == "co-hieu-luc"
