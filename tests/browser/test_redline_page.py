"""The redline page in Chromium: a revised draft's changes article by article (words marked
with <ins>/<del> and said in words for screen readers), a renumbered article matched with its
comment, two versions chosen in the form; accessible (axe) on desktop and phone."""

from collections.abc import Iterator
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from regulations.importing import VersionDetails, save_document
from regulations.models import VersionKind
from tests.consultations.builders import make_comment, make_consultation
from tests.consultations.test_revisions import FIRST, SECOND, TITLE, _record

from .axe import blocking, run_axe
from .conftest import CHROMIUM, CHROMIUM_ARGS, DESKTOP, PHONE

pytestmark = [
    pytest.mark.browser,
    # serialized_rollback restores Wagtail's root page, which the live server's flush removes.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def revised(live_server, finance_folder):
    draft = save_document(_record(FIRST), version=VersionDetails(VersionKind.DRAFT, None, "Dự thảo lần 1")).page
    consultation = make_consultation(
        draft, agency="Bộ Tài chính", opens_at=timezone.now() - timedelta(days=40), days=30, title=TITLE
    )
    comment = make_comment(
        consultation, consultation.version.provisions.get(anchor="dieu-2"), "Đề nghị giảm vốn pháp định."
    )
    save_document(_record(SECOND), new_version=True, version=VersionDetails(VersionKind.DRAFT, None, "Dự thảo lần 2"))
    # Everything the test body needs from the database, read here (not inside Playwright's loop).
    return live_server.url + reverse("consultations_redline:page", args=[consultation.pk]), comment.receipt_number


@pytest.fixture
def browser(revised) -> Iterator[object]:
    """Chromium started after the data fixtures (see tests/browser/conftest.py, `chromium`)."""
    from playwright.sync_api import sync_playwright

    assert CHROMIUM.exists(), f"Chromium is missing at {CHROMIUM}"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def test_it_shows_the_redline_of_a_revised_draft_accessibly(revised, browser):
    url, receipt = revised
    problems = []
    for viewport in (DESKTOP, PHONE):
        context = browser.new_context(viewport=viewport, locale="vi-VN", reduced_motion="reduce")
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.goto(url)
        expect(page.get_by_role("heading", level=1)).to_have_text("So sánh các phiên bản dự thảo")
        moved = page.get_by_role("region", name="Điều 3. Điều kiện kinh doanh (Sửa đổi, trước là Điều 2)")
        expect(moved.locator("del")).to_have_text(["[bỏ: pháp định]", "[bỏ: 5]"])
        expect(moved.locator("ins")).to_have_text(["[thêm: điều lệ]", "[thêm: 1]"])
        assert moved.locator("del").first.evaluate("e => getComputedStyle(e).textDecorationLine") == "line-through"
        assert moved.locator("ins").first.evaluate("e => getComputedStyle(e).textDecorationLine") == "underline"
        expect(moved.get_by_text(receipt)).to_be_visible()
        expect(moved.get_by_text("góp ý trên Phiên bản 1: Dự thảo lần 1", exact=False)).to_be_visible()
        expect(page.get_by_role("heading", name="Điều 2. Giải thích từ ngữ (Điều mới)")).to_be_visible()
        expect(page.get_by_role("heading", name="Điều 3. Báo cáo định kỳ (Đã bỏ)")).to_be_visible()
        problems += [f"{viewport['width']}px: {v}" for v in blocking(run_axe(page))]
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
        context.close()
    assert not problems, "\n".join(problems)


def test_it_compares_the_versions_chosen_in_the_form(revised, browser):
    url, _receipt = revised
    page = browser.new_context(viewport=DESKTOP, locale="vi-VN").new_page()
    page.set_default_timeout(15_000)
    page.goto(url)
    page.get_by_label("Phiên bản trước").select_option("2")
    page.get_by_label("Phiên bản sau").select_option("2")
    page.get_by_role("button", name="So sánh").click()
    expect(page.get_by_role("alert")).to_have_text("Hãy chọn hai phiên bản khác nhau để so sánh.")
    page.get_by_label("Phiên bản trước").select_option("1")
    page.get_by_role("button", name="So sánh").click()
    expect(page.get_by_role("status")).to_have_text(
        "Từ Phiên bản 1: Dự thảo lần 1 đến Phiên bản 2: Dự thảo lần 2: 3 điều thay đổi."
    )
    page.context.close()
