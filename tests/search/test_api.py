"""GET /api/v1/search and /api/v1/search/suggest against a real OpenSearch.

The library used here (built with the real importer, indexed through the outbox):

* Nghị định 24/2012/NĐ-CP (Chính phủ, 2012, còn hiệu lực): gold trading; Điều 11 is the one
  cited, Điều 12 only mentions "Điều 11" and "Điều 113 Bộ luật Lao động" in its text.
* Luật Du lịch 09/2017/QH14 (Quốc hội, 2017): Điều 30–32; Điều 31 is cited by name.
* Bộ luật Lao động 45/2019/QH14 (Quốc hội, 2019): Điều 113 (annual leave) and Điều 114.
* Thông tư 01/2021/TT-BTC (Bộ Tài chính, 2021, hết hiệu lực): two articles that differ only
  by diacritics — "hòa giải" (Điều 2) and "hóa giải" (Điều 3) — for exact-first ranking.
"""

from datetime import date

import pytest
from django.urls import include, path

from portal import urls as portal_urls
from regulations.importing import DocumentRecord, save_document
from regulations.parsers.types import ParsedNode
from search import health
from search.client import alias, get_client
from search.tasks import drain
from tests.module_data import rolled_back_at_end

# Until portal/urls.py includes search.urls, the tests mount it themselves (harmless after).
urlpatterns = [
    path("", include("search.urls")),
    *[p for p in portal_urls.urlpatterns if getattr(p, "namespace", None) != "search"],
]

pytestmark = [
    pytest.mark.opensearch,
    pytest.mark.django_db,
    pytest.mark.urls(__name__),
]

API = "/api/v1/search"
SUGGEST = "/api/v1/search/suggest"


def node(kind, label, text="", heading="", children=()):
    return ParsedNode(kind=kind, label=label, heading=heading, text=text, line=0, children=list(children))


def article(label, heading, *clauses):
    return node(
        "article",
        label,
        heading=heading,
        children=[node("clause", str(i), text) for i, text in enumerate(clauses, 1)],
    )


def record(number, title, issuer, issued, doc_type, articles, *, slug, status="con-hieu-luc", fields=()):
    return DocumentRecord(
        title=title,
        doc_type=doc_type,
        number=number,
        summary=title,
        issuer=issuer,
        issued_date=issued,
        legal_status=status,
        fields=list(fields),
        nodes=articles,
        provision_external_ids={f"dieu-{a.label}": f"{slug}_art{a.label}" for a in articles},
    )


