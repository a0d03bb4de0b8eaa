"""The search page /tim-kiem/ in a real browser (issue 3, "Done when"): a query typed without
diacritics, an agency filter, the highlighted article opened at its anchor; with HTMX, without
JavaScript, and answered from the database when OpenSearch is unreachable.

Data: the demo library from the shared corpus (regulations.demo.load_demo), indexed into this
session's OpenSearch indexes by draining the outbox in a fixture, before Chromium starts (see
tests/browser/conftest.py: the test body must not touch the database).
"""

import re

import pytest
from playwright.sync_api import expect

from .conftest import DESKTOP

pytestmark = [
    pytest.mark.browser,
    pytest.mark.opensearch,
    # serialized_rollback restores Wagtail's root page, which the live server's flush removes.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PAGE = "/tim-kiem/"
QUERY = "kinh doanh vang mieng"  # no diacritics: "kinh doanh vàng miếng"
AGENCY = "chinh-phu"  # Chính phủ: Nghị định 24/2012/NĐ-CP on gold trading
DECREE_PATH = "/van-ban/chinh-phu/24-2012-nd-cp/"
NOTICE = "Tìm kiếm nâng cao tạm thời không khả dụng; kết quả từ cơ sở dữ liệu"
CLOSED_PORT = "http://127.0.0.1:9"  # discard port: nothing listens, the connection is refused
RESULTS_HEADING = re.compile(r"^\d+ kết quả$")


@pytest.fixture
def indexed_library(library, opensearch, search_index_prefix):
    """The demo library, also in OpenSearch: this session's indexes are rebuilt empty and the
    outbox written by the import is drained synchronously (what the worker does)."""
    from search import health
    from search.tasks import drain

    opensearch.indices.delete(index=f"{search_index_prefix}-*", ignore=404)
    health.reset()
    result = drain(ignore_backoff=True, reschedule=False)
    assert not result.failed and result.remaining == 0, result
    opensearch.indices.refresh(index=f"{search_index_prefix}-*")
    health.reset()
    return library


@pytest.fixture
def no_js(chromium):
    """A desktop tab with JavaScript disabled: the search form is a plain GET form."""
    context = chromium.new_context(viewport=DESKTOP, locale="vi-VN", java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def expect_param(tab, name: str, value: str) -> None:
    """Wait until the address has ``name=value`` in its query string (decoded)."""
    tab.wait_for_function(
        "([name, value]) => new URLSearchParams(location.search).getAll(name).includes(value)",
        arg=[name, value],
    )


def in_viewport(tab, selector: str) -> bool:
    return tab.locator(selector).evaluate(
        "el => { const r = el.getBoundingClientRect(); return r.top > -1 && r.top < window.innerHeight; }"
    )


def results_heading(tab):
    return tab.locator("#search-results h2#results-title")


def hit_agencies(tab) -> list[str]:
    """The issuing agency of each hit: the last Vietnamese-language item of its details."""
    return tab.locator(".result-item .meta").evaluate_all(
        "metas => metas.map(m => Array.from(m.querySelectorAll('span[lang=vi]')).pop())"
        ".map(s => s ? s.textContent.trim() : '')"
    )


def wait_for_htmx(tab) -> None:
    """Until no HTMX request is running, swapping or settling."""
    tab.wait_for_function("() => !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling')")


def marked_hit(tab):
    """The first hit whose highlight marks "vàng", with its diacritics, though the query had none."""
    hit = tab.locator(".result-item").filter(has=tab.locator(".snippet mark", has_text=re.compile("^vàng$", re.I)))
    expect(hit.first).to_be_visible()
    return hit.first


def open_hit_and_check_the_article(tab, hit, base_url: str) -> None:
    """Follow the hit's title to the document page: at the article's #dieu-N, shown on screen."""
    link = hit.locator(".result-title a")
    title = link.inner_text()
    href = link.get_attribute("href")
    match = re.fullmatch(re.escape(DECREE_PATH) + r"#(dieu-(\d+))", href or "")
    assert match, f"the hit links to {href!r}, not an article of {DECREE_PATH}"
    anchor, number = match.groups()
    assert title.startswith(f"Điều {number}"), title

    link.click()
    tab.wait_for_url(re.compile(re.escape(base_url + DECREE_PATH) + "#" + anchor + "$"))

    assert tab.evaluate("location.hash") == f"#{anchor}"
    article = tab.locator(f"#{anchor}")
    expect(article).to_be_visible()
    assert in_viewport(tab, f"#{anchor}"), f"#{anchor} is not on screen"
    assert article.locator("h3").first.inner_text().startswith(f"Điều {number}.")
    assert "vàng" in article.inner_text().lower()


def search_without_javascript(no_js, base: str) -> None:
    """The same flow as a plain GET form: a page load per search, the filter applied by its button."""
    no_js.goto(base + PAGE)

    no_js.get_by_label("Từ khóa, số hiệu hoặc trích dẫn").fill(QUERY)
    with no_js.expect_navigation():
        no_js.get_by_role("button", name="Tìm", exact=True).click()
    expect_param(no_js, "q", QUERY)
    expect(results_heading(no_js)).to_have_text(RESULTS_HEADING)
    before = int(results_heading(no_js).inner_text().split()[0])

    # Without JavaScript a filter applies with the form's button.
    no_js.get_by_label("Cơ quan ban hành").select_option(AGENCY)
    with no_js.expect_navigation():
        no_js.get_by_role("button", name="Áp dụng").click()
    expect_param(no_js, "agency", AGENCY)
    expect_param(no_js, "q", QUERY)
    after = int(results_heading(no_js).inner_text().split()[0])
    assert 0 < after <= before
    assert set(hit_agencies(no_js)) == {"Chính phủ"}, hit_agencies(no_js)

    open_hit_and_check_the_article(no_js, marked_hit(no_js), base)


def test_it_searches_with_opensearch_then_from_the_database_when_it_is_unreachable(
    indexed_library, settings, desktop, no_js
):
    """One demo library, indexed (loading it takes most of the time): the search in OpenSearch
    with and without JavaScript, then the same search answered by the database."""
    searches_without_diacritics_filters_by_agency_and_opens_the_highlighted_article(indexed_library, desktop, no_js)
    answers_from_the_database_with_a_notice_when_opensearch_is_unreachable(indexed_library, settings, desktop)


def searches_without_diacritics_filters_by_agency_and_opens_the_highlighted_article(indexed_library, desktop, no_js):
    base = indexed_library.url
    desktop.goto(base + PAGE)
    expect(results_heading(desktop)).to_have_text("Nhập từ khóa để tìm")
    # Set on this document: still there after an update means no page load (HTMX swapped it).
    desktop.evaluate("window.__sameDocument = true")

    desktop.get_by_label("Từ khóa, số hiệu hoặc trích dẫn").fill(QUERY)
    desktop.get_by_role("button", name="Tìm", exact=True).click()

    expect(results_heading(desktop)).to_have_text(RESULTS_HEADING)
    expect_param(desktop, "q", QUERY)
    wait_for_htmx(desktop)
    assert desktop.evaluate("window.__sameDocument === true"), "the search reloaded the whole page"
    assert desktop.locator(".search-fallback").count() == 0, "answered from the database, not OpenSearch"
    assert desktop.locator(".result-item").count() > 0
    wait_for_htmx(desktop)
    before = int(results_heading(desktop).inner_text().split()[0])
    agencies_before = set(hit_agencies(desktop))

    # Filtering by agency updates the results in place and puts the filter in the address.
    agency = desktop.get_by_label("Cơ quan ban hành")
    expect(agency.locator(f"option[value='{AGENCY}']")).to_have_count(1)
    with desktop.expect_response(lambda r: "agency=" + AGENCY in r.url and r.request.headers.get("hx-request")):
        agency.select_option(AGENCY)
    expect_param(desktop, "agency", AGENCY)
    wait_for_htmx(desktop)
    expect_param(desktop, "q", QUERY)
    expect(agency).to_have_value(AGENCY)
    assert desktop.evaluate("window.__sameDocument === true"), "the filter reloaded the whole page"
    expect(results_heading(desktop)).to_have_text(RESULTS_HEADING)
    after = int(results_heading(desktop).inner_text().split()[0])
    assert 0 < after <= before
    assert set(hit_agencies(desktop)) == {"Chính phủ"}, hit_agencies(desktop)
    assert after < before or agencies_before == {"Chính phủ"}, "the filter changed nothing"

    # The address holds the state: opening it anew gives the same filtered results.
    state_url = desktop.url
    hit = marked_hit(desktop)
    marks = [m.inner_text() for m in hit.locator(".snippet mark").all()]
    assert any(m.lower() == "vàng" for m in marks), marks
    open_hit_and_check_the_article(desktop, hit, base)

    desktop.go_back()
    expect(desktop).to_have_url(state_url)
    expect(desktop.get_by_label("Cơ quan ban hành")).to_have_value(AGENCY)
    expect(desktop.get_by_label("Từ khóa, số hiệu hoặc trích dẫn")).to_have_value(QUERY)
    expect(results_heading(desktop)).to_have_text(f"{after} kết quả")

    # And with JavaScript disabled (one index build for both: it takes most of a minute).
    search_without_javascript(no_js, base)


def answers_from_the_database_with_a_notice_when_opensearch_is_unreachable(library, settings, desktop):
    """OpenSearch unreachable: the client is rebuilt for the closed port (setting_changed), and
    the cached health answers are forgotten (pytest-django's ``settings`` restores the address)."""
    from search import health

    settings.OPENSEARCH_URL = CLOSED_PORT
    health.reset()
    try:
        search_from_the_database(library.url, desktop)
    finally:
        health.reset()


def search_from_the_database(base, desktop):
    desktop.goto(base + PAGE)

    desktop.get_by_label("Từ khóa, số hiệu hoặc trích dẫn").fill(QUERY)
    desktop.get_by_role("button", name="Tìm", exact=True).click()

    expect(desktop.locator(".search-fallback")).to_have_text(NOTICE)
    expect(results_heading(desktop)).to_have_text(RESULTS_HEADING)
    expect_param(desktop, "q", QUERY)
    assert desktop.locator(".result-item").count() > 0
    expect(desktop.locator("#search-status")).to_contain_text("Kết quả từ cơ sở dữ liệu.")

    wait_for_htmx(desktop)
    agency = desktop.get_by_label("Cơ quan ban hành")
    with desktop.expect_response(lambda r: "agency=" + AGENCY in r.url and r.request.headers.get("hx-request")):
        agency.select_option(AGENCY)
    expect_param(desktop, "agency", AGENCY)
    wait_for_htmx(desktop)
    expect(agency).to_have_value(AGENCY)
    expect(desktop.locator(".search-fallback")).to_have_text(NOTICE)
    expect(desktop.locator(".result-item").first).to_be_visible()
    assert set(hit_agencies(desktop)) == {"Chính phủ"}, hit_agencies(desktop)

    open_hit_and_check_the_article(desktop, marked_hit(desktop), base)
