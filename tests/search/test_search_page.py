"""The search page /tim-kiem/: a GET form that works without JavaScript, upgraded by HTMX."""

import re
from html.parser import HTMLParser

import pytest

from tests.search.test_api import library, module_indexes, urlpatterns  # noqa: F401 - fixtures, URLconf

pytestmark = [
    pytest.mark.opensearch,
    pytest.mark.django_db,
    pytest.mark.urls("tests.search.test_api"),
    pytest.mark.usefixtures("library"),
]

PAGE = "/tim-kiem/"
HTMX = {"HTTP_HX_REQUEST": "true"}


class Elements(HTMLParser):
    """Every start tag with its attributes, and the text of <label>s, in document order."""

    def __init__(self, html):
        super().__init__()
        self.tags = []
        self.labels = {}
        self._label_for = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if tag == "label":
            self._label_for = attributes.get("for") or "_wrapping"
            self.labels.setdefault(self._label_for, "")

    def handle_endtag(self, tag):
        if tag == "label":
            self._label_for = None

    def handle_data(self, data):
        if self._label_for:
            self.labels[self._label_for] += data

    def find(self, tag, **wanted):
        return [a for t, a in self.tags if t == tag and all(a.get(k) == v for k, v in wanted.items())]


def page(client, **params):
    response = client.get(PAGE, params)
    assert response.status_code == 200
    return response.content.decode()


def test_it_is_a_labelled_get_form_that_htmx_upgrades(client):
    html = page(client, q="vàng")
    dom = Elements(html)

    (form,) = dom.find("form", id="search-form")
    assert form["method"] == "get" and form["action"] == PAGE and form["role"] == "search"
    assert form["hx-get"] == PAGE
    assert form["hx-target"] == "#search-results"
    assert form["hx-push-url"] == "true"
    assert form["hx-trigger"] == "change, submit"
    assert dom.find("div", id="search-results")
    assert dom.find("script", src="/static/search/htmx.min.js")
    assert dom.find("link", href="/static/search/search.css")
    # Every input and select is labelled.
    for tag in ("input", "select"):
        for element in dom.find(tag):
            if element.get("type") in ("hidden", "radio"):
                continue
            assert element.get("id") in dom.labels, element
            assert dom.labels[element["id"]].strip(), element
    assert dom.find("main") and dom.find("nav")
    (status,) = dom.find("p", id="search-status")
    assert status["aria-live"] == "polite"


def test_results_show_highlights_with_diacritics_for_a_query_without(client):
    html = page(client, q="vang trang suc")

    assert "<mark>vàng</mark>" in html
    assert "<mark>trang sức</mark>" in html or "<mark>trang</mark> <mark>sức</mark>" in html
    assert 'href="/van-ban/chinh-phu/24-2012-nd-cp/#dieu-11"' in html
    assert re.search(r"\d+ kết quả", html)


def test_filters_list_facet_values_with_counts_and_keep_the_selection(client):
    html = page(client, q="kinh doanh", agency="quoc-hoi")
    dom = Elements(html)

    options = {o["value"]: o for o in dom.find("option") if o.get("value")}
    assert "selected" in options["quoc-hoi"]
    assert "chinh-phu" in options  # the other agencies stay selectable
    assert re.search(r"Quốc hội \(\d+\)", html)
    assert re.search(r"Chính phủ \(\d+\)", html)
    assert "24/2012/NĐ-CP" not in html.split('id="results-title"')[1]


def test_htmx_requests_get_only_the_results_region(client):
    response = client.get(PAGE, {"q": "vàng"}, **HTMX)

    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html and 'id="search-form"' not in html
    assert 'id="results-title"' in html
    assert 'hx-swap-oob="innerHTML"' in html  # the live count is updated in place
    assert "HX-Request" in response["Vary"]


def test_a_history_restore_gets_the_whole_page(client):
    response = client.get(PAGE, {"q": "vàng"}, HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true")
    assert "<html" in response.content.decode()


def test_pagination_links_keep_the_search(client):
    html = page(client, q="kinh doanh", size=2, sort="date")
    dom = Elements(html)

    (nxt,) = dom.find("a", rel="next")
    assert "q=kinh+doanh" in nxt["href"] and "page=2" in nxt["href"] and "sort=date" in nxt["href"]
    (nav,) = [a for t, a in dom.tags if t == "nav" and a.get("hx-boost") == "true"]
    second = page(client, q="kinh doanh", size=2, sort="date", page=2)
    assert 'rel="prev"' in second


def test_without_a_query_it_shows_the_form_and_every_filter_value(client):
    html = page(client)
    dom = Elements(html)

    assert dom.find("input", id="search-q")
    values = {o["value"] for o in dom.find("option")}
    assert {"quoc-hoi", "chinh-phu", "luat", "con-hieu-luc"} <= values
    assert "Nhập từ khóa để tìm" in html


def test_invalid_filters_are_named_and_ignored(client):
    html = page(client, q="vàng", agency="khong-co", size="100000", year_from="1800")

    assert 'role="alert"' in html
    assert "khong-co" in html and "1945" in html
    assert "<mark>vàng</mark>" in html.lower() or "<mark>Vàng</mark>" in html


@pytest.mark.parametrize("q", ['"(*~\\/:[', '"vàng', "\u200b\x00", "x" * 10_000, "Điều 11 NĐ 24/2012"])
def test_odd_queries_render(client, q):
    html = page(client, q=q)
    assert 'id="search-results"' in html


def test_a_citation_is_shown_first_and_marked(client):
    html = page(client, q="Điều 31 Luật Du lịch")

    first = html.split('class="result-item')[1]
    assert "result-pinned" in first[:30]
    assert "Điều 31" in first


def test_did_you_mean_links_to_the_corrected_search(client):
    html = page(client, q="hằngg namm")

    assert "Có phải bạn muốn tìm" in html
    assert "q=h%E1%BA%B1ng+n%C4%83m" in html


def test_the_search_box_offers_suggestions_as_options(client):
    response = client.get("/tim-kiem/goi-y/", {"q": "luat du"}, **HTMX)

    assert response.status_code == 200
    assert '<option value="Luật Du lịch"></option>' in response.content.decode()