GOLD = record(
    "24/2012/NĐ-CP",
    "Nghị định về quản lý hoạt động kinh doanh vàng",
    "Chính phủ",
    date(2012, 4, 3),
    "nghi-dinh",
    [
        article(
            "10",
            "Quản lý hoạt động sản xuất vàng miếng",
            "Ngân hàng Nhà nước là cơ quan duy nhất được cấp phép sản xuất vàng miếng.",
        ),
        article(
            "11",
            "Điều kiện sản xuất vàng trang sức, mỹ nghệ",
            "Doanh nghiệp sản xuất vàng trang sức, mỹ nghệ phải có Giấy chứng nhận đủ điều kiện.",
            "Có địa điểm, cơ sở vật chất và thiết bị cần thiết.",
        ),
        article(
            "12",
            "Điều kiện kinh doanh mua, bán vàng trang sức",
            "Doanh nghiệp đáp ứng điều kiện quy định tại Điều 11 Nghị định này.",
            "Người lao động được nghỉ theo Điều 113 Bộ luật Lao động.",
        ),
    ],
    slug="24-2012-nd-cp",
    fields=["Tài chính, ngân hàng"],
)
TOURISM = record(
    "09/2017/QH14",
    "Luật Du lịch",
    "Quốc hội",
    date(2017, 6, 19),
    "luat",
    [
        article("30", "Kinh doanh dịch vụ lữ hành", "Kinh doanh dịch vụ lữ hành nội địa và quốc tế."),
        article(
            "31",
            "Điều kiện kinh doanh dịch vụ lữ hành",
            "Doanh nghiệp kinh doanh dịch vụ lữ hành nội địa phải ký quỹ tại ngân hàng.",
        ),
        article("32", "Ký quỹ kinh doanh dịch vụ lữ hành", "Mức ký quỹ do Chính phủ quy định."),
    ],
    slug="09-2017-qh14",
    fields=["Du lịch"],
)
LABOUR = record(
    "45/2019/QH14",
    "Bộ luật Lao động",
    "Quốc hội",
    date(2019, 11, 20),
    "bo-luat",
    [
        article(
            "113",
            "Nghỉ hằng năm",
            "Người lao động làm việc đủ 12 tháng cho một người sử dụng lao động thì được nghỉ "
            "hằng năm, hưởng nguyên lương theo hợp đồng lao động.",
        ),
        article(
            "114",
            "Ngày nghỉ hằng năm tăng theo thâm niên làm việc",
            "Cứ đủ 05 năm làm việc thì số ngày nghỉ hằng năm được tăng thêm tương ứng 01 ngày.",
        ),
    ],
    slug="45-2019-qh14",
    fields=["Lao động"],
)
CIRCULAR = record(
    "01/2021/TT-BTC",
    "Thông tư hướng dẫn về thuế",
    "Bộ Tài chính",
    date(2021, 1, 5),
    "thong-tu",
    [
        article("1", "Phạm vi điều chỉnh", "Thông tư này hướng dẫn về thuế đối với hộ kinh doanh."),
        article("2", "Thủ tục hòa giải", "Cơ quan thuế tổ chức hòa giải khi người nộp thuế đề nghị."),
        article("3", "Thủ tục hóa giải", "Cơ quan thuế tổ chức hóa giải khi người nộp thuế đề nghị."),
    ],
    slug="01-2021-tt-btc",
    status="het-hieu-luc",
    fields=["Thuế"],
)


@pytest.fixture(scope="module")
def module_indexes(opensearch, search_index_prefix, django_db_blocker):
    """Empty indexes behind the aliases, created once per module (creating them takes a
    second); each test empties them again (see `library`)."""
    from search.indexes import ensure_aliases

    opensearch.indices.delete(index=f"{search_index_prefix}-*", ignore=404)
    health.reset()
    ensure_aliases()
    yield
    opensearch.indices.delete(index=f"{search_index_prefix}-*", ignore=404)


def empty_indexes(prefix):
    client = get_client()
    client.indices.refresh(index=f"{prefix}-*")
    found = client.search(index=f"{prefix}-*", body={"size": 10_000, "_source": False})
    actions = [{"delete": {"_index": hit["_index"], "_id": hit["_id"]}} for hit in found["hits"]["hits"]]
    if actions:
        client.bulk(body=actions, refresh=True)


def build_library(prefix):
    """The four documents, saved (published) and indexed through the outbox."""
    empty_indexes(prefix)
    for item in (GOLD, TOURISM, LABOUR, CIRCULAR):
        save_document(item)
    result = drain(reschedule=False)
    assert result.remaining == 0, result
    get_client().indices.refresh(index=f"{prefix}-*")


@pytest.fixture
def library(module_indexes, search_index_prefix):
    """The four documents above, in the database and in OpenSearch, for one test (the modules
    whose tests change them: fallback, replaced laws, the search page)."""
    health.reset()
    build_library(search_index_prefix)
    yield


@pytest.fixture(scope="module")
def module_library(module_indexes, search_index_prefix, django_db_setup, django_db_blocker):
    """The four documents above, built once for a module whose tests only read them (this one
    and test_api_edge_cases.py): saved in a transaction rolled back when the module ends
    (tests/module_data.py; each test's own writes are undone after it), and indexed."""
    with rolled_back_at_end(django_db_blocker):
        health.reset()
        build_library(search_index_prefix)
        yield


@pytest.fixture
def read_library(module_library):
    """`module_library` for one test: OpenSearch's health is checked afresh, as for `library`."""
    health.reset()


def get(client, url=API, **params):
    response = client.get(url, params)
    assert response["Content-Type"].startswith("application/json"), response.content[:200]
    return response.status_code, response.json()


