"""The officer's side in a real browser: Bộ Tài chính's legal officer signs in to the admin, adds a
consultation in her ministry's folder by uploading a DOCX draft, is told the period is below the
minimum, corrects it and submits it for moderation; the ministry's approver approves it, and the
public page shows the draft split into articles, each with its count and "Góp ý điều này"."""

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from tests.conftest import PASSWORD

pytestmark = [
    pytest.mark.browser,
    # serialized_rollback restores Wagtail's root page, which the live server's flush removes.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PUBLIC_URL = "/tham-van/bo-tai-chinh/du-thao-thong-tu-huong-dan-hoa-don-dien-tu-doi-voi-ho-kinh-doanh/"


@pytest.fixture
def draft_docx(tmp_path):
    from tests.consultations.builders import write_docx
    from tests.consultations.test_admin import DRAFT_LINES

    return write_docx(tmp_path / "du-thao-thong-tu.docx", DRAFT_LINES)


@pytest.fixture
def library(live_server, alice, bob):
    """Overrides the demo library (not needed here): Bộ Tài chính's consultation folder and its
    officer and approver, made before the browser starts (see tests/browser/conftest.py)."""
    from django.utils import timezone

    from consultations.folders import ensure_consultation_folder
    from regulations.agencies import resolve_agency

    folder = ensure_consultation_folder(resolve_agency("Bộ Tài chính"))
    live_server.add_url = f"{live_server.url}/quan-tri/pages/add/consultations/consultationpage/{folder.pk}/"
    live_server.today = timezone.localdate()
    return live_server


def sign_in(tab, base_url: str, username: str) -> None:
    tab.goto(f"{base_url}/quan-tri/login/")
    tab.locator("input[name=username]").fill(username)
    tab.locator("input[name=password]").fill(PASSWORD)
    tab.locator("form button[type=submit]").first.click()
    tab.wait_for_url(re.compile(r"/quan-tri/$"))


def fill_consultation(tab, draft_docx, opens, closes) -> None:
    tab.locator("input[name=draft_file]").set_input_files(str(draft_docx))
    tab.locator("input[name=opens_at]").fill(f"{opens:%Y-%m-%d} 00:00")
    tab.locator("input[name=closing_date]").fill(f"{closes:%Y-%m-%d}")
    tab.keyboard.press("Escape")  # close the date picker


def test_an_officer_uploads_a_docx_draft_and_the_approver_publishes_it(library, chromium, draft_docx):
    today = library.today
    officer = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    tab = officer.new_page()
    tab.set_default_timeout(20_000)
    tab.on("dialog", lambda dialog: dialog.accept())
    try:
        sign_in(tab, library.url, "alice")
        tab.goto(library.add_url)
        fill_consultation(tab, draft_docx, today, today + timedelta(days=10))
        tab.locator("button[name=action-submit]").dispatch_event("click")
        tab.wait_for_load_state()
        expect(tab.locator("body")).to_contain_text("tối thiểu là 30 ngày")
        # The text shows while the refused form's page is still loading; its scripts (the
        # inline panel's «add» button among them) are ready at its load event.
        tab.wait_for_load_state("load")

        # The file is not kept by the browser after a refused form: attach it again.
        fill_consultation(tab, draft_docx, today, today + timedelta(days=30))
        # A DOM click, not a mouse click: under load the form's layout can shift between the
        # mouse's press and release, and the release then lands beside the button.
        tab.locator("#id_questions-ADD").dispatch_event("click")
        tab.locator("[name='questions-0-text']").fill("Thời hạn 6 tháng ở Điều 3 có đủ cho hộ kinh doanh không?")
        tab.locator("button[name=action-submit]").dispatch_event("click")
        tab.wait_for_url(re.compile(r"/quan-tri/pages/\d+/$"))
    finally:
        officer.close()

    approver = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    tab = approver.new_page()
    tab.set_default_timeout(20_000)
    tab.on("dialog", lambda dialog: dialog.accept())
    try:
        sign_in(tab, library.url, "bob")
        assert tab.goto(f"{library.url}{PUBLIC_URL}").status == 404  # not published yet
        tab.goto(f"{library.url}/quan-tri/")
        edit = tab.locator("a[href*='/edit/']", has_text="Hướng dẫn hóa đơn điện tử").first
        edit.dispatch_event("click")  # a DOM click: the admin's layout can move under load
        tab.wait_for_url(re.compile(r"/quan-tri/pages/\d+/edit/"))
        approve = tab.locator("button[data-workflow-action-name=approve]:not([data-workflow-action-modal-url])")
        with tab.expect_navigation():
            approve.dispatch_event("click")  # in the footer's menu of actions
        response = tab.goto(f"{library.url}{PUBLIC_URL}")
        assert response is not None and response.status == 200
    finally:
        approver.close()

    visitor = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    tab = visitor.new_page()
    try:
        tab.goto(f"{library.url}{PUBLIC_URL}")
        expect(tab.locator("h1")).to_have_text("Dự thảo Thông tư Hướng dẫn hóa đơn điện tử đối với hộ kinh doanh")
        expect(tab.locator(".consultation-header .badge")).to_have_text("Đang lấy ý kiến")
        expect(tab.locator(".questions li")).to_have_text("Thời hạn 6 tháng ở Điều 3 có đủ cho hộ kinh doanh không?")
        for number in (1, 2, 3):
            article = tab.locator(f"#dieu-{number}")
            expect(article.locator(".comment-count").first).to_have_text("0 góp ý")
            expect(article.get_by_role("link", name=re.compile("^Góp ý điều này"))).to_have_count(1)
        expect(tab.locator("#dieu-3")).to_contain_text("chậm nhất sau 6 tháng")
        tab.locator("#dieu-3").get_by_role("link", name=re.compile("^Góp ý điều này")).click()
        tab.wait_for_url(re.compile(re.escape(PUBLIC_URL) + r"\?muc=dieu-3#gop-y$"))
        expect(tab.locator("#gop-y .selected-unit")).to_contain_text("Điều 3")
        tab.goto(f"{library.url}/tham-van/")
        expect(tab.locator(".consultation-item a.document-link")).to_have_text(
            "Dự thảo Thông tư Hướng dẫn hóa đơn điện tử đối với hộ kinh doanh"
        )
    finally:
        visitor.close()
