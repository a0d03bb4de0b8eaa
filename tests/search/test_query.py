"""Query parsing and OpenSearch bodies: pure functions, no database, no server."""

import json
import unicodedata

import pytest

from search.bodies import did_you_mean_body, main_body, pin_bodies, suggest_body
from search.facets import Filters
from search.query import (
    MAX_QUERY_CHARS,
    QUERY_CACHE_SIZE,
    CitationTarget,
    clear_query_cache,
    parse_query,
    query_cache_info,
)
from search.request import InvalidSearch, SearchRequest, Vocabulary, parse_request


def walk(node):
    """Every dict in a query body."""
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from walk(value)


def request(q, **params):
    return parse_request({"q": q, **params})


# ---- the text ------------------------------------------------------------------------------


def test_it_normalises_unicode_and_removes_invisible_characters():
    decomposed = unicodedata.normalize("NFD", "thủ tục hành chính")
    query = parse_query(f"  {decomposed}\u200b\x00\x1f\ufeff  ")

    assert query.text == "thủ tục hành chính"
    assert query.has_diacritics


def test_it_unifies_tone_mark_placement():
    assert parse_query("hoà giải").text == parse_query("hòa giải").text


def test_an_empty_or_invisible_query_is_empty():
    for raw in ("", "   ", "\u200b\u200c", "\x00\x07", "\ufeff\n\t"):
        assert parse_query(raw).is_empty


def test_a_long_query_is_cut_not_refused():
    query = parse_query("thủ tục " * 2000)

    assert query.truncated
    assert len(query.text) <= MAX_QUERY_CHARS
    assert not query.text.endswith(" ")
    assert any("1000" in w for w in SearchRequest(query=query).warnings)


def test_a_query_of_exactly_the_limit_is_kept():
    query = parse_query("a" * MAX_QUERY_CHARS)
    assert not query.truncated and len(query.text) == MAX_QUERY_CHARS


def test_a_repeated_query_skips_the_pipeline():
    clear_query_cache()
    first = parse_query("Điều 11 NĐ 24/2012 kinh doanh vàng")
    assert query_cache_info().misses == 1 and query_cache_info().hits == 0

    again = parse_query("Điều 11 NĐ 24/2012 kinh doanh vàng")

    assert again is first  # the same analysis, not a new one
    assert query_cache_info().hits == 1 and query_cache_info().misses == 1
    assert parse_query("kinh doanh vàng") is not first
    assert query_cache_info().misses == 2


def test_the_query_cache_is_bounded_and_keeps_no_huge_key():
    clear_query_cache()
    for n in range(QUERY_CACHE_SIZE + 10):
        parse_query(f"q{n}")
    assert query_cache_info().currsize == QUERY_CACHE_SIZE
    huge = "x " * 1_000_000
    assert parse_query(huge) is parse_query(huge + "y")  # both read as their first 4,001 characters
    assert parse_query(huge).truncated


def test_balanced_quotes_make_phrases():
    query = parse_query('"thủ tục hành chính" cấp “giấy phép” kinh doanh')

    assert query.phrases == ("thủ tục hành chính", "giấy phép")
    assert '"' not in query.syllables
    assert query.syllables == "thủ tục hành chính cấp giấy phép kinh doanh"


def test_an_unbalanced_quote_is_plain_text():
    assert parse_query('"thủ tục hành chính').phrases == ()
    assert parse_query('"a b" "c').phrases == ("a b",)
    assert parse_query('"thủ tục hành chính').syllables == "thủ tục hành chính"


def test_empty_quotes_are_no_phrase():
    assert parse_query('"" ""  thuế').phrases == ()


def test_syntax_characters_are_only_text():
    query = parse_query('"(*~\\/:[')

    assert not query.is_empty
    assert not query.is_searchable
    assert "no letters" in " ".join(SearchRequest(query=query).warnings)


@pytest.mark.parametrize(
    "q",
    ["title:vàng OR (a AND b)", 'vàng~2 sức^10 "x', "*:*", "/.*/", "\\", "a[1 TO 5]", "{!lucene}x"],
)
def test_no_user_text_reaches_a_query_string_query(q):
    body = main_body(request(q))
    kinds = {key for node in walk(body) for key in node}

    assert "query_string" not in kinds and "simple_query_string" not in kinds
    assert "regexp" not in kinds and "wildcard" not in kinds and "fuzzy" not in kinds
    json.dumps(body)  # serialisable as is


def test_the_words_query_uses_the_same_segmentation_as_the_index():
    query = parse_query("thủ tục hành chính")
    assert "thủ_tục" in query.words.split() and "hành_chính" in query.words.split()


