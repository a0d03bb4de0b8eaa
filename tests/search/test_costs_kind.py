"""Cost profiles are a search kind of their own (search/kinds/costs.py): indexed through the
outbox when a profile is saved or recomputed, searched with `type=cost`, with a cost-band facet
and a sort by annual cost, by OpenSearch and by the database fallback alike."""

import pytest

from compliance_cost import costing
from compliance_cost.models import CostProfile
from search import health
from search.client import get_client
from search.tasks import drain
from tests.compliance_cost.factories import make_profile, make_regulation

pytestmark = [pytest.mark.opensearch, pytest.mark.django_db]

CLOSED_PORT = "http://127.0.0.1:9"


@pytest.fixture
def costs(search_indexes, search_index_prefix):
    """Three licences of Bộ Tài chính: 587.5 m (A), 5.4 bn (B) and 22 bn (C) a year, and a draft."""
    cheap = make_profile(make_regulation(number="1/2024/TT-BTC", title="Cấp giấy phép kinh doanh vàng miếng"))
    middle = make_profile(
        make_regulation(number="2/2024/TT-BTC", title="Cấp giấy phép kinh doanh ngoại hối"), subjects=10000, hours="1"
    )
    dear = make_profile(
        make_regulation(number="3/2024/TT-BTC", title="Cấp giấy phép hoạt động ngân hàng"),
        subjects=40000,
        hours="1",
    )
    make_profile(make_regulation(number="4/2024/TT-BTC", title="Cấp giấy phép dự thảo"), status="nhap")
    health.reset()
    assert drain(reschedule=False).remaining == 0
    get_client().indices.refresh(index=f"{search_index_prefix}-costs")
    return cheap, middle, dear


def search(client, **params):
    response = client.get("/api/v1/search", {"type": "cost", **params})
    assert response.status_code == 200, response.content[:500]
    return response.json()


def test_it_finds_published_profiles_with_their_grade_and_cost(client, costs):
    cheap, middle, dear = costs
    body = search(client, q="giay phep")
    assert body["backend"] == "opensearch"
    assert {r["id"] for r in body["results"]} == {cheap.pk, middle.pk, dear.pk}  # not the draft
    found = {r["id"]: r for r in body["results"]}
    assert found[dear.pk]["details"] == {"grade": "C", "annual_cost": 21_750_000_000.0}
    assert found[cheap.pk]["url"] == f"/chi-phi-tuan-thu/quy-dinh/{cheap.regulation_id}/"
    assert {v["value"]: v["count"] for v in body["facets"]["cost_band"]} == {"a": 1, "b": 1, "c": 1}
    assert {v["label"] for v in body["facets"]["cost_band"]} >= {"C: Từ 10 đến dưới 100 tỷ đồng/năm"}


def test_it_filters_by_cost_band_and_sorts_by_cost(client, costs):
    cheap, middle, dear = costs
    assert [r["id"] for r in search(client, q="giay phep", sort="cost")["results"]] == [dear.pk, middle.pk, cheap.pk]
    banded = search(client, q="giay phep", cost_band=["a", "b"], sort="cost")
    assert [r["id"] for r in banded["results"]] == [middle.pk, cheap.pk]
    # The band facet counts every band with the other filters applied (disjunctive).
    assert {v["value"] for v in banded["facets"]["cost_band"]} == {"a", "b", "c"}
    refused = client.get("/api/v1/search", {"type": "cost", "q": "x", "sort": "date"})
    assert refused.status_code == 400 and refused.json()["allowed"]["sort"] == ["relevance", "cost"]
    assert client.get("/api/v1/search", {"q": "x", "cost_band": "a"}).status_code == 400  # articles


def test_it_answers_the_same_from_the_database_when_opensearch_is_down(client, costs, settings):
    cheap, middle, dear = costs
    settings.OPENSEARCH_URL = CLOSED_PORT
    health.reset()
    try:
        body = search(client, q="giấy phép", sort="cost", cost_band=["b", "c"])
    finally:
        health.reset()
    assert body["backend"] == "database"
    assert [r["id"] for r in body["results"]] == [dear.pk, middle.pk]
    assert body["results"][0]["details"]["grade"] == "C"
    assert {v["value"]: v["count"] for v in body["facets"]["cost_band"]} == {"b": 1, "c": 1}


def test_it_shows_the_cost_band_filter_and_the_cost_sort_on_the_page(client, costs):
    html = client.get("/tim-kiem/", {"q": "giấy phép", "type": "cost", "sort": "cost"}).content.decode()
    assert 'id="f-cost_band"' in html and '<option value="cost" selected>Chi phí cao nhất</option>' in html
    assert "Chi phí tuân thủ: <strong>21,75 tỷ đồng/năm</strong>" in html


def test_it_reindexes_profiles_recomputed_in_bulk_and_drops_a_withdrawn_one(client, costs, search_index_prefix):
    cheap, middle, dear = costs
    CostProfile.objects.filter(pk=dear.pk).update(status="nhap")  # withdrawn without a model save
    costing.recompute_profiles()  # announces every profile (compliance_cost.signals)
    assert drain(reschedule=False).remaining == 0
    get_client().indices.refresh(index=f"{search_index_prefix}-costs")
    assert {r["id"] for r in search(client, q="giay phep")["results"]} == {cheap.pk, middle.pk}
