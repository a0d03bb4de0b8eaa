import pytest

from tests.regulations.builders import make_document

pytestmark = pytest.mark.django_db


@pytest.fixture
def library():
    make_document()
    make_document(
        number="47/2010/QH12",
        title="Luật Các tổ chức tín dụng 2010",
        issuer="Quốc hội",
        doc_type="luat",
        fields=["Tài chính, ngân hàng"],
    )
    make_document(
        number="50/2014/QH13",
        title="Luật Xây dựng 2014",
        issuer="Quốc hội",
        doc_type="luat",
        fields=["Xây dựng"],
        legal_status="het-hieu-luc-mot-phan",
    )


def test_it_lists_and_filters_by_type_agency_field_status_and_year(client, library):
    def titles(query: str) -> str:
        return client.get(f"/van-ban/?{query}").content.decode()

    assert "Luật Xây dựng 2014" in titles("") and "Nghị định 24/2012" in titles("")
    assert "Nghị định 24/2012" not in titles("type=luat")
    assert "Luật Xây dựng" not in titles("agency=chinh-phu")
    assert "Luật Xây dựng 2014" in titles("field=xay-dung") and "tín dụng" not in titles("field=xay-dung")
    assert "Luật Xây dựng 2014" in titles("status=het-hieu-luc-mot-phan")
    assert "Luật Xây dựng" not in titles("status=con-hieu-luc")


def test_it_reports_invalid_filters_instead_of_failing(client, library):
    response = client.get("/van-ban/?type=khong-ton-tai&year=abc&page=-3")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Loại văn bản không hợp lệ" in html
    assert "Năm không hợp lệ" in html


def test_it_serves_a_sitemap_of_published_documents(client, library):
    sitemap = client.get("/sitemap.xml").content.decode()
    assert sitemap.count("<url>") == 3
    assert "/van-ban/quoc-hoi/50-2014-qh13/" in sitemap
