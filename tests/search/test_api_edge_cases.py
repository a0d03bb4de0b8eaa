"""The search API at its edges: no hits (did you mean, suggestions) and bad input (a sensible
answer or a clear 400 naming the parameter, never a 500). The library and the helpers are
test_api.py's (the library is built once for the module: these tests only read it)."""

import unicodedata

import pytest

from tests.search.test_api import (  # noqa: F401 (fixtures)
    API,
    SUGGEST,
    first,
    get,
    module_indexes,
    module_library,
    read_library,
)

pytestmark = [
    pytest.mark.opensearch,
    pytest.mark.django_db,
    pytest.mark.urls("tests.search.test_api"),
    pytest.mark.usefixtures("read_library"),
]

# ---- no hits, suggestions ---------------------------------------------------------------


@pytest.mark.parametrize("q", ["hằngg namm", "hangg namm", "hằngg nămm"])
def test_it_offers_did_you_mean_with_diacritics_when_nothing_matches(client, q):
    _status, body = get(client, q=q)

    assert body["count"] == 0
    assert body["results"] == []
    assert body["did_you_mean"] == "hằng năm"


def test_there_is_no_did_you_mean_when_something_matches(client):
    _status, body = get(client, q="hằng năm")

    assert body["count"] > 0
    assert "did_you_mean" not in body


def test_suggestions_complete_titles_with_and_without_diacritics(client):
    for typed in ("Luật Du", "luat du"):
        status, body = get(client, SUGGEST, q=typed)
        assert status == 200
        texts = [s["text"] for s in body["suggestions"]]
        assert "Luật Du lịch" in texts, (typed, texts)
        suggestion = body["suggestions"][texts.index("Luật Du lịch")]
        assert suggestion["url"]


def test_suggestions_for_nothing_are_empty(client):
    assert get(client, SUGGEST, q="") == (200, {"suggestions": []})
    assert get(client, SUGGEST, q="\u200b\x00 ") == (200, {"suggestions": []})
    status, body = get(client, SUGGEST, q="x" * 10_000)
    assert status == 200 and isinstance(body["suggestions"], list)


# ---- bad input: a sensible answer or a clear 400, never a 500 ---------------------------


def test_an_empty_query_answers_200_with_no_results(client):
    for q in ("", "   ", "\u200b\u200c\ufeff", "\x00\x01\x1f"):
        status, body = get(client, q=q)
        assert status == 200
        assert body["count"] == 0 and body["results"] == []
    status, body = get(client)  # no q at all
    assert status == 200 and body["count"] == 0


def test_a_10000_character_query_is_cut_with_a_warning(client):
    status, body = get(client, q=("vàng trang sức " * 700)[:10_000])

    assert status == 200
    assert body["count"] >= 1
    assert any("1000" in w for w in body["warnings"])


@pytest.mark.parametrize(
    "q",
    [
        '"(*~\\/:[',
        'vàng" (trang* ~sức',
        "vàng:trang [sức TO *]",
        "\\",
        '"',
        'a"b"c"',
        "((((",
        "*:*",
        "title:vàng OR 1=1",
        "vàng~2 sức^10",
        "/.*/",
    ],
)
def test_syntax_characters_are_inert(client, q):
    status, body = get(client, q=q)

    assert status == 200, body
    assert body["backend"] == "opensearch"
    assert isinstance(body["results"], list)


def test_an_unbalanced_quote_is_plain_text(client):
    _status, with_quote = get(client, q='"vàng trang sức')
    _status, without = get(client, q="vàng trang sức")

    assert [r["id"] for r in with_quote["results"]] == [r["id"] for r in without["results"]]


def test_control_zero_width_and_mixed_scripts_are_harmless(client):
    _status, clean = get(client, q="vàng trang sức")
    _status, dirty = get(client, q="v\u200bàng\x07 trang\u00ad sức")
    assert dirty["results"][0]["id"] == clean["results"][0]["id"]

    for q in ("vàng 黄金 золото ذهب 🪙", "ᴠàng", "e\u0301"):
        status, body = get(client, q=q)
        assert status == 200, (q, body)


