"""The comment form in Chromium: a business comments on Article 3 with a tax code through the
HTMX form and lands on its receipt ("đã tiếp nhận"); a wrong tax code is reported at its field
with the focus on the error summary; and the comment's text, full of markup and script, is shown
as text: nothing in it runs.

The data is made in fixtures, before Chromium starts (tests/browser/conftest.py explains why the
test body must not touch the database); the signed-in business user's session cookie is handed
to the browser.
"""

import re

import pytest
from playwright.sync_api import expect

from .conftest import CHROMIUM, CHROMIUM_ARGS, DESKTOP, PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

INJECTED = (
    '<script>window.__pwned = 1; document.title = "pwned"</script>'
    '<img src="x" onerror="window.__pwned = 2"> Đề nghị bỏ điều kiện về kho chứa tại Điều 3.'
)


@pytest.fixture
def business_session(live_server, django_user_model):
    """An open consultation (three articles) and a business user's session cookie."""
    from django.conf import settings
    from django.test import Client

    from tests.consultations.builders import make_consultation

    page = make_consultation()
    user = django_user_model.objects.create_user("minhphat", "lan@minhphat.vn", "x", first_name="Lan")
    client = Client()
    client.force_login(user)
    cookie = {"name": settings.SESSION_COOKIE_NAME, "value": client.cookies[settings.SESSION_COOKIE_NAME].value}
    return live_server.url, page.url, cookie


@pytest.fixture
def tab(business_session):
    from playwright.sync_api import sync_playwright

    if not CHROMIUM.exists():
        pytest.fail(f"Chromium is missing at {CHROMIUM}", pytrace=False)
    base, _path, cookie = business_session
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(viewport=DESKTOP, locale="vi-VN")
        context.add_cookies([{**cookie, "url": base}])
        page = context.new_page()
        page.set_default_timeout(15_000)
        yield page
        browser.close()


def test_it_takes_a_business_comment_on_article_3_and_shows_its_receipt_with_no_markup_run(business_session, tab):
    base, path, _cookie = business_session
    tab.goto(f"{base}{path}?muc=dieu-3")
    expect(tab.get_by_label("Góp ý cho")).to_have_value(re.compile(r"\d+"))
    assert "Điều 3" in tab.get_by_label("Góp ý cho").evaluate("el => el.options[el.selectedIndex].text")
    tab.get_by_label("Doanh nghiệp", exact=True).check()
    tab.get_by_label("Tên tổ chức").fill("Công ty TNHH Xăng dầu Minh Phát")
    tab.get_by_label("Mã số thuế").fill("0100109107")  # wrong check digit
    tab.get_by_label("Nội dung góp ý").fill(INJECTED)
    tab.get_by_role("button", name="Gửi góp ý").click()
    summary = tab.locator("#gop-y-loi")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    expect(tab.locator("#id_tax_code-error")).to_contain_text("chữ số kiểm tra")
    expect(tab.get_by_label("Mã số thuế")).to_have_attribute("aria-invalid", "true")
    assert tab.evaluate("window.__pwned") is None

    tab.get_by_label("Mã số thuế").fill("0100109106-001")
    tab.get_by_role("button", name="Gửi góp ý").click()
    tab.wait_for_url(re.compile(r"/tham-van/bien-nhan/TV-\d{4}-\d{6}-[0-9A-Z]{4}/"))
    expect(tab.locator(".receipt-number")).to_have_text(re.compile(r"^TV-\d{4}-\d{6}-[0-9A-Z]{4}$"))
    expect(tab.locator(".receipt-status")).to_have_text("đã tiếp nhận")
    expect(tab.locator(".receipt")).to_contain_text("Điều 3")
    expect(tab.locator(".comment-text")).to_contain_text(
        '<script>window.__pwned = 1; document.title = "pwned"</script>'
    )
    expect(tab.locator(".comment-text img")).to_have_count(0)
    assert tab.evaluate("window.__pwned") is None
    assert tab.title() != "pwned"


def test_it_fits_a_phone_screen(business_session, tab):
    base, path, _cookie = business_session
    tab.set_viewport_size(PHONE)
    tab.goto(f"{base}{path}")
    width = tab.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], width
    button = tab.get_by_role("button", name="Gửi góp ý").bounding_box()
    assert button["height"] >= 24 and button["x"] + button["width"] <= PHONE["width"]
