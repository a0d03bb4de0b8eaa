"""The site shell: home page, robots.txt, health check, the 404 page and the language switch."""

import pytest

from tests.regulations.builders import make_document

pytestmark = pytest.mark.django_db


def test_it_has_the_home_page_at_the_site_root_as_soon_as_the_database_is_migrated(visitor):
    from wagtail.models import Site

    from portal.models import HomePage

    assert Site.objects.get(is_default_site=True).root_page.specific_class is HomePage
    html = visitor.get("/").content.decode()
    assert 'role="search"' in html and "Cổng tham vấn" in html


def test_home_page_shows_newest_documents_fields_and_agencies(visitor):
    make_document(
        number="50/2014/QH13", title="Luật Xây dựng 2014", issuer="Quốc hội", doc_type="luat", fields=["Xây dựng"]
    )
    html = visitor.get("/").content.decode()
    assert "Luật Xây dựng 2014" in html
    assert "Xây dựng" in html and "Quốc hội" in html


def test_it_puts_the_library_under_the_home_page(visitor):
    page = make_document()
    assert page.url.startswith("/van-ban/")
    assert visitor.get("/van-ban/").status_code == 200


def test_robots_txt_keeps_crawlers_out_of_the_admin_and_points_at_the_sitemap(visitor):
    response = visitor.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    robots = response.content.decode()
    assert "Disallow: /quan-tri/" in robots
    assert "Sitemap: http://testserver/sitemap.xml" in robots


def test_the_health_check_answers_when_the_database_does(visitor):
    response = visitor.get("/healthz")
    assert response.status_code == 200 and response.json() == {"status": "ok"}


def test_it_answers_unknown_urls_with_a_vietnamese_404(visitor):
    make_document()
    response = visitor.get("/van-ban/khong-co-trang-nay/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "Không tìm thấy trang" in body and 'href="/van-ban/"' in body


def test_it_speaks_vietnamese_first_and_english_once_chosen(visitor):
    first = visitor.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert '<html lang="vi">' in first.content.decode()  # the browser's language alone does not switch

    switched = visitor.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert switched.status_code == 302

    again = visitor.get("/").content.decode()
    assert '<html lang="en">' in again
    assert "Không tìm thấy trang" not in visitor.get("/khong-co/").content.decode()


def test_the_admin_dashboard_asks_no_third_party_for_wagtail_upgrades(client, admin_user):
    client.force_login(admin_user)
    response = client.get("/quan-tri/")
    dashboard = response.content.decode()
    assert response.status_code == 200 and "Tìm trong mọi trang…" in dashboard
    assert 'data-controller="w-upgrade' not in dashboard