def first(client, q, **params):
    status, body = get(client, q=q, **params)
    assert status == 200, body
    assert body["backend"] == "opensearch"
    assert body["results"], f"no results for {q!r}"
    return body["results"][0], body


# ---- the contract -----------------------------------------------------------------------


# The fields of one result, as the API contract of issue 3 names them.
HIT_FIELDS = {
    "type",
    "id",
    "external_id",
    "document_number",
    "article_number",
    "title",
    "url",
    "score",
    "highlight",
    "details",
    "replaced_by",
}


def test_it_answers_with_the_documented_shape(client, read_library):
    status, body = get(client, q="vàng trang sức", type="article", size=5)

    assert status == 200
    assert set(body) >= {"count", "backend", "results", "facets"}
    assert body["backend"] == "opensearch"
    assert body["count"] >= 2
    hit = body["results"][0]
    assert set(hit) == HIT_FIELDS
    assert hit["type"] == "article"
    assert hit["details"] == {}  # kind-specific facts: only cost hits have them
    assert hit["external_id"].startswith("24-2012-nd-cp_art")
    assert hit["document_number"] == "24/2012/NĐ-CP"
    assert hit["url"].endswith(f"#dieu-{hit['article_number']}")
    assert isinstance(hit["score"], float)
    assert set(body["facets"]) == {"agency", "field", "doc_type", "status", "year"}


@pytest.mark.parametrize(
    "params",
    [
        {"q": "vàng trang sức", "size": "5"},
        {"q": "Điều 11 NĐ 24/2012"},
        {"q": "hangg namm"},  # no results: did you mean
        {"q": "x " * 1000},  # cut, with a warning
        {"q": "luat du lich", "type": "document", "agency": "quoc-hoi"},
    ],
)
def test_the_answer_is_what_the_response_serializer_states(read_library, params):
    """The API builds its answer directly (search.api.search_payload); the serializer that
    documents the schema must give the same."""
    from search import backends
    from search.api import SearchResponseSerializer, search_payload
    from search.request import parse_request

    result = backends.search(parse_request(params, backends.vocabulary()))
    if params["q"] == "Điều 11 NĐ 24/2012":
        from regulations.legaltext import laws

        result.hits[0].replaced_by = laws.law_by_number("61/2020/QH14")  # as for a replaced law
        assert result.hits[0].replaced_by is not None

    assert search_payload(result) == SearchResponseSerializer(result).data


def test_facet_labels_follow_a_renamed_agency(client, read_library):
    from regulations.models import Agency

    _status, body = get(client, q="kinh doanh")
    assert {f["value"]: f["label"] for f in body["facets"]["agency"]}["quoc-hoi"] == "Quốc hội"
    agency = Agency.objects.get(slug="quoc-hoi")
    agency.name = "Quốc hội nước Cộng hòa xã hội chủ nghĩa Việt Nam"
    try:
        agency.save()  # the process's cached names are read again

        _status, body = get(client, q="kinh doanh")

        assert {f["value"]: f["label"] for f in body["facets"]["agency"]}["quoc-hoi"] == agency.name
    finally:
        from search.kinds.legal_documents import AGENCY_NAMES

        AGENCY_NAMES.clear()  # the rename is rolled back with the test; the cache is not


def test_it_gives_what_the_quality_benchmark_reads(client, read_library):
    # search_quality.py calls ?q=<text>&type=article&size=<k> and reads results[].external_id.
    status, body = get(client, q="nghỉ hằng năm người lao động", type="article", size=10)

    assert status == 200
    assert body["results"][0]["external_id"] == "45-2019-qh14_art113"
    assert len(body["results"]) <= 10


# ---- citations jump to the provision ---------------------------------------------------


