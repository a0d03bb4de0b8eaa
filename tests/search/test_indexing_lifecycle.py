"""A document's life in the search indexes: publish, edit, unpublish, delete, rebuild."""

from datetime import date

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from regulations.importing import DocumentRecord, save_document
from regulations.models import LegalDocumentPage
from regulations.parsers.types import ParsedNode
from search.client import alias
from search.indexes import alias_targets
from search.models import IndexRequest
from search.search_index import MAPPING_VERSION
from search.tasks import drain

pytestmark = [
    pytest.mark.opensearch,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

NUMBER = "24/2012/NĐ-CP"


def node(kind, label, text="", heading="", children=()):
    return ParsedNode(kind=kind, label=label, heading=heading, text=text, line=0, children=list(children))


def gold_decree(*, article_2_text="Doanh nghiệp kinh doanh vàng phải có giấy phép.", with_article_3=True):
    articles = [
        node(
            "article",
            "1",
            heading="Phạm vi điều chỉnh",
            children=[
                node(
                    "clause",
                    "1",
                    "Nghị định này quy định về hoạt động kinh doanh vàng.",
                    children=[
                        node("point", "a", "sản xuất vàng trang sức, mỹ nghệ;"),
                    ],
                ),
                node("clause", "2", "Thủ tục hành chính theo Nghị định số 45/2020/NĐ-CP."),
            ],
        ),
        node("article", "2", heading="Điều kiện kinh doanh", text=article_2_text),
    ]
    if with_article_3:
        articles.append(
            node(
                "article",
                "3",
                heading="Hiệu lực thi hành",
                text="Nghị định này có hiệu lực từ ngày 25 tháng 5 năm 2012.",
            )
        )
    return DocumentRecord(
        title="Nghị định về quản lý hoạt động kinh doanh vàng",
        doc_type="nghi-dinh",
        number=NUMBER,
        summary="về quản lý hoạt động kinh doanh vàng",
        issuer="Chính phủ",
        issued_date=date(2012, 4, 3),
        fields=["Tài chính, ngân hàng"],
        nodes=[node("chapter", "I", heading="Quy định chung", children=articles)],
    )


def find(kind, query):
    client = alias(kind)
    from search.client import get_client

    get_client().indices.refresh(index=client)
    return get_client().search(index=client, body={"query": query, "size": 100})["hits"]["hits"]


def by_number(kind, number=NUMBER):
    return find(kind, {"term": {"document_number": number}})


def test_it_indexes_a_published_document_through_the_outbox(search_indexes):
    page = save_document(gold_decree()).page

    assert list(IndexRequest.objects.values_list("kind", "object_id", "action")) == [
        ("articles", page.pk, "index"),
        ("documents", page.pk, "index"),
    ]
    assert DBTaskResult.objects.filter(task_path="search.tasks.drain_index_queue").exists()

    result = drain()

    assert (result.indexed, result.entries, result.remaining) == (1, {"articles": 3, "documents": 1}, 0)
    articles = sorted(by_number("articles"), key=lambda hit: hit["_source"]["position"])
    assert [hit["_source"]["article_number"] for hit in articles] == ["1", "2", "3"]
    first = articles[0]["_source"]
    assert articles[0]["_id"] == f"a{first['provision_id']}"
    assert first["text"].splitlines() == [
        "Phạm vi điều chỉnh",
        "1. Nghị định này quy định về hoạt động kinh doanh vàng.",
        "a) sản xuất vàng trang sức, mỹ nghệ;",
        "2. Thủ tục hành chính theo Nghị định số 45/2020/NĐ-CP.",
    ]
    assert first["citations"] == ["45/2020/NĐ-CP"]
    assert first["url"] == f"{page.url}#dieu-1"
    assert (first["agency"], first["fields"], first["year"]) == (
        page.issuing_agency.slug,
        ["tai-chinh-ngan-hang"],
        2012,
    )
    documents = by_number("documents")
    assert [hit["_id"] for hit in documents] == [f"d{page.pk}"]
    assert documents[0]["_source"]["article_count"] == 3
    assert find("articles", {"match": {"words": "thủ_tục"}})[0]["_id"] == articles[0]["_id"]


def test_it_reindexes_edits_and_drops_removed_articles(search_indexes):
    page = save_document(gold_decree()).page
    drain()

    save_document(gold_decree(article_2_text="Doanh nghiệp phải có vốn điều lệ 100 tỷ đồng.", with_article_3=False))
    result = drain()

    assert result.indexed == 1
    texts = {hit["_source"]["article_number"]: hit["_source"]["text"] for hit in by_number("articles")}
    assert sorted(texts) == ["1", "2"]
    assert "vốn điều lệ 100 tỷ đồng" in texts["2"]
    assert by_number("documents")[0]["_source"]["article_count"] == 2
    assert not IndexRequest.objects.filter(object_id=page.pk).exists()


def test_it_removes_an_unpublished_document(search_indexes):
    page = save_document(gold_decree()).page
    drain()

    page.unpublish()

    assert set(IndexRequest.objects.filter(object_id=page.pk).values_list("kind", "action")) == {
        ("articles", "delete"),
        ("documents", "delete"),
    }
    result = drain()
    assert result.deleted == 1
    assert by_number("articles") == []
    assert by_number("documents") == []


def test_it_removes_a_deleted_document(search_indexes):
    page = save_document(gold_decree()).page
    drain()

    LegalDocumentPage.objects.get(pk=page.pk).delete()

    assert set(IndexRequest.objects.filter(object_id=page.pk).values_list("kind", "action")) == {
        ("articles", "delete"),
        ("documents", "delete"),
    }
    drain()
    assert by_number("articles") == []
    assert by_number("documents") == []


def test_it_rebuilds_into_a_new_index_behind_the_alias(search_indexes, opensearch):
    save_document(gold_decree())
    other = gold_decree(with_article_3=False)
    other.number, other.title = "01/2021/NĐ-CP", "Nghị định về đăng ký doanh nghiệp"
    save_document(other)
    drain()
    before = {kind: alias_targets(kind) for kind in ("articles", "documents")}
    save_document(gold_decree(article_2_text="Sửa đổi trước khi dựng lại."))  # still queued

    call_command("search_reindex", "--no-progress", "--workers", "2")

    for kind, expected in (("articles", 5), ("documents", 2)):
        targets = alias_targets(kind)
        assert len(targets) == 1 and targets != before[kind]
        assert targets[0].startswith(f"{alias(kind)}-v{MAPPING_VERSION}-")
        assert not opensearch.indices.exists(index=before[kind][0])
        assert opensearch.count(index=alias(kind))["count"] == expected
    assert IndexRequest.objects.count() == 0
    assert any("Sửa đổi trước khi dựng lại" in hit["_source"]["text"] for hit in by_number("articles"))