# ---- citations ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "q, number, article",
    [
        ("Điều 11 NĐ 24/2012", "24/2012/NĐ-CP", "11"),
        ("dieu 11 nd 24/2012", "24/2012/NĐ-CP", "11"),
        ("Điều 31 Luật Du lịch", "09/2017/QH14", "31"),
        ("dieu 31 luat du lich", "09/2017/QH14", "31"),
        ("dieu 113 bo luat lao dong 2019", "45/2019/QH14", "113"),
        ("BLLĐ điều 113", "45/2019/QH14", "113"),
        ("khoản 2 Điều 5 Nghị định 15/2018/NĐ-CP", "15/2018/NĐ-CP", "5"),
    ],
)
def test_it_finds_the_cited_article(q, number, article):
    (target,) = parse_query(q).citations
    assert (target.number, target.article) == (number, article)


def test_it_keeps_clause_and_point():
    (target,) = parse_query("điểm a khoản 2 Điều 5 Nghị định 15/2018/NĐ-CP").citations
    assert (target.article, target.clause, target.point) == ("5", "2", "a")


def test_a_document_number_alone_is_a_document_citation():
    # A law carries its earlier versions, for a jump when it is not in the portal.
    assert parse_query("45/2019/QH14").citations == (CitationTarget("45/2019/QH14", earlier=("10/2012/QH13",)),)
    assert parse_query("BLDS").citations == (CitationTarget("91/2015/QH13", earlier=("33/2005/QH11",)),)
    assert parse_query("24/2012/NĐ-CP").citations == (CitationTarget("24/2012/NĐ-CP"),)


def test_several_articles_of_one_document_are_each_cited():
    targets = parse_query("Điều 3, 4 và 5 Luật Du lịch").citations
    assert [(t.number, t.article) for t in targets] == [("09/2017/QH14", a) for a in ("3", "4", "5")]


def test_an_article_without_a_document_or_an_unknown_number_cites_nothing():
    assert parse_query("điều 5").citations == ()
    assert parse_query("nghị định 45").citations == ()
    assert parse_query("thủ tục hành chính").citations == ()


def test_number_keys_are_the_one_key_whatever_the_spelling():
    # The key of regulations.legaltext.numbers: "9/2017" is written "09/2017" (Nghị định 30/2020).
    assert CitationTarget("09/2017/QH14").number_keys == ["09/2017/qh14"]
    assert CitationTarget("9/2017/qh14").number_keys == ["09/2017/qh14"]
    assert CitationTarget("24/2012/ND-CP").number_keys == ["24/2012/nđ-cp"]
    assert CitationTarget("143/2025/QH15", earlier=("61/2020/QH14",)).number_keys == ["143/2025/qh15", "61/2020/qh14"]


def test_the_pin_lookup_is_a_term_query_on_number_and_article():
    (body,) = pin_bodies(request("Điều 11 NĐ 24/2012", agency="chinh-phu"))
    text = json.dumps(body, ensure_ascii=False)

    assert body["size"] == 1
    assert '{"terms": {"number_key": ["24/2012/nđ-cp"]}}' in text
    assert '{"term": {"article_number": "11"}}' in text
    assert '{"terms": {"agency": ["chinh-phu"]}}' in text  # pins obey the filters


def test_the_ranked_query_leaves_the_pinned_article_out():
    body = main_body(request("Điều 11 NĐ 24/2012"), extra=1)

    (excluded,) = body["query"]["bool"]["must_not"]
    assert {"term": {"article_number": "11"}} in excluded["bool"]["filter"]
    assert body["size"] == 21 and body["from"] == 0


def test_in_a_document_search_the_cited_document_is_pinned():
    (body,) = pin_bodies(request("Điều 11 NĐ 24/2012", type="document"))
    assert "article_number" not in json.dumps(body["query"])


def test_in_an_article_search_a_bare_document_number_boosts_its_articles():
    req = request("45/2019/QH14")
    assert pin_bodies(req) == []
    boosts = [n for n in walk(main_body(req)) if "constant_score" in n]
    assert any("45/2019/qh14" in json.dumps(b) for b in boosts)


# ---- ranking ------------------------------------------------------------------------------


def _boosts(fields):
    out = {}
    for spec in fields:
        name, _, boost = spec.partition("^")
        out[name] = float(boost or 1)
    return out


def _matches(body):
    return [n["multi_match"] for n in walk(body) if "multi_match" in n]


