"""The regulation library in a real browser: reading a document, accessibility, phone, keyboard,
English interface. Data: the demo library from the shared corpus (regulations.demo.load_demo)."""

import gettext
import re
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

from .axe import blocking, run_axe
from .test_search_page import indexed_library  # noqa: F401 - the demo library, indexed in OpenSearch

pytestmark = [
    pytest.mark.browser,
    pytest.mark.opensearch,
    # serialized_rollback restores Wagtail's root page, which the live server's flush removes.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

DECREE = "24/2012/NĐ-CP"
DECREE_URL = "/van-ban/chinh-phu/24-2012-nd-cp/"
# Điều 5, khoản 1 of Nghị định 24/2012/NĐ-CP (kinh doanh vàng).
ARTICLE_5_TEXT = "Doanh nghiệp sản xuất vàng trang sức, mỹ nghệ được Ngân hàng Nhà nước cấp Giấy chứng nhận"


def in_viewport(tab, selector: str) -> bool:
    return tab.locator(selector).evaluate(
        # The top edge is on screen (a sub-pixel tolerance for scrolled-to anchors).
        "el => { const r = el.getBoundingClientRect(); return r.top > -1 && r.top < window.innerHeight; }"
    )


def finds_a_decree_from_the_home_page_and_jumps_to_an_article(library, desktop):
    desktop.goto(library.url + "/")
    assert desktop.locator("h1").first.inner_text() == "Tra cứu quy định kinh doanh"

    desktop.get_by_label(re.compile("Tìm văn bản, số hiệu")).fill(DECREE)
    desktop.get_by_role("button", name="Tìm", exact=True).click()
    desktop.wait_for_url(re.compile(r"/tim-kiem/\?q="))
    # The search page: the citation jump puts the decree (or its cited article) first.
    expect(desktop.get_by_label("Từ khóa, số hiệu hoặc trích dẫn")).to_have_value(DECREE)
    assert desktop.locator(".search-fallback").count() == 0, "answered from the database, not OpenSearch"
    first = desktop.locator(".result-list .result-item").first
    expect(first.locator(".meta")).to_contain_text(f"Số hiệu: {DECREE}")
    first.locator(".result-title a").click()

    desktop.wait_for_url(re.compile(re.escape(library.url + DECREE_URL) + "(#dieu-[0-9a-z-]+)?$"))
    assert DECREE in desktop.locator("h1").inner_text()
    toc = desktop.get_by_role("navigation", name=re.compile("Mục lục"))
    toc.get_by_role("link", name=re.compile(r"^Điều 5\b")).click()

    assert desktop.evaluate("location.hash") == "#dieu-5"
    assert in_viewport(desktop, "#dieu-5")
    article = desktop.locator("#dieu-5")
    assert article.locator("h3").inner_text().startswith("Điều 5.")
    assert ARTICLE_5_TEXT in article.inner_text()
    assert desktop.locator("#dieu-5-khoan-1-diem-a").is_visible()

    # A permalink to a point opens the page scrolled to it.
    desktop.goto(library.url + DECREE_URL + "#dieu-5-khoan-1-diem-a")
    assert in_viewport(desktop, "#dieu-5-khoan-1-diem-a")
    assert desktop.locator("#dieu-5-khoan-1-diem-a").inner_text().startswith("a)")


# Luật Bảo vệ môi trường 2020: two versions (as passed; as amended by Luật Thanh tra 2022).
AMENDED_LAW_URL = "/van-ban/quoc-hoi/72-2020-qh14/"
AMENDED_POINT = "#dieu-160-khoan-2-diem-a"


def lists_the_versions_and_switches_between_them(library, desktop):
    desktop.goto(library.url + AMENDED_LAW_URL)
    versions = desktop.get_by_role("region", name="Các phiên bản của văn bản")
    expect(versions.get_by_role("row")).to_have_count(3)  # the header and two versions
    expect(versions).to_contain_text("Sửa đổi theo Luật Thanh tra 2022 số 11/2022/QH15")
    point = desktop.locator(AMENDED_POINT)
    expect(point).to_have_text("a) Thanh tra theo kế hoạch;")
    expect(desktop.locator(".version-notice")).to_have_count(0)

    versions.get_by_role("link", name="Xem phiên bản 1").click()

    desktop.wait_for_url(re.compile(r"\?phien-ban=1$"))
    expect(point).to_contain_text("Thanh tra thường xuyên được tiến hành trên cơ sở chức năng")
    notice = desktop.get_by_role("note")
    expect(notice).to_contain_text("Bạn đang xem phiên bản 1 (Văn bản chính thức), không phải phiên bản hiện hành.")
    problems = blocking(run_axe(desktop))
    assert not problems, "\n".join(map(str, problems))

    notice.get_by_role("link", name="Xem phiên bản hiện hành (phiên bản 2)").click()
    desktop.wait_for_url(library.url + AMENDED_LAW_URL)
    expect(point).to_have_text("a) Thanh tra theo kế hoạch;")

    # The text in force on a date, from the form under the list.
    desktop.get_by_label("Xem văn bản có hiệu lực vào ngày").fill("2022-06-01")
    desktop.get_by_role("button", name="Xem", exact=True).click()
    desktop.wait_for_url(library.url + AMENDED_LAW_URL + "2022-06-01/")
    expect(point).to_contain_text("Thanh tra thường xuyên")
    expect(desktop.get_by_role("note")).to_contain_text("Bạn đang xem văn bản có hiệu lực vào ngày 01/06/2022")


# The search page with results, a filter and highlights ("kinh doanh vàng", typed without diacritics).
SEARCH_URL = "/tim-kiem/?q=kinh+doanh+vang&agency=chinh-phu"
AXE_PAGES = [
    "/",
    "/van-ban/?type=nghi-dinh&agency=chinh-phu",
    "/van-ban/?q=doanh+nghi%E1%BB%87p&year=2012",
    DECREE_URL,
    "/van-ban/quoc-hoi/45-2019-qh14/",  # Bộ luật Lao động: chapters, sections, 220 articles
    AMENDED_LAW_URL,  # the version list
    AMENDED_LAW_URL + "?phien-ban=1",  # another version, with the notice
    AMENDED_LAW_URL + "2011-01-01/",  # no version in force that day: the 404 page
    "/van-ban/quoc-hoi/",
    "/khong-co-trang-nay/",
    SEARCH_URL,
]


def has_no_serious_or_critical_accessibility_violations(library, desktop, phone):
    problems = []
    for tab in (desktop, phone):
        for path in AXE_PAGES:
            tab.goto(library.url + path)
            width = tab.viewport_size["width"]
            problems += [f"{path} at {width}px: {v}" for v in blocking(run_axe(tab))]
    assert not problems, "\n".join(problems)


def fits_a_phone_screen_without_horizontal_scrolling(library, phone):
    for path in (
        "/",
        "/van-ban/?type=luat",
        DECREE_URL,
        "/van-ban/quoc-hoi/45-2019-qh14/",
        AMENDED_LAW_URL,
        SEARCH_URL,
    ):
        phone.goto(library.url + path)
        overflow = phone.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at 375px"


def reaches_the_main_content_with_the_keyboard(library, desktop):
    desktop.goto(library.url + DECREE_URL)

    desktop.keyboard.press("Tab")
    focused = desktop.evaluate("document.activeElement.className")
    assert "skip-link" in focused
    skip = desktop.locator(".skip-link")
    assert skip.is_visible() and in_viewport(desktop, ".skip-link")
    outline = skip.evaluate("el => getComputedStyle(el).outlineStyle")
    assert outline != "none", "the focused skip link shows no focus ring"

    desktop.keyboard.press("Enter")
    assert desktop.evaluate("document.activeElement.id") == "noi-dung"
    assert desktop.evaluate("document.activeElement.tagName") == "MAIN"

    desktop.keyboard.press("Tab")  # the next stop is inside the main content
    assert desktop.evaluate("document.querySelector('main').contains(document.activeElement)")


def switch_language(tab, label: str, code: str, button: str) -> None:
    tab.get_by_label(label).select_option(code)
    with tab.expect_navigation():
        tab.get_by_role("button", name=button).click()


def switches_the_interface_to_english_and_back(library, desktop):
    desktop.goto(library.url + "/")
    expect(desktop.locator("html")).to_have_attribute("lang", "vi")

    switch_language(desktop, "Ngôn ngữ", "en", "Đổi")

    expect(desktop.locator("html")).to_have_attribute("lang", "en")
    nav = desktop.get_by_role("navigation", name="Main navigation")
    expect(nav.get_by_role("link", name="Legal documents")).to_be_visible()
    expect(desktop.locator("h1").first).to_have_text("Look up business regulations")
    desktop.goto(library.url + "/van-ban/?type=nghi-dinh")
    expect(desktop.get_by_role("heading", name="Filter documents")).to_be_visible()
    expect(desktop.get_by_role("heading", name=re.compile(r"^\d+ documents$"))).to_be_visible()
    desktop.goto(library.url + DECREE_URL)
    expect(desktop.get_by_role("heading", name=re.compile("^Contents"))).to_be_visible()
    expect(desktop.locator(".document-header .badge")).to_have_text("Not verified")
    # The document itself stays in Vietnamese, and says so to screen readers.
    expect(desktop.locator(".document-text")).to_have_attribute("lang", "vi")
    problems = blocking(run_axe(desktop))
    assert not problems, "\n".join(map(str, problems))

    switch_language(desktop, "Language", "vi", "Change")

    expect(desktop.locator("html")).to_have_attribute("lang", "vi")
    expect(desktop.get_by_role("heading", name=re.compile("^Mục lục"))).to_be_visible()


@pytest.mark.usefixtures("indexed_library")  # first: before Chromium starts
def test_a_reader_uses_the_library_on_a_desktop_and_a_phone(library, desktop, phone):
    """One demo library (loading it takes most of the browser tests' time), every reading check
    in turn; the language switch last, as it changes the session's language."""
    finds_a_decree_from_the_home_page_and_jumps_to_an_article(library, desktop)
    lists_the_versions_and_switches_between_them(library, desktop)
    has_no_serious_or_critical_accessibility_violations(library, desktop, phone)
    fits_a_phone_screen_without_horizontal_scrolling(library, phone)
    reaches_the_main_content_with_the_keyboard(library, desktop)
    switches_the_interface_to_english_and_back(library, desktop)


CATALOGS = [
    "portal/locale/en/LC_MESSAGES/django.po",
    "regulations/locale/en/LC_MESSAGES/django.po",
    "search/locale/en/LC_MESSAGES/django.po",
    "compliance_cost/locale/en/LC_MESSAGES/django.po",
    "consultations/locale/en/LC_MESSAGES/django.po",
]


def po_entries(path: Path) -> list[tuple[str, list[str], bool]]:
    """(msgid, msgstrs, fuzzy) for each entry of a .po file, the header left out."""
    entries, msgid, strs, fuzzy, current = [], None, [], False, None
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if line.startswith("#,") and "fuzzy" in line:
            fuzzy = True
        elif line.startswith("msgid_plural"):
            current = "plural"  # the plural form's lines are not part of the msgid
        elif line.startswith("msgid "):
            msgid, strs, current = line[6:].strip('"'), [], "id"
        elif line.startswith("msgid_plural "):
            current = "plural"  # the plural's text (and its continuation lines) is not the key
        elif line.startswith("msgstr"):
            strs.append(line.split(" ", 1)[1].strip('"'))
            current = "str"
        elif line.startswith('"') and current == "id":
            msgid += line.strip('"')
        elif line.startswith('"') and current == "str":
            strs[-1] += line.strip('"')
        elif not line.strip() and msgid is not None:
            if msgid:
                entries.append((msgid, strs, fuzzy))
            msgid, strs, fuzzy, current = None, [], False, None
    return entries


@pytest.mark.parametrize("catalog", CATALOGS)
def test_it_has_an_english_translation_for_every_message(catalog):
    po = Path(settings.BASE_DIR) / catalog
    entries = po_entries(po)
    untranslated = [msgid for msgid, strs, fuzzy in entries if fuzzy or not all(strs)]

    assert entries and not untranslated, f"{catalog}: fuzzy or empty: {untranslated}"
    with po.with_suffix(".mo").open("rb") as mo:
        compiled = {key if isinstance(key, str) else key[0] for key in gettext.GNUTranslations(mo)._catalog}
    unescaped = [msgid.replace('\\"', '"').replace("\\n", "\n") for msgid, _strs, _fuzzy in entries]
    stale = [msgid for msgid in unescaped if msgid not in compiled]
    assert not stale, f"{catalog}: run `make messages`; django.mo lacks {stale}"
