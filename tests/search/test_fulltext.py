"""The database's own text search behind the fallback (search/fulltext.py): PostgreSQL here
(the suite's database), diacritics folded on both sides, kept in step with the provisions by
triggers; the SQLite queries are checked as text (a real SQLite run: tests/search/test_tasks.py)."""

from datetime import date

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from regulations.importing import save_document
from regulations.models import Provision
from search import fulltext
from search.fallback import database_search
from search.request import parse_request
from tests.search.test_api import GOLD, LABOUR, TOURISM, node, record


def _found(terms):
    found = fulltext.provision_candidates(terms, 100, within=Provision.objects.all())
    assert found is not None, "the database has no text search"
    return set(Provision.objects.filter(pk__in=found).values_list("heading", flat=True))


@pytest.fixture
def documents(db):
    for item in (GOLD, TOURISM, LABOUR):
        save_document(item)


def test_the_migrated_database_has_its_text_search(db):
    fulltext.forget()
    assert fulltext.available()
    assert fulltext.ensure() == "present"


@pytest.mark.parametrize("typed", ["nghỉ hằng năm", "nghi hang nam", "NGHỈ HẰNG NĂM", "nghỉ hàng năm"])
def test_it_finds_a_phrase_with_or_without_diacritics(documents, typed):
    found = _found([typed])

    assert "Nghỉ hằng năm" in found
    assert "Kinh doanh dịch vụ lữ hành" not in found


def test_d_and_dd_are_one_letter(documents):
    assert "Điều kiện kinh doanh dịch vụ lữ hành" in _found(["dieu kien"])
    assert "Điều kiện kinh doanh dịch vụ lữ hành" in _found(["điều kiện"])


def test_it_follows_edits_and_deletions(documents):
    provision = Provision.objects.get(heading="Ký quỹ kinh doanh dịch vụ lữ hành")
    assert not _found(["bảo lãnh"])

    provision.text = "Doanh nghiệp có thể thay ký quỹ bằng bảo lãnh của ngân hàng."
    provision.save()
    assert _found(["bao lanh"]) == {"Ký quỹ kinh doanh dịch vụ lữ hành"}

    provision.delete()
    assert not _found(["bao lanh"])


def test_a_query_is_only_words_whatever_was_typed():
    assert fulltext.tsquery(["thủ tục", "'; DROP TABLE x; --", "Đăng ký"]) == (
        "('thu' <-> 'tuc') | ('drop' <-> 'table' <-> 'x') | ('dang' <-> 'ky')"
    )
    assert fulltext.tsquery(["()*&|!"]) == ""


def test_sqlite_is_asked_both_spellings_of_d():
    assert fulltext.fts5_query(["đăng ký", "vàng"]) == '("dang ky" OR "đang ky") OR ("vang")'
    assert fulltext.fts5_query(['a" OR "b']) == '("a or b")'
    long_phrase = "dân dụng đô đốc đê điều"
    query = fulltext.fts5_query([long_phrase])
    assert query.count('"') <= 40 and " AND " in query  # too many spellings: the words, each either way


def test_a_rare_word_is_found_through_the_gin_index(documents):
    """The candidates' condition (``vector @@`` the query ``tsquery`` builds) can use the GIN
    index on the stored vectors. Sequential and plain index scans are off: on three documents
    the planner would rightly read the tables instead (on the 5,000-article bench database it
    takes the index by itself for a rare word: docs/benchmarks.md)."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute(
            f"EXPLAIN SELECT provision_id FROM {fulltext.PG_TABLE} WHERE vector @@ to_tsquery('simple', %s)",
            [fulltext.tsquery(["ký quỹ"])],
        )
        plan = "\n".join(row[0] for row in cursor.fetchall())

    assert f"Bitmap Index Scan on {fulltext.PG_INDEX}" in plan


def test_the_fallback_reads_the_tree_in_as_many_queries_whatever_its_depth(db):
    """A match in a point (three levels below its article) costs no more queries than one in an
    article's heading: the tree is read with recursive queries (search/provision_tree.py), not
    level by level."""
    deep = record(
        "01/2020/TT-BTC",
        "Thông tư thử nghiệm",
        "Bộ Tài chính",
        date(2020, 1, 1),
        "thong-tu",
        [
            node(
                "article",
                "1",
                heading="Phạm vi điều chỉnh",
                children=[
                    node(
                        "clause",
                        "1",
                        "Khoản một.",
                        children=[node("point", "a", "Điểm về thẩm định giá tài sản.")],
                    )
                ],
            )
        ],
        slug="01-2020-tt-btc",
    )
    for item in (TOURISM, deep):
        save_document(item)

    def queries(q):
        request = parse_request({"q": q})
        with CaptureQueriesContext(connection) as sent:
            result = database_search(request)
        return len(sent.captured_queries), [hit.title for hit in result.hits]

    queries("lữ hành")  # once: what a process asks only once (the text search's presence) is asked
    shallow_count, shallow = queries("ký quỹ")
    deep_count, found = queries("thẩm định giá")

    assert shallow[0] == "Điều 32. Ký quỹ kinh doanh dịch vụ lữ hành"
    assert found == ["Điều 1. Phạm vi điều chỉnh"]
    assert deep_count == shallow_count