def test_a_query_with_diacritics_weighs_exact_words_above_folded_ones():
    words = _matches(main_body(request("thủ tục hành chính")))[0]

    boosts = _boosts(words["fields"])
    assert words["query"] == "thủ_tục hành_chính"  # segmented like the index
    assert boosts["words"] > boosts["words.folded"] > 0


def test_every_part_of_a_query_is_searched_with_its_own_text():
    queries = {tuple(m["fields"]): m["query"] for m in _matches(main_body(request("thủ tục hành chính")))}

    assert "thủ_tục hành_chính" in queries.values()  # segmented words
    assert any("thủ_tục_hành" in q.split() for q in queries.values())  # syllable n-grams
    assert "thủ tục hành chính" in queries.values()  # plain syllables


def test_a_query_without_diacritics_uses_folded_fields_and_syllable_ngrams():
    matches = _matches(main_body(request("thu tuc hanh chinh")))
    fields = {f.partition("^")[0] for m in matches for f in m["fields"]}

    assert "words" not in fields and "syllables" not in fields  # exact fields cannot match
    ngrams = next(m for m in matches if "thu_tuc" in m["query"].split())
    assert "hanh_chinh" in ngrams["query"].split()
    assert any(f.startswith("words.folded") for f in ngrams["fields"])


def test_a_quoted_phrase_is_required_with_or_without_diacritics():
    body = main_body(request('"giấy phép" kinh doanh'))
    (required,) = body["query"]["bool"]["must"][0]["bool"]["must"]
    fields = {next(iter(n["match_phrase"])) for n in walk(required) if "match_phrase" in n}

    assert fields == {"syllables", "syllables.folded"}


def _intent_boosts(q):
    """(heading phrases, other phrases) of each question-intent boost in the ranked query."""
    out = []
    for node in walk(main_body(request(q))):
        if "constant_score" in node and "bool" in node["constant_score"]["filter"]:
            phrases = [next(iter(n["match_phrase"].items())) for n in walk(node) if "match_phrase" in n]
            if not any(name == "heading.folded" for name, _ in phrases):
                continue  # a cited document's boost
            out.append(
                (
                    sorted(text for name, text in phrases if name == "heading.folded"),
                    sorted((name, text) for name, text in phrases if name != "heading.folded"),
                )
            )
    return out


@pytest.mark.parametrize(
    "q, term",
    [
        ("Việc làm là gì?", "viec lam la"),
        ("Viec lam la gi", "viec lam la"),  # typed without diacritics
        ('Định nghĩa của "Người lao động"?', "nguoi lao dong la"),
        ("Theo Bộ luật Dân sự 2015, vật phụ được hiểu như thế nào?", "vat phu la"),
        ("khái niệm không gian mạng", "khong gian mang la"),
    ],
)
def test_a_definition_question_boosts_the_article_that_defines_the_term(q, term):
    boosts = _intent_boosts(q)

    assert boosts
    assert all(headings == ["giai thich tu ngu"] for headings, _ in boosts)
    assert ("syllables.folded", term) in [p for _, phrases in boosts for p in phrases]


@pytest.mark.parametrize(
    "q",
    [
        "Trách nhiệm của Bộ Y tế trong việc phòng, chống ma túy là gì?",  # something of X, not X
        "thủ tục đăng ký kinh doanh",
        "Luật Tiếp cận thông tin",
    ],
)
def test_other_queries_get_no_intent_boost(q):
    assert _intent_boosts(q) == []


@pytest.mark.parametrize(
    "q",
    [
        "Luật Tiếp cận thông tin áp dụng cho ai?",
        "Phạm vi điều chỉnh của Luật Tiếp cận thông tin",
        "doi tuong ap dung cua luat tiep can thong tin",
    ],
)
def test_a_scope_question_boosts_the_scope_articles_of_the_named_law(q):
    (boost,) = [b for b in _intent_boosts(q) if "doi tuong ap dung" in b[0]]

    assert boost == (
        ["doi tuong ap dung", "pham vi dieu chinh"],
        [("document_title.folded", "luat tiep can thong tin")],
    )


def test_a_scope_question_without_a_law_name_gets_no_scope_boost():
    assert all("pham vi dieu chinh" not in headings for headings, _ in _intent_boosts("đối tượng áp dụng là ai"))


# ---- filters, facets, sort, pages ---------------------------------------------------------


