"""When OpenSearch is unreachable, the API and the page answer from the database, and say so;
when it is back, OpenSearch answers again without a restart."""

import re

import pytest
from opensearchpy.exceptions import ConnectionError as OpenSearchConnectionError

from regulations.importing import save_document
from search import backends, health, semantic
from search.client import alias, get_client
from search.highlight import highlight_text, term_pattern
from search.request import parse_request
from tests.search.test_api import (  # noqa: F401 - fixtures and the test URLconf
    CIRCULAR,
    GOLD,
    HIT_FIELDS,
    LABOUR,
    TOURISM,
    library,
    module_indexes,
    urlpatterns,
)

pytestmark = pytest.mark.urls("tests.search.test_api")

API = "/api/v1/search"
NOTICE = "Tìm kiếm nâng cao tạm thời không khả dụng; kết quả từ cơ sở dữ liệu"
CLOSED_PORT = "http://127.0.0.1:9"  # discard port: nothing listens, the connection is refused


@pytest.fixture
def opensearch_down(settings):
    settings.OPENSEARCH_URL = CLOSED_PORT  # the client is rebuilt on setting_changed
    health.reset()
    yield
    health.reset()


@pytest.fixture
def documents(db):
    for item in (GOLD, TOURISM, LABOUR, CIRCULAR):
        save_document(item)


def search(client, **params):
    response = client.get(API, params)
    assert response.status_code == 200, response.content[:300]
    return response.json()


# ---- matching without unaccent: regular expressions over every accented form ----------------


def test_a_term_pattern_matches_any_diacritics_and_case_as_a_whole_word():
    pattern = re.compile(term_pattern("thu tuc"))

    assert pattern.search("Thủ tục hành chính")
    assert pattern.search("các THỦ TỤC")
    assert pattern.search("thu tuc")
    assert not pattern.search("thuế tục")
    assert not pattern.search("thủtục")
    assert re.compile(term_pattern("dang ky")).search("Đăng ký kinh doanh")
    assert not re.compile(term_pattern("an")).search("ban hành")


def test_a_highlight_marks_the_original_characters_and_escapes_the_rest():
    text = "Điều 5. <Thủ tục> cấp Giấy phép & thủ tục khác"

    html = highlight_text(text, ["thu tuc", "giay phep"])

    assert "<mark>Thủ tục</mark>" in html and "<mark>thủ tục</mark>" in html
    assert "<mark>Giấy phép</mark>" in html
    assert "&lt;" in html and "&amp;" in html and "<Thủ" not in html


def test_a_highlight_shows_the_window_with_the_most_terms():
    text = "mở đầu " * 100 + "kinh doanh vàng trang sức" + " kết thúc" * 100

    html = highlight_text(text, ["vang", "trang suc"], size=120)

    assert html.startswith("… ") and html.endswith(" …")
    assert "<mark>vàng</mark> <mark>trang sức</mark>" in html
    assert len(re.sub("<[^>]+>", "", html)) < 140


# ---- the API and the page from the database ------------------------------------------------


@pytest.mark.django_db
def test_the_api_answers_from_the_database_when_opensearch_is_down(client, documents, opensearch_down):
    body = search(client, q="nghỉ hằng năm")

    assert body["backend"] == "database"
    assert body["results"][0]["external_id"] == "45-2019-qh14_art113"
    hit = body["results"][0]
    assert set(hit) == HIT_FIELDS
    assert "<mark>" in hit["highlight"]
    assert hit["url"].endswith("#dieu-113")


@pytest.mark.django_db
def test_the_database_search_ignores_diacritics_and_ranks_exact_ones_first(client, documents, opensearch_down):
    body = search(client, q="nghi hang nam")
    assert body["results"][0]["external_id"] == "45-2019-qh14_art113"
    assert "<mark>nghỉ</mark>" in body["results"][0]["highlight"].lower()

    body = search(client, q="hòa giải")
    assert [r["article_number"] for r in body["results"][:2]] == ["2", "3"]
    body = search(client, q="hóa giải")
    assert [r["article_number"] for r in body["results"][:2]] == ["3", "2"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "q, number, article",
    [
        ("Điều 11 NĐ 24/2012", "24/2012/NĐ-CP", "11"),
        ("dieu 31 luat du lich", "09/2017/QH14", "31"),
        ("BLLĐ điều 113", "45/2019/QH14", "113"),
    ],
)
def test_citations_jump_in_the_database_too(client, documents, opensearch_down, q, number, article):
    body = search(client, q=q)

    assert body["backend"] == "database"
    first = body["results"][0]
    assert (first["document_number"], first["article_number"], first["score"]) == (
        number,
        article,
        None,
    )
    ids = [r["id"] for r in body["results"]]
    assert len(ids) == len(set(ids))


