import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from regulations.importing import RelationRecord
from regulations.models import RelationKind
from tests.regulations.builders import make_document

pytestmark = pytest.mark.django_db


def test_it_shows_metadata_status_toc_text_and_anchors(client):
    page = make_document(articles=3)

    response = client.get(page.url)

    assert response.status_code == 200
    html = response.content.decode()
    assert "24/2012/NĐ-CP" in html
    assert "Chưa xác minh" in html
    assert 'id="dieu-2"' in html
    assert 'id="dieu-2-khoan-1"' in html
    assert 'id="dieu-2-khoan-1-diem-a"' in html
    assert 'href="#dieu-3"' in html  # table of contents
    assert "Nội dung khoản 1 Điều 2 về thủ tục hành chính." in html


def test_it_shows_relations_from_both_sides(client):
    law = make_document(
        number="47/2010/QH12", title="Luật Các tổ chức tín dụng 2010", issuer="Quốc hội", doc_type="luat"
    )
    decree = make_document(relations=[RelationRecord(RelationKind.BASIS, "47/2010/QH12", "Luật TCTD")])

    decree_html = client.get(decree.url).content.decode()
    law_html = client.get(law.url).content.decode()

    assert "Căn cứ" in decree_html and f'href="{law.url}"' in decree_html
    assert "Là căn cứ của" in law_html and f'href="{decree.url}"' in law_html


def _query_count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_it_renders_with_the_same_number_of_queries_for_3_or_300_articles(client):
    relations = [RelationRecord(RelationKind.REFERS, f"{n}/2020/NĐ-CP", "x") for n in range(1, 30)]
    small = make_document(number="1/2021/NĐ-CP", title="Nghị định nhỏ", articles=3)
    large = make_document(number="2/2021/NĐ-CP", title="Nghị định lớn", articles=300, relations=relations)
    make_document(
        number="3/2021/NĐ-CP",
        title="Nghị định dẫn chiếu",
        relations=[RelationRecord(RelationKind.REFERS, "2/2021/NĐ-CP", "lớn")],
    )
    _query_count(client, small.url)  # warm caches (site root paths)

    assert _query_count(client, large.url) == _query_count(client, small.url)
    assert 'id="dieu-300-khoan-2-diem-a"' in client.get(large.url).content.decode()


def test_it_redirects_stable_short_links_to_the_document_and_article(client):
    page = make_document()
    assert client.get("/vb/24-2012-nd-cp/").url == page.url
    assert client.get("/vb/24-2012-nd-cp/dieu-2-khoan-1/").url == f"{page.url}#dieu-2-khoan-1"
    assert client.get("/vb/24-2012-nd-cp/dieu-99/").status_code == 404