def test_a_query_of_1000_characters_answers_lexically(client):
    words = "điều kiện kinh doanh vàng trang sức mỹ nghệ của doanh nghiệp "
    q = (words * 40)[:1000]
    assert len(q) == 1000

    status, body = get(client, q=q)

    assert status == 200 and body["backend"] == "opensearch"
    assert body["results"][0]["document_number"] == "24/2012/NĐ-CP"
    assert "warnings" not in body  # not cut: exactly the limit


@pytest.mark.parametrize("q", ["😀", "🪙🪙🪙 💰", "👍🏽" * 300, "🇻🇳‍🙂"])
def test_a_query_of_emoji_only_answers_with_nothing_and_says_why(client, q):
    status, body = get(client, q=q)

    assert status == 200, body
    assert body["count"] == 0 and body["results"] == []
    assert any("no letters or digits" in warning for warning in body["warnings"])


def test_decomposed_unicode_matches_composed(client):

    _status, nfc = get(client, q="nghỉ hằng năm")
    _status, nfd = get(client, q=unicodedata.normalize("NFD", "nghỉ hằng năm"))
    assert [r["id"] for r in nfd["results"]] == [r["id"] for r in nfc["results"]]


@pytest.mark.parametrize(
    "params, parameter",
    [
        ({"size": "100000"}, "size"),
        ({"size": "0"}, "size"),
        ({"size": "-5"}, "size"),
        ({"size": "ten"}, "size"),
        ({"page": "-1"}, "page"),
        ({"page": "0"}, "page"),
        ({"page": "1.5"}, "page"),
        ({"page": "99999999999999999999"}, "page"),
        ({"page": "200", "size": "100"}, "page"),
        ({"page": "101", "size": "1"}, "page"),
        ({"year_from": "1800"}, "year_from"),
        ({"year_to": "3000"}, "year_to"),
        ({"year_from": "năm"}, "year_from"),
        ({"type": "everything"}, "type"),
        ({"sort": "random"}, "sort"),
        ({"agency": "bo-khong-ton-tai"}, "agency"),
        ({"agency": "../../etc"}, "agency"),
        ({"field": "khong-co"}, "field"),
        ({"doc_type": "sac-lenh"}, "doc_type"),
        ({"status": "vinh-vien"}, "status"),
        ({"sort": ""}, "sort"),
        ({"agency": " quoc-hoi"}, "agency"),
    ],
)
def test_bad_parameters_give_a_clear_400(client, params, parameter):
    status, body = get(client, q="vàng", **params)

    assert status == 400
    assert set(body) == {"error", "errors", "allowed"}
    assert parameter in body["errors"]
    assert " / " in body["errors"][parameter]  # Vietnamese / English


def test_a_reversed_year_range_finds_nothing_and_says_why(client):
    status, body = get(client, q="vàng", year_from="2020", year_to="2010")

    assert status == 200
    assert body["count"] == 0 and body["results"] == []
    assert any("year_to is before year_from" in warning for warning in body["warnings"])


def test_a_400_lists_the_allowed_values_of_enumerated_filters(client):
    _status, body = get(client, q="vàng", agency="bo-khong-ton-tai", status="x")

    assert "quoc-hoi" in body["allowed"]["agency"]
    assert "con-hieu-luc" in body["allowed"]["status"]


def test_several_values_of_a_filter_are_accepted(client):
    response = client.get(API + "?q=kinh+doanh&agency=quoc-hoi&agency=chinh-phu&size=100")
    body = response.json()

    assert response.status_code == 200
    assert {r["document_number"] for r in body["results"]} == {"09/2017/QH14", "24/2012/NĐ-CP"}