@pytest.mark.django_db
def test_database_filters_facets_pages_and_documents(client, documents, opensearch_down):
    everything = search(client, q="kinh doanh", size=100)
    laws = search(client, q="kinh doanh", agency="quoc-hoi", size=100)

    assert {r["document_number"] for r in laws["results"]} == {"09/2017/QH14"}
    counts = {f["value"]: f["count"] for f in everything["facets"]["agency"]}
    assert counts["quoc-hoi"] == laws["count"]
    assert {f["label"] for f in everything["facets"]["agency"]} >= {"Quốc hội", "Chính phủ"}

    page2 = search(client, q="kinh doanh", size=2, page=2)
    assert [r["id"] for r in page2["results"]] == [r["id"] for r in everything["results"][2:4]]

    documents_hit = search(client, q="luat du lich", type="document")
    assert documents_hit["results"][0]["document_number"] == "09/2017/QH14"
    assert "<mark>Du</mark>" in documents_hit["results"][0]["highlight"]

    phrase = search(client, q='"ky quy tai ngan hang"')
    assert [r["external_id"] for r in phrase["results"]] == ["09-2017-qh14_art31"]

    by_date = search(client, q="kinh doanh", sort="date", size=100)
    years = [r["document_number"].split("/")[1] for r in by_date["results"]]
    assert years == sorted(years, reverse=True)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "q",
    [
        '"(*~\\/:[',
        '"vàng',
        "vàng\u200b\x00",
        "x" * 10_000,
        "a" * 10_000,
        '"' + "ă " * 600 + '"',
        "黄金 vàng",
        "%_'\\",
        "😀",
        "🪙 vàng 💰",
        ("điều kiện kinh doanh vàng trang sức " * 40)[:1000],
        "dđ" * 500,
    ],
)
def test_bad_input_never_breaks_the_database_search(client, documents, opensearch_down, q):
    body = search(client, q=q)
    assert body["backend"] == "database"


@pytest.mark.django_db
def test_suggestions_come_from_the_database(client, documents, opensearch_down):
    response = client.get(API + "/suggest", {"q": "luat du"})

    assert response.status_code == 200
    assert response.json()["suggestions"][0]["text"] == "Luật Du lịch"


@pytest.mark.django_db
def test_the_page_says_results_come_from_the_database(client, documents, opensearch_down):
    response = client.get("/tim-kiem/", {"q": "vang trang suc"})

    assert response.status_code == 200
    page = response.content.decode()
    assert NOTICE in page
    assert "<mark>vàng</mark>" in page


# ---- OpenSearch stops and comes back --------------------------------------------------------


@pytest.mark.opensearch
@pytest.mark.django_db
@pytest.mark.usefixtures("library")
def test_search_falls_back_and_returns_to_opensearch_without_a_restart(client, settings):
    real_url = settings.OPENSEARCH_URL
    assert search(client, q="vàng trang sức")["backend"] == "opensearch"

    settings.OPENSEARCH_URL = CLOSED_PORT
    health.reset()
    down = search(client, q="vàng trang sức")
    assert down["backend"] == "database"
    assert down["results"]

    settings.OPENSEARCH_URL = real_url
    health.reset()  # as if CHECK_TTL seconds had passed
    assert search(client, q="vàng trang sức")["backend"] == "opensearch"


@pytest.mark.opensearch
@pytest.mark.django_db
@pytest.mark.usefixtures("library")
def test_a_failing_search_falls_back_and_marks_opensearch_unavailable(client, monkeypatch):
    opensearch = get_client()

    def refuse(*args, **kwargs):
        raise OpenSearchConnectionError("N/A", "connection refused", None)

    monkeypatch.setattr(opensearch, "msearch", refuse)
    body = search(client, q="vàng trang sức")

    assert body["backend"] == "database"
    assert not health.is_available()


@pytest.mark.opensearch
@pytest.mark.django_db
@pytest.mark.usefixtures("library")
def test_a_missing_index_falls_back_instead_of_failing(client, search_index_prefix):
    get_client().indices.delete_alias(index=f"{search_index_prefix}-articles-*", name=alias("articles"))
    try:
        body = search(client, q="vàng trang sức")
        assert body["backend"] == "database"
        assert body["results"]
    finally:
        from search.indexes import ensure_aliases

        get_client().indices.delete(index=f"{search_index_prefix}-articles*", ignore=404)
        ensure_aliases()


@pytest.mark.django_db
def test_the_backend_reports_database_for_an_empty_query_when_down(documents, opensearch_down):
    from search.request import parse_request

    result = backends.search(parse_request({"q": ""}))
    assert (result.backend, result.count, result.hits) == ("database", 0, [])


def test_a_search_the_database_answers_computes_no_query_vector(documents, opensearch_down):
    """The query's vector is started before the analysis only when OpenSearch is to answer:
    the fallback has no use for it, and it would take a core from the database's answer."""
    assert semantic.model() is not None  # so the vector would be started if OpenSearch answered
    semantic._prefetched.job = None
    parse_request({"q": "điều kiện kinh doanh vàng"}, backends.vocabulary(prefetch=True))

    assert semantic._prefetched.job is None