def test_filters_go_to_post_filter_and_each_facet_ignores_its_own():
    req = request("thuế", agency="bo-tai-chinh", year_from="2015", year_to="2020")
    body = main_body(req)

    assert {"terms": {"agency": ["bo-tai-chinh"]}} in body["post_filter"]["bool"]["filter"]
    assert {"range": {"year": {"gte": 2015, "lte": 2020}}} in body["post_filter"]["bool"]["filter"]
    assert set(body["aggs"]) == {"agency", "field", "doc_type", "status", "year"}
    agency_filter = json.dumps(body["aggs"]["agency"]["filter"])
    assert "bo-tai-chinh" not in agency_filter and "2015" in agency_filter
    assert "bo-tai-chinh" in json.dumps(body["aggs"]["year"]["filter"])
    assert all(a["aggs"]["values"]["terms"]["size"] >= 50 for a in body["aggs"].values())


def test_sort_by_date_then_relevance():
    body = main_body(request("thuế", sort="date"))
    assert body["sort"][0] == {"issued_date": {"order": "desc", "missing": "_last"}}
    assert "sort" not in main_body(request("thuế"))


def test_pages_become_from_and_size():
    body = main_body(request("thuế", page="3", size="10"))
    assert (body["from"], body["size"]) == (20, 10)


def test_multiple_values_of_a_filter():
    from django.http import QueryDict

    req = parse_request(QueryDict("q=x&agency=quoc-hoi&agency=chinh-phu&agency="))
    assert req.filters.get("agency") == ("quoc-hoi", "chinh-phu")


# ---- validation ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "params, parameter",
    [
        ({"size": "100000"}, "size"),
        ({"size": "0"}, "size"),
        ({"size": "x"}, "size"),
        ({"page": "-1"}, "page"),
        ({"page": "0"}, "page"),
        ({"page": "1e3"}, "page"),
        ({"page": "101", "size": "100"}, "page"),
        ({"page": "101"}, "page"),
        ({"year_from": "1944"}, "year_from"),
        ({"year_to": "2101"}, "year_to"),
        ({"type": "all"}, "type"),
        ({"sort": "score"}, "sort"),
        ({"agency": "Bộ Tài chính"}, "agency"),  # not a slug
        ({"agency": "a" * 101}, "agency"),
        ({"agency": [f"a{i}" for i in range(21)]}, "agency"),
    ],
)
def test_bad_parameters_are_refused_with_a_bilingual_message(params, parameter):
    with pytest.raises(InvalidSearch) as caught:
        parse_request({"q": "thuế", **params})
    assert parameter in caught.value.errors
    assert " / " in caught.value.errors[parameter]


def test_unknown_values_are_refused_with_the_allowed_list():
    vocabulary = Vocabulary({"agency": {"quoc-hoi", "chinh-phu"}, "status": {"con-hieu-luc"}})
    with pytest.raises(InvalidSearch) as caught:
        parse_request({"q": "x", "agency": "bo-moi", "status": "con-hieu-luc"}, vocabulary)

    assert set(caught.value.errors) == {"agency"}
    assert caught.value.allowed == {"agency": ["chinh-phu", "quoc-hoi"]}


def test_every_bad_parameter_is_reported_at_once():
    with pytest.raises(InvalidSearch) as caught:
        parse_request({"size": "0", "page": "-2", "sort": "x"})
    assert set(caught.value.errors) == {"size", "page", "sort"}


def test_defaults():
    req = parse_request({})
    assert (req.kind, req.page, req.size, req.sort) == ("article", 1, 20, "relevance")
    assert req.filters == Filters() and req.query.is_empty


def test_a_reversed_year_range_is_searched_as_asked_with_a_warning():
    req = parse_request({"q": "thuế", "year_from": "2020", "year_to": "2019"})
    assert req.filters.range("year") == (2020, 2019)
    assert req.filters.reversed() == ["year"]
    assert any("year_to is before year_from" in note for note in req.warnings)


def test_the_largest_accepted_window():
    req = parse_request({"page": "100", "size": "100"})
    assert req.offset + req.size == 10_000


# ---- suggestions --------------------------------------------------------------------------


def test_suggestions_use_the_completion_field_with_a_bounded_prefix():
    body = suggest_body("x" * 5000 + "\u200b")
    completion = body["suggest"]["exact"]
    assert completion["completion"]["field"] == "suggest"
    assert len(completion["prefix"]) <= 100 and "\u200b" not in completion["prefix"]


def test_did_you_mean_asks_both_syllable_fields():
    body = did_you_mean_body("hằngg namm")
    fields = {s["phrase"]["field"] for s in body["suggest"].values()}
    assert fields == {"syllables", "syllables.folded"}
    assert body["size"] == 0
