"""Index definitions and entries: analyzers, synonyms, what an entry holds."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from regulations.importing import DocumentRecord, save_document
from regulations.parsers.types import ParsedNode
from search import health
from search.client import SearchUnavailable, alias, get_client
from search.indexes import create_index, mapping
from search.kinds.legal_documents import LEGAL_DOCUMENTS
from search.nlp.pipeline import to_index_text

pytestmark = pytest.mark.opensearch


def node(kind, label, text="", heading="", children=()):
    return ParsedNode(kind=kind, label=label, heading=heading, text=text, line=0, children=list(children))


def analyze(analyzer, text):
    answer = get_client().indices.analyze(index=alias("articles"), body={"analyzer": analyzer, "text": text})
    return [token["token"] for token in answer["tokens"]]


def search(field, query):
    get_client().indices.refresh(index=alias("articles"))
    body = {"query": {"match": {field: query}}}
    return [hit["_id"] for hit in get_client().search(index=alias("articles"), body=body)["hits"]["hits"]]


def entries(page):
    """The entries of one document as the outbox worker writes them, by kind."""
    return LEGAL_DOCUMENTS.build([page.pk])[page.pk]


def put_article(_id, text):
    get_client().index(
        index=alias("articles"),
        id=_id,
        body={"document_id": 1, "provision_id": 1, "text": text, "words": to_index_text(text)},
    )


def test_it_folds_diacritics_of_segmented_words(search_indexes):
    assert analyze("vi_words_folded", "thủ_tục") == ["thu_tuc"]
    assert analyze("vi_words", "Thủ_tục (TTHC), 45/2020/nđ-cp.") == [
        "thủ_tục",
        "tthc",
        "45/2020/nđ-cp",
    ]
    assert analyze("vi_syllables_folded", "Đăng ký kinh doanh") == ["dang", "ky", "kinh", "doanh"]


def test_it_expands_abbreviations_at_query_time_only(search_indexes):
    put_article("a1", "Cắt giảm thủ tục hành chính cho doanh nghiệp.")
    put_article("a2", "Thủ tục cấp giấy phép xây dựng.")

    for field in ("words", "words.folded", "syllables", "syllables.folded"):
        assert search(field, "tthc") == ["a1"], field
    assert "tthc" not in analyze("vi_words", "thủ_tục hành_chính")


def test_it_rejects_fields_outside_the_contract(search_indexes):
    with pytest.raises(Exception, match="strict_dynamic_mapping"):
        get_client().index(index=alias("documents"), id="d1", body={"unknown": 1})


def test_it_declares_the_contract_fields():
    articles, documents = mapping("articles")["properties"], mapping("documents")["properties"]

    assert {
        "provision_id",
        "document_id",
        "external_id",
        "anchor",
        "url",
        "article_number",
        "citation",
        "heading",
        "document_number",
        "number_key",
        "document_title",
        "doc_type",
        "legal_status",
        "agency",
        "fields",
        "agency_name",
        "year",
        "issued_date",
        "text",
        "words",
        "syllables",
        "citations",
        "suggest",
    } <= set(articles)
    assert {"title", "summary", "article_count", "url", "document_number"} <= set(documents)
    assert set(articles["words"]["fields"]) == {"folded"}
    # Syllables also as bigrams, accented and folded (test_ranking_corpus.py checks them in use).
    assert set(articles["syllables"]["fields"]) == {"folded", "bigrams", "bigrams_folded"}


def test_it_turns_client_errors_into_search_unavailable(search_indexes):
    with pytest.raises(SearchUnavailable, match="resource_already_exists"):
        create_index("articles", name=search_indexes[alias("articles")])


def test_it_tells_whether_opensearch_answers(opensearch, settings):
    health.reset()
    assert health.is_available()

    settings.OPENSEARCH_URL = "http://127.0.0.1:9"
    health.reset()
    assert not health.is_available()
    assert "did not answer" in health.status().detail


@pytest.mark.django_db
def test_it_indexes_the_top_level_units_of_a_letter_without_articles():
    letter = DocumentRecord(
        title="Công văn về việc cắt giảm thủ tục hành chính",
        doc_type="cong-van",
        number="1234/VPCP-KSTT",
        issuer="Văn phòng Chính phủ",
        issued_date=date(2024, 3, 1),
        nodes=[
            node(
                "part",
                "I",
                heading="TÌNH HÌNH THỰC HIỆN",
                children=[
                    node("clause", "1", "Các bộ đã rà soát 200 thủ tục."),
                ],
            ),
            node(
                "part",
                "II",
                heading="NHIỆM VỤ",
                children=[
                    node(
                        "clause",
                        "1",
                        "Tiếp tục cắt giảm theo Nghị quyết số 68/NQ-CP.",
                        children=[
                            node("bullet", "-", "báo cáo trước ngày 15."),
                        ],
                    ),
                ],
            ),
        ],
    )
    page = save_document(letter).page

    built = entries(page)
    articles = built["articles"]

    assert [(e["kind"], e["article_number"], e["anchor"]) for e in articles] == [
        ("part", "I", "phan-i"),
        ("part", "II", "phan-ii"),
    ]
    assert articles[1]["text"].splitlines() == [
        "NHIỆM VỤ",
        "1. Tiếp tục cắt giảm theo Nghị quyết số 68/NQ-CP.",
        "- báo cáo trước ngày 15.",
    ]
    assert articles[1]["citations"] == ["68/NQ-CP"]
    (document,) = built["documents"]
    assert document["article_count"] == 2
    assert document["citations"] == ["68/NQ-CP"]  # what its articles cite


@pytest.mark.django_db
def test_it_reads_documents_in_the_same_number_of_queries_whatever_their_size_and_number():
    def decree(number, articles):
        return save_document(
            DocumentRecord(
                title=f"Nghị định {number}",
                doc_type="nghi-dinh",
                number=number,
                issuer="Chính phủ",
                nodes=[
                    node(
                        "article",
                        str(i),
                        heading=f"Điều khoản {i}",
                        children=[
                            node("clause", "1", "Nội dung."),
                            node("clause", "2", "Nội dung khác."),
                        ],
                    )
                    for i in range(1, articles + 1)
                ],
            )
        ).page

    small, large = decree("01/2020/NĐ-CP", 2), decree("02/2020/NĐ-CP", 40)
    entries(small)  # fills the site's URL cache
    counts = []
    for ids in ([small.pk], [large.pk], [small.pk, large.pk]):
        with CaptureQueriesContext(connection) as queries:
            built = LEGAL_DOCUMENTS.prepare(ids)
        counts.append(len(queries))

    assert [len(built[pk]["articles"]) for pk in (small.pk, large.pk)] == [2, 40]
    assert counts[0] == counts[1] == counts[2]
