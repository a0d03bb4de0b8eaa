"""A law cited by name whose version in force is not in the portal: the jump lands on the newest
version that is, and says plainly that it has been replaced, and by what (API and page).

The library: Luật Đầu tư 61/2020/QH14 (replaced by 143/2025/QH15 from 01/03/2026, not imported),
Luật Xây dựng 50/2014/QH13 (replaced from 01/07/2026 by a law whose number is not confirmed) and
Luật Du lịch 09/2017/QH14 (in force).
"""

from datetime import date

import pytest
from django.utils import translation

from regulations.importing import save_document
from regulations.legaltext.laws import replacement
from search import health
from search.results import Hit
from search.tasks import drain
from tests.search.test_api import (  # noqa: F401 - fixtures and the test URLconf
    API,
    TOURISM,
    article,
    empty_indexes,
    module_indexes,
    record,
    urlpatterns,
)

pytestmark = [
    pytest.mark.opensearch,
    pytest.mark.django_db,
    pytest.mark.urls("tests.search.test_api"),
]

INVESTMENT = record(
    "61/2020/QH14",
    "Luật Đầu tư",
    "Quốc hội",
    date(2020, 6, 17),
    "luat",
    [
        article("5", "Chính sách về đầu tư kinh doanh", "Nhà đầu tư có quyền thực hiện hoạt động đầu tư kinh doanh."),
        article("6", "Ngành, nghề cấm đầu tư kinh doanh", "Cấm các hoạt động đầu tư kinh doanh sau đây."),
    ],
    slug="61-2020-qh14",
)
CONSTRUCTION = record(
    "50/2014/QH13",
    "Luật Xây dựng",
    "Quốc hội",
    date(2014, 6, 18),
    "luat",
    [article("89", "Quy định chung về cấp giấy phép xây dựng", "Công trình xây dựng phải có giấy phép.")],
    slug="50-2014-qh13",
)


@pytest.fixture
def library(module_indexes, search_index_prefix):  # noqa: F811 - this module's own library
    health.reset()
    empty_indexes(search_index_prefix)
    for item in (INVESTMENT, CONSTRUCTION, TOURISM):
        save_document(item)
    assert drain(reschedule=False).remaining == 0
    from search.client import get_client

    get_client().indices.refresh(index=f"{search_index_prefix}-*")


def first(client, **params):
    response = client.get(API, params)
    assert response.status_code == 200, response.content[:300]
    body = response.json()
    assert body["results"], body
    return body["results"][0], body


def test_the_jump_lands_on_the_replaced_law_and_says_by_what(client, library):
    hit, body = first(client, q="Điều 5 Luật Đầu tư")

    assert body["backend"] == "opensearch"
    assert (hit["document_number"], hit["article_number"], hit["score"]) == ("61/2020/QH14", "5", None)
    assert hit["replaced_by"] == {
        "title": "Luật Đầu tư số 143/2025/QH15",
        "number": "143/2025/QH15",
        "effective_date": "2026-03-01",
    }


def test_a_document_search_by_name_lands_on_the_replaced_law_too(client, library):
    hit, _body = first(client, q="Luật Đầu tư", type="document")

    assert hit["document_number"] == "61/2020/QH14"
    assert hit["replaced_by"]["number"] == "143/2025/QH15"


def test_a_successor_whose_number_is_not_confirmed_is_named_by_its_year(client, library):
    hit, _body = first(client, q="điều 89 luật xây dựng")

    assert (hit["document_number"], hit["article_number"]) == ("50/2014/QH13", "89")
    assert hit["replaced_by"] == {"title": "Luật Xây dựng 2025", "number": None, "effective_date": "2026-07-01"}


def test_a_law_in_force_and_an_unpinned_hit_carry_no_replacement(client, library):
    hit, body = first(client, q="Điều 31 Luật Du lịch")
    assert (hit["document_number"], hit["replaced_by"]) == ("09/2017/QH14", None)

    _hit, body = first(client, q="giấy phép xây dựng")
    assert all(h["replaced_by"] is None for h in body["results"] if h["score"] is not None)


def test_the_search_page_says_it_in_a_line_in_vietnamese_and_in_english(client, library):
    response = client.get("/tim-kiem/", {"q": "Điều 5 Luật Đầu tư"})
    html = response.content.decode()

    assert response.status_code == 200
    assert (
        '<p class="replaced" role="note">Văn bản 61/2020/QH14 đã được thay thế bởi '
        "Luật Đầu tư số 143/2025/QH15 từ ngày 01/03/2026.</p>"
    ) in html
    hit = Hit(
        type="article",
        id=1,
        external_id=None,
        document_number="61/2020/QH14",
        article_number="5",
        title="",
        url="",
        score=None,
        highlight="",
        pinned=True,
    )
    hit.replaced_by = replacement("61/2020/QH14")
    with translation.override("en"):
        assert hit.replaced_notice == (
            "Document 61/2020/QH14 has been replaced by Luật Đầu tư số 143/2025/QH15 since 01/03/2026."
        )


def test_the_database_fallback_jumps_the_same_way(client, library, settings):
    settings.OPENSEARCH_URL = "http://127.0.0.1:9"  # nothing listens: the database answers
    health.reset()
    try:
        hit, body = first(client, q="Điều 5 Luật Đầu tư")
    finally:
        health.reset()

    assert body["backend"] == "database"
    assert (hit["document_number"], hit["article_number"]) == ("61/2020/QH14", "5")
    assert hit["replaced_by"]["number"] == "143/2025/QH15"