@pytest.mark.parametrize(
    "q, number, article",
    [
        ("Điều 11 NĐ 24/2012", "24/2012/NĐ-CP", "11"),
        ("dieu 11 nd 24/2012", "24/2012/NĐ-CP", "11"),
        ("Điều 11 Nghị định 24/2012/NĐ-CP", "24/2012/NĐ-CP", "11"),
        ("Điều 31 Luật Du lịch", "09/2017/QH14", "31"),
        ("dieu 31 luat du lich", "09/2017/QH14", "31"),
        ("dieu 113 bo luat lao dong 2019", "45/2019/QH14", "113"),
        ("Điều 113 Bộ luật Lao động 2019", "45/2019/QH14", "113"),
        ("BLLĐ điều 113", "45/2019/QH14", "113"),
        ("blld dieu 113", "45/2019/QH14", "113"),
        ("khoản 2 Điều 113 BLLĐ", "45/2019/QH14", "113"),
    ],
)
def test_it_puts_the_cited_article_first(client, read_library, q, number, article):
    hit, body = first(client, q)

    assert (hit["document_number"], hit["article_number"]) == (number, article)
    assert hit["score"] is None  # pinned, not scored
    ids = [r["id"] for r in body["results"]]
    assert len(ids) == len(set(ids)), "the pinned article is listed twice"


def test_it_puts_the_cited_document_first_in_a_document_search(client, read_library):
    hit, body = first(client, "45/2019/QH14", type="document")

    assert hit["type"] == "document"
    assert hit["document_number"] == "45/2019/QH14"
    assert hit["article_number"] is None


def test_a_bare_document_number_brings_its_articles_first(client, read_library):
    _hit, body = first(client, "45/2019/QH14")

    numbers = [r["document_number"] for r in body["results"][:2]]
    assert numbers == ["45/2019/QH14", "45/2019/QH14"]


def test_the_cited_article_stays_first_when_the_text_favours_another(client, read_library):
    # Điều 12 contains the words "Điều 11" and "Nghị định" in its own text.
    hit, body = first(client, "điều kiện quy định tại Điều 11 Nghị định 24/2012/NĐ-CP")

    assert hit["article_number"] == "11"
    assert [r["article_number"] for r in body["results"]].count("11") == 1


def test_a_cited_article_outside_the_filters_is_not_pinned(client, read_library):
    _status, body = get(client, q="Điều 31 Luật Du lịch", agency="chinh-phu")

    assert all(r["document_number"] == "24/2012/NĐ-CP" for r in body["results"])


def test_pagination_counts_the_pinned_article_once(client, read_library):
    _status, page1 = get(client, q="Điều 11 NĐ 24/2012", size=1, page=1)
    _status, page2 = get(client, q="Điều 11 NĐ 24/2012", size=1, page=2)

    assert page1["results"][0]["article_number"] == "11"
    assert page2["results"][0]["id"] != page1["results"][0]["id"]
    assert page1["count"] == page2["count"]


# ---- ranking and diacritics ------------------------------------------------------------


def test_exact_diacritics_rank_above_folded_matches(client, read_library):
    _status, body = get(client, q="hòa giải")
    ranked = [r["article_number"] for r in body["results"] if r["document_number"] == "01/2021/TT-BTC"]
    assert ranked[:2] == ["2", "3"]

    _status, body = get(client, q="hóa giải")
    ranked = [r["article_number"] for r in body["results"] if r["document_number"] == "01/2021/TT-BTC"]
    assert ranked[:2] == ["3", "2"]


def test_a_query_without_diacritics_finds_both(client, read_library):
    _status, body = get(client, q="hoa giai")

    found = {r["article_number"] for r in body["results"] if r["document_number"] == "01/2021/TT-BTC"}
    assert {"2", "3"} <= found


def test_it_highlights_the_original_text_with_diacritics_for_a_query_without(client, read_library):
    hit, _body = first(client, "nghi hang nam")

    assert hit["external_id"] == "45-2019-qh14_art113"
    assert "<mark>nghỉ</mark>" in hit["highlight"] or "<mark>Nghỉ</mark>" in hit["highlight"]
    assert "<mark>hằng</mark>" in hit["highlight"]


def test_highlights_escape_the_text(client, read_library):
    hit, _body = first(client, "vàng miếng")

    assert "<mark>" in hit["highlight"]
    assert "<" not in hit["highlight"].replace("<mark>", "").replace("</mark>", "")


def test_quoted_phrases_must_occur(client, read_library):
    _status, body = get(client, q='"ký quỹ tại ngân hàng"')

    assert [r["external_id"] for r in body["results"]] == ["09-2017-qh14_art31"]
    assert "<mark>ký quỹ tại ngân hàng</mark>" in body["results"][0]["highlight"]


