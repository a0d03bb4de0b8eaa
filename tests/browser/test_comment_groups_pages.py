"""Comment groups in Chromium: the public page's groups section and the staff's groups admin,
accessible (axe: no serious or critical violation), and a split made by clicking."""

from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from consultations.comment_groups.regroup import regroup
from consultations.models import CommentGroup
from tests.consultations.builders import make_consultation
from tests.consultations.test_comment_groups import FEES, PERMITS, campaign

from .axe import blocking, run_axe
from .conftest import CHROMIUM, CHROMIUM_ARGS, DESKTOP, PHONE

pytestmark = [
    pytest.mark.browser,
    # serialized_rollback restores Wagtail's root page, which the live server's flush removes.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def grouped(live_server, finance_folder, alice, client):
    consultation = make_consultation(agency="Bộ Tài chính")
    fees = campaign(consultation, FEES)
    campaign(consultation, PERMITS)
    regroup(consultation)
    first = CommentGroup.objects.get(memberships__comment=fees[0])
    # Everything the test body needs from the database, read here (not inside Playwright's loop).
    client.force_login(alice)
    session = client.cookies["sessionid"].value
    return live_server, (consultation.url, consultation.pk, session), [c.receipt_number for c in fees], first.pk


@pytest.fixture
def browser(grouped) -> Iterator[object]:
    """Chromium started after the data fixtures (see tests/browser/conftest.py, `chromium`)."""
    from playwright.sync_api import sync_playwright

    assert CHROMIUM.exists(), f"Chromium is missing at {CHROMIUM}"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def tab(browser, viewport):
    context = browser.new_context(viewport=viewport, locale="vi-VN", reduced_motion="reduce")
    page = context.new_page()
    page.set_default_timeout(15_000)
    return page


def test_it_shows_groups_on_the_public_page_accessibly(grouped, browser):
    server, (url, _, _), receipts, first = grouped
    problems = []
    for viewport in (DESKTOP, PHONE):
        page = tab(browser, viewport)
        page.goto(server.url + url)
        section = page.get_by_role("region", name="Nhóm góp ý giống nhau")
        expect(section.get_by_role("heading", name=f"Nhóm {first}: 5 góp ý")).to_be_visible()
        page.get_by_text("Xem 5 góp ý trong nhóm").first.click()
        expect(section.get_by_text(receipts[0])).to_be_visible()
        problems += [f"{viewport['width']}px: {v}" for v in blocking(run_axe(page))]
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
        page.context.close()
    assert not problems, "\n".join(problems)


def test_it_lets_the_agencys_officer_split_a_group_in_the_admin(grouped, browser):
    server, (_, consultation, session), receipts, first = grouped
    page = tab(browser, DESKTOP)
    page.context.add_cookies([{"name": "sessionid", "value": session, "url": server.url}])  # alice, signed in
    page.goto(server.url + f"/quan-tri/nhom-gop-y/{consultation}/")
    expect(page.get_by_text("10 góp ý: 10 góp ý trong 2 nhóm, 0 góp ý riêng lẻ.")).to_be_visible()
    problems = [f"groups: {v}" for v in blocking(run_axe(page))]

    page.get_by_role("link", name=f"Nhóm {first}", exact=True).click()
    problems += [f"group: {v}" for v in blocking(run_axe(page))]
    page.get_by_label(f"Chọn góp ý {receipts[0]}").check()
    page.get_by_role("button", name="Tách riêng từng góp ý đã chọn").click()
    expect(page.get_by_text("Đã tách các góp ý đã chọn ra khỏi nhóm.")).to_be_visible()
    expect(page.get_by_text("4 góp ý trong nhóm.")).to_be_visible()
    assert not problems, "\n".join(problems)
