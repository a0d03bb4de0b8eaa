"""The consultations search kind: drafts under consultation and their articles are found by what
they are about ("dự thảo kinh doanh vàng"), with or without diacritics, through OpenSearch and the
database fallback, with a status facet that follows the clock."""

from datetime import timedelta

import pytest
from django.utils import timezone

from consultations.models import ConsultationPage
from consultations.states import refresh_statuses
from portal.site_setup import ensure_home_page
from regulations.importing import DocumentRecord, VersionDetails, save_document
from regulations.models import LegalStatus, VersionKind
from regulations.parsers.types import ParsedNode
from search import health
from search.client import get_client
from search.models import IndexRequest
from search.tasks import drain
from tests.consultations.builders import make_consultation

pytestmark = [pytest.mark.opensearch, pytest.mark.django_db]

API = "/api/v1/search"


def gold_draft():
    articles = [
        ParsedNode("article", "1", "Phạm vi điều chỉnh", "Nghị định này quy định về hoạt động kinh doanh vàng.", 0, []),
        ParsedNode(
            "article",
            "5",
            "Điều kiện kinh doanh mua, bán vàng miếng",
            "Doanh nghiệp có vốn điều lệ từ 100 tỷ đồng trở lên được cấp giấy phép kinh doanh mua, bán vàng miếng.",
            0,
            [],
        ),
    ]
    record = DocumentRecord(
        title="Dự thảo Nghị định về quản lý hoạt động kinh doanh vàng",
        doc_type="nghi-dinh",
        issuer="Ngân hàng Nhà nước Việt Nam",
        legal_status=LegalStatus.DRAFT,
        external_id="du-thao-vang",
        nodes=articles,
    )
    return save_document(record, version=VersionDetails(VersionKind.DRAFT)).page


@pytest.fixture
def gold(search_indexes):
    ensure_home_page()
    page = make_consultation(
        draft=gold_draft(),
        agency="Ngân hàng Nhà nước Việt Nam",
        summary="Điều kiện kinh doanh vàng miếng và vàng trang sức.",
    )
    drain(reschedule=False)
    get_client().indices.refresh(index="_all")
    health.reset()
    return page


def search(client, **params):
    response = client.get(API, {"type": "consultation", **params})
    assert response.status_code == 200, response.content[:500]
    return response.json()


@pytest.mark.parametrize("q", ["dự thảo kinh doanh vàng", "du thao kinh doanh vang"])
def test_it_finds_a_draft_about_a_trade_with_and_without_diacritics(client, gold, q):
    body = search(client, q=q)
    assert body["backend"] == "opensearch"
    results = body["results"]
    assert {r["id"] for r in results} == {gold.pk}
    urls = [r["url"] for r in results]
    assert gold.url in urls and f"{gold.url}#dieu-5" in urls
    article = next(r for r in results if r["url"].endswith("#dieu-5"))
    assert article["article_number"] == "5" and article["type"] == "consultation"


def test_it_facets_and_filters_by_the_consultation_status(client, gold):
    body = search(client, q="vàng miếng", consultation_status="open")
    assert body["results"] and body["facets"]["consultation_status"][0]["value"] == "open"
    assert search(client, q="vàng miếng", consultation_status="closed")["results"] == []


def test_it_reindexes_a_consultation_when_it_closes(client, gold, django_capture_on_commit_callbacks):
    IndexRequest.objects.all().delete()
    later = gold.closes_at + timedelta(seconds=1)
    with django_capture_on_commit_callbacks(execute=True):
        result = refresh_statuses(now=later)
    assert result.changed == [gold.pk]
    assert list(IndexRequest.objects.values_list("kind", "object_id")) == [("consultations", gold.pk)]


def test_the_database_fallback_finds_the_draft_too(client, gold, settings):
    settings.OPENSEARCH_URL = "http://127.0.0.1:9"
    health.reset()
    try:
        body = search(client, q="du thao kinh doanh vang", consultation_status="open")
    finally:
        health.reset()
    assert body["backend"] == "database"
    assert [(r["id"], r["url"]) for r in body["results"]] == [(gold.pk, gold.url)]
    assert ConsultationPage.objects.get().status == "open" and timezone.now() < gold.closes_at
