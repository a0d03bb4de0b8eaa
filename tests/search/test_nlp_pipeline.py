"""search.nlp.pipeline and segment: one analysis for index and query (no Django)."""

from functools import partial

from regulations.legaltext.abbreviations import ABBREVIATIONS, expansions_of
from regulations.legaltext.recognizers import ARTICLE_REF, LEGAL_REF
from search.nlp.pipeline import analyze, analyze_query, to_index_text
from search.nlp.segment import segment
from search.nlp.synonyms import SYNONYMS_VERSION, opensearch_synonym_rules


def test_it_segments_words_with_underscores_in_lower_case() -> None:
    assert segment("Thủ tục hành chính") == ["thủ_tục", "hành_chính"]


def test_it_drops_punctuation() -> None:
    words = segment("Cộng hòa xã hội chủ nghĩa Việt Nam. Độc lập - Tự do - Hạnh phúc!")
    assert words[-3:] == ["độc_lập", "tự_do", "hạnh_phúc"]
    assert all(w.strip(".,-!") == w for w in words)


def test_it_keeps_each_document_number_as_one_token() -> None:
    words = segment("Theo Nghị định số 45/2020/NĐ-CP và Quyết định 468 /QĐ-TTg.")
    assert "45/2020/nđ-cp" in words
    assert "468/qđ-ttg" in words
    assert "45/2020" not in words


def test_it_gives_the_same_number_token_to_a_number_typed_without_accents() -> None:
    assert "45/2020/nđ-cp" in segment("nghi dinh 45/2020/ND-CP")


def test_it_adds_the_number_of_a_document_cited_by_name() -> None:
    assert segment("Điều 31 Luật Du lịch") == ["điều", "31", "luật", "du_lịch", "09/2017/qh14"]
    assert "45/2019/qh14" in segment("dieu 113 BLLD")
    assert "24/2012/nđ-cp" in segment("Điều 11 NĐ 24/2012")


def test_it_can_leave_out_the_numbers_of_documents_cited_by_name() -> None:
    assert "09/2017/qh14" not in segment("Luật Du lịch", expand_citations=False)


def test_it_does_not_join_words_across_lines() -> None:
    assert segment("Hà\nNội") == ["hà", "nội"]


def test_it_normalises_before_segmenting() -> None:
    assert segment("Cộng hoà\u200b") == segment("Cộng hòa")


def test_it_analyses_text_into_words_folded_words_and_entities() -> None:
    analysis = analyze("Thủ tục hành chính theo điểm a khoản 2 Điều 5 Nghị định 45/2020/NĐ-CP.")
    assert analysis.normalized == "Thủ tục hành chính theo điểm a khoản 2 Điều 5 Nghị định 45/2020/NĐ-CP."
    assert analysis.words[:2] == ["thủ_tục", "hành_chính"]
    assert analysis.words_folded[:2] == ["thu_tuc", "hanh_chinh"]
    assert "45/2020/nd-cp" in analysis.words_folded
    assert len(analysis.words) == len(analysis.words_folded)
    labels = [(e.label, e.number) for e in analysis.entities]
    assert labels == [(ARTICLE_REF, "45/2020/NĐ-CP"), (LEGAL_REF, "45/2020/NĐ-CP")]


def test_it_analyses_queries_with_the_same_function_as_indexed_text() -> None:
    assert analyze_query is analyze
    text = "thủ tục cấp giấy phép kinh doanh rượu theo Nghị định 105/2017/NĐ-CP"
    assert analyze_query(text) == analyze(text)


def test_it_gives_a_query_the_tokens_of_the_indexed_text() -> None:
    indexed = analyze("Điều 3. Thủ tục hành chính về đăng ký kinh doanh theo Luật Doanh nghiệp.")
    query = analyze_query("thủ tục hành chính Luật Doanh nghiệp")
    assert set(query.words) <= set(indexed.words)


def test_it_gives_a_query_without_accents_the_folded_syllables_of_the_text() -> None:
    # underthesea's model was trained on accented text, so words of a query typed without
    # accents may be cut differently; the citation token and the syllables still agree.
    indexed = analyze("Nghị định 45/2020/NĐ-CP về thủ tục hành chính")
    query = analyze_query("nghi dinh 45/2020/nd-cp ve thu tuc hanh chinh")
    assert "45/2020/nd-cp" in query.words_folded
    assert "45/2020/nd-cp" in indexed.words_folded

    def syllables(words: list[str]) -> list[str]:
        return [s for w in words for s in w.split("_")]

    assert syllables(query.words_folded) == syllables(indexed.words_folded)


def test_it_joins_words_with_spaces_for_the_index() -> None:
    assert to_index_text("Thủ tục hành chính, 45/2020/NĐ-CP") == "thủ_tục hành_chính 45/2020/nđ-cp"


def test_it_analyses_empty_text() -> None:
    analysis = analyze(" \u200b ")
    assert (analysis.normalized, analysis.words, analysis.entities) == ("", [], [])
    assert to_index_text("") == ""


def test_it_versions_the_synonyms() -> None:
    assert SYNONYMS_VERSION == 1
    assert len({a.short for a in ABBREVIATIONS}) == len(ABBREVIATIONS)


def test_it_expands_abbreviations_typed_any_way() -> None:
    assert expansions_of("TTHC") == ("thủ tục hành chính",)
    assert expansions_of("tthc") == ("thủ tục hành chính",)
    assert expansions_of("dkkd") == ("đăng ký kinh doanh", "điều kiện kinh doanh")
    assert expansions_of("BLLD") == ("bộ luật lao động",)
    assert expansions_of("UBND") == ("ủy ban nhân dân",)
    assert expansions_of("không phải viết tắt") == ()


def test_it_writes_opensearch_synonym_rules_with_and_without_diacritics() -> None:
    rules = opensearch_synonym_rules()
    assert "tthc, thủ tục hành chính" in rules
    assert "tthc, thu tuc hanh chinh" in rules
    assert "hđkd, hoạt động kinh doanh" in rules
    assert "hdkd, hoat dong kinh doanh" in rules
    assert "đkkd => đkkd, đăng ký kinh doanh, điều kiện kinh doanh" in rules
    assert "pakn, phản ánh kiến nghị" in rules
    assert "tt => tt, thông tư" in rules
    assert len(rules) == len(set(rules))
    assert all(rule == rule.lower() for rule in rules)


def test_it_writes_synonym_rules_in_segmented_form_for_a_whitespace_analyzer() -> None:
    rules = opensearch_synonym_rules(segmenter=partial(segment, expand_citations=False))
    assert "tthc, thủ_tục hành_chính" in rules
    assert "tthc, thu_tuc hanh_chinh" in rules
