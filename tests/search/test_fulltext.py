"""The database's own text search behind the fallback (search/fulltext.py): PostgreSQL here
(the suite's database), diacritics folded on both sides, kept in step with the provisions by
triggers; the SQLite queries are checked as text (a real SQLite run: tests/search/test_tasks.py)."""

import pytest

from regulations.importing import save_document
from regulations.models import Provision
from search import fulltext
from tests.search.test_api import GOLD, LABOUR, TOURISM


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
