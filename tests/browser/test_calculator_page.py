"""The public calculator /chi-phi-tuan-thu/tinh-chi-phi/ in Chromium, with HTMX and without
JavaScript: a business picks a procedure, gives its own hours, wage and frequency, and reads its
yearly cost and what the reduction plan saves it; bad input is named next to its field, in
Vietnamese; axe finds no serious or critical violation; nothing is stored.

Data: one procedure profile and a plan that halves its hours, built before Chromium starts (the
test body must not touch the database, tests/browser/conftest.py).
"""

from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from .axe import blocking, run_axe
from .conftest import CHROMIUM, CHROMIUM_ARGS, DESKTOP, PHONE

pytestmark = [
    pytest.mark.browser,
    # serialized_rollback restores Wagtail's root page, which the live server's flush removes.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PAGE = "/chi-phi-tuan-thu/tinh-chi-phi/"
NAME = "Cấp giấy phép kinh doanh vàng miếng"


@pytest.fixture
def site(live_server):
    """A licence procedure of Bộ Tài chính: 1,000 dossiers a year, 2 h and a 500,000 fee each;
    a proposed plan cuts the 2 hours to 1."""
    from regulations.models import AdministrativeProcedure
    from tests.compliance_cost.factories import add_item, make_plan, make_profile, make_regulation

    regulation = make_regulation()
    procedure = AdministrativeProcedure.objects.create(name=NAME, agency=regulation.agency, regulation=regulation)
    profile = make_profile(procedure)
    plan = make_plan()
    item = add_item(plan, regulation, procedure=procedure)
    make_profile(procedure, hours="1", plan_item=item)
    live_server.pages = [
        "/chi-phi-tuan-thu/",
        "/chi-phi-tuan-thu/co-quan/bo-tai-chinh/",
        f"/chi-phi-tuan-thu/quy-dinh/{regulation.pk}/",
        f"/chi-phi-tuan-thu/thu-tuc/{procedure.pk}/",
        plan.get_absolute_url(),
        regulation.document.url,
        "/tim-kiem/?q=gi%E1%BA%A5y+ph%C3%A9p&type=cost&sort=cost",
    ]
    return live_server, profile.pk


@pytest.fixture
def browser(site) -> Iterator[object]:
    """Chromium after the data (see tests/browser/conftest.py: the database stays outside the
    browser's event loop)."""
    if not CHROMIUM.exists():
        pytest.fail(f"Chromium is missing at {CHROMIUM}: apt-get install -y chromium, or set CHROMIUM_PATH.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def tab(browser, javascript: bool = True, viewport=DESKTOP):
    context = browser.new_context(viewport=viewport, locale="vi-VN", java_script_enabled=javascript)
    page = context.new_page()
    page.set_default_timeout(15_000)
    return context, page


def fill(page, hours: str, wage: str, per_year: str) -> None:
    page.get_by_label("Thủ tục, quy định").select_option(label=NAME)
    page.get_by_label("Số giờ làm việc cho mỗi hồ sơ").fill(hours)
    page.get_by_label("Chi phí một giờ làm việc của doanh nghiệp").fill(wage)
    page.get_by_label("Số hồ sơ mỗi năm").fill(per_year)
    page.get_by_role("button", name="Tính").click()


def expect_result(page) -> None:
    """5 h × 100,000 + 500,000 = 1,000,000 × 2 = 2,000,000 a year; after the plan 2.5 h:
    750,000 × 2 = 1,500,000; saving 500,000 (25%)."""
    result = page.get_by_role("status")
    expect(result).to_contain_text("Chi phí mỗi năm hiện nay")
    expect(result).to_contain_text("2.000.000 đồng")
    expect(result).to_contain_text("1.500.000 đồng")
    expect(result).to_contain_text("Doanh nghiệp tiết kiệm mỗi năm")
    expect(result).to_contain_text("giảm 25,0%")


def test_it_computes_in_place_with_htmx_and_keeps_the_address(site, browser):
    base, _profile = site
    context, page = tab(browser)
    try:
        page.goto(base.url + PAGE)
        fill(page, "5", "100.000", "2")
        expect_result(page)
        page.wait_for_function("() => new URLSearchParams(location.search).get('hours') === '5'")
        assert page.evaluate("() => window.htmx !== undefined")  # swapped in place, not reloaded
        problems = blocking(run_axe(page))
        assert not problems, "\n".join(map(str, problems))

        page.get_by_label("Số giờ làm việc cho mỗi hồ sơ").fill("hai giờ")
        page.get_by_role("button", name="Tính").click()
        error = page.locator("#id_hours-error")
        expect(error).to_have_text("Phải nhập số, không phải chữ: phải là số từ 0 đến 8.760.")
        expect(page.get_by_label("Số giờ làm việc cho mỗi hồ sơ")).to_have_attribute("aria-invalid", "true")
        expect(page.get_by_role("status")).not_to_contain_text("Chi phí mỗi năm hiện nay")
        problems = blocking(run_axe(page))
        assert not problems, "\n".join(map(str, problems))
    finally:
        context.close()


def test_it_works_without_javascript(site, browser):
    base, _profile = site
    context, page = tab(browser, javascript=False)
    try:
        page.goto(base.url + PAGE)
        fill(page, "5", "100000", "2")
        page.wait_for_url("**hours=5**")
        expect_result(page)
        page.get_by_label("Chi phí một giờ làm việc của doanh nghiệp").fill("-5")
        page.get_by_role("button", name="Tính").click()
        expect(page.locator("#id_wage-error")).to_have_text(
            "Giá trị -5 không hợp lệ: phải là số lớn hơn 0 và không quá 10.000.000."
        )
    finally:
        context.close()


def test_it_fits_a_phone_and_passes_axe_there(site, browser):
    base, profile = site
    context, page = tab(browser, viewport=PHONE)
    try:
        page.goto(f"{base.url}{PAGE}?profile={profile}")
        expect(page.get_by_role("status")).to_contain_text("Chi phí mỗi năm hiện nay")
        assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth + 1")
        problems = blocking(run_axe(page))
        assert not problems, "\n".join(map(str, problems))
    finally:
        context.close()


def test_it_has_no_serious_or_critical_violations_on_the_cost_pages(site, browser):
    base, _profile = site
    problems = []
    for viewport in (DESKTOP, PHONE):
        context, page = tab(browser, viewport=viewport)
        try:
            for path in base.pages:
                page.goto(base.url + path)
                problems += [f"{path} at {viewport['width']}px: {v}" for v in blocking(run_axe(page))]
        finally:
            context.close()
    assert not problems, "\n".join(problems)
