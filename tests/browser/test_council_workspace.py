"""The Advisory Council's workspace in Chromium: a member finds a comment by typing without
diacritics, notes it, publishes an opinion by clicking, and the opinion shows on the public
page; the workspace and the page pass axe (no serious or critical violation)."""

from collections.abc import Iterator
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from portal.site_setup import ensure_home_page
from tests.consultations.builders import make_comment, make_consultation

from .axe import blocking, run_axe
from .conftest import CHROMIUM, CHROMIUM_ARGS, DESKTOP

pytestmark = [
    pytest.mark.browser,
    # serialized_rollback restores Wagtail's root page, which the live server's flush removes.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def workspace(live_server, finance_folder, hoa, client):
    ensure_home_page()
    consultation = make_consultation(agency="Bộ Tài chính", opens_at=timezone.now() - timedelta(days=40), days=30)
    found = make_comment(consultation, text="Đề nghị bỏ giấy phép con tại Điều 2.")
    make_comment(consultation, text="Phí quá cao.")
    client.force_login(hoa)
    return live_server, consultation.url, found.receipt_number, client.cookies["sessionid"].value


@pytest.fixture
def browser(workspace) -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    assert CHROMIUM.exists(), f"Chromium is missing at {CHROMIUM}"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def test_it_lets_a_council_member_search_note_and_publish_an_opinion(workspace, browser):
    server, public_url, receipt, session = workspace
    page = browser.new_context(viewport=DESKTOP, locale="vi-VN", reduced_motion="reduce").new_page()
    page.set_default_timeout(15_000)
    page.context.add_cookies([{"name": "sessionid", "value": session, "url": server.url}])
    page.goto(server.url + "/quan-tri/")
    page.get_by_role("link", name="Hội đồng tư vấn").first.click()
    problems = [f"workspace: {v}" for v in blocking(run_axe(page))]

    page.get_by_label("Tìm trong nội dung").fill("giay phep con")
    page.get_by_role("button", name="Lọc").click()
    expect(page.get_by_text("1 góp ý.")).to_be_visible()
    page.get_by_role("link", name=receipt).click()
    page.get_by_role("textbox", name="Ghi chú nội bộ (chỉ thành viên Hội đồng đọc được)").fill(
        "Bộ chưa nêu chi phí tuân thủ."
    )
    page.get_by_role("button", name="Thêm ghi chú").click()
    expect(page.get_by_text("Đã thêm ghi chú nội bộ.")).to_be_visible()
    expect(page.get_by_text("Bộ chưa nêu chi phí tuân thủ.")).to_be_visible()  # kept, shown to the Council
    problems += [f"comment: {v}" for v in blocking(run_axe(page))]

    page.get_by_role("link", name="Ý kiến độc lập của Hội đồng về đợt này").click()
    page.get_by_role("textbox", name="Nội dung ý kiến độc lập").fill("Hội đồng đề nghị bỏ giấy phép con tại Điều 2.")
    page.get_by_label("Hoa Nguyễn Thị").check()
    page.get_by_role("button", name="Công bố").click()
    expect(page.get_by_text("Đã công bố ý kiến độc lập; ý kiến hiện trên trang đợt lấy ý kiến.")).to_be_visible()

    page.goto(server.url + public_url)
    section = page.get_by_role("region", name="Ý kiến độc lập của Hội đồng tư vấn cải cách thủ tục hành chính")
    expect(section.get_by_text("Hội đồng đề nghị bỏ giấy phép con tại Điều 2.")).to_be_visible()
    expect(section.get_by_text("Hoa Nguyễn Thị")).to_be_visible()
    problems += [f"public page: {v}" for v in blocking(run_axe(page))]
    page.context.close()
    assert not problems, "\n".join(problems)