def test_quoted_phrases_match_without_diacritics(client, read_library):
    _status, body = get(client, q='"ky quy tai ngan hang"')

    assert [r["external_id"] for r in body["results"]] == ["09-2017-qh14_art31"]


# ---- filters, facets, sorting, pagination ----------------------------------------------


def test_filters_restrict_results_and_facets_count_per_value(client, read_library):
    _status, everything = get(client, q="kinh doanh", size=100)
    _status, quoc_hoi = get(client, q="kinh doanh", agency="quoc-hoi", size=100)

    assert {r["document_number"] for r in quoc_hoi["results"]} == {"09/2017/QH14"}
    agencies = {f["value"]: f for f in everything["facets"]["agency"]}
    assert agencies["quoc-hoi"]["label"] == "Quốc hội"
    assert agencies["quoc-hoi"]["count"] == quoc_hoi["count"]
    assert sum(f["count"] for f in everything["facets"]["agency"]) == everything["count"]
    # An agency's own facet keeps counting the other agencies (a select keeps its options).
    assert {f["value"] for f in quoc_hoi["facets"]["agency"]} == set(agencies)
    # The other facets follow the filter.
    assert {f["value"] for f in quoc_hoi["facets"]["year"]} == {"2017"}


def test_it_filters_by_type_status_field_and_year_range(client, read_library):
    _status, laws = get(client, q="điều kiện", doc_type="luat")
    assert {r["document_number"] for r in laws["results"]} == {"09/2017/QH14"}

    _status, expired = get(client, q="thuế", status="het-hieu-luc")
    assert {r["document_number"] for r in expired["results"]} == {"01/2021/TT-BTC"}

    _status, labour = get(client, q="nghỉ", field="lao-dong")
    assert {r["document_number"] for r in labour["results"]} == {"45/2019/QH14"}

    _status, recent = get(client, q="kinh doanh", year_from=2015, year_to=2020, size=100)
    assert {r["document_number"] for r in recent["results"]} == {"09/2017/QH14"}
    status_labels = {f["value"]: f["label"] for f in recent["facets"]["status"]}
    assert status_labels["con-hieu-luc"] == "Còn hiệu lực"


def test_it_sorts_by_date(client, read_library):
    _status, body = get(client, q="kinh doanh", sort="date", size=100)

    years = [r["document_number"].split("/")[1] for r in body["results"]]
    assert years == sorted(years, reverse=True)


def test_pages_do_not_overlap_and_keep_the_count(client, read_library):
    _status, whole = get(client, q="điều kiện kinh doanh", size=100)
    seen = []
    for page in range(1, whole["count"] + 1):
        _status, body = get(client, q="điều kiện kinh doanh", size=1, page=page)
        assert body["count"] == whole["count"]
        seen.extend(r["id"] for r in body["results"])
    assert seen == [r["id"] for r in whole["results"]]
    _status, beyond = get(client, q="điều kiện kinh doanh", size=1, page=whole["count"] + 1)
    assert beyond["results"] == []


def test_it_searches_documents(client, read_library):
    _status, body = get(client, q="luat du lich", type="document")

    assert body["results"][0]["document_number"] == "09/2017/QH14"
    assert body["results"][0]["type"] == "document"
    assert "<mark>Du</mark>" in body["results"][0]["highlight"]


def test_the_schema_documents_the_search_api(client):
    response = client.get("/api/v1/schema/", {"format": "json"})

    assert response.status_code == 200
    schema = response.json() if response["Content-Type"].startswith("application/json") else None
    text = response.content.decode()
    assert "/api/v1/search" in text and "/api/v1/search/suggest" in text
    assert "did_you_mean" in text and "external_id" in text
    if schema:
        params = {p["name"] for p in schema["paths"]["/api/v1/search"]["get"]["parameters"]}
        assert {
            "q",
            "type",
            "agency",
            "field",
            "status",
            "year_from",
            "year_to",
            "page",
            "size",
        } <= params


def test_it_uses_the_alias_names_of_the_index_contract(read_library, search_index_prefix):
    assert alias("articles") == f"{search_index_prefix}-articles"
