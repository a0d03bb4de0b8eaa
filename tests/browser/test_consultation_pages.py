"""Consultations in a real browser: the list at /tham-van/ and its filters (HTMX, and plain
links without it), the demo draft (seed 000) with its units' comment counts, comments and the
"Góp ý" action, accessibility (axe) and a phone's width. Data: the demo library and the demo
consultations (consultations.demo), with two comments on a unit and four general ones (the page
draws three, then «Xem tất cả», which HTMX loads in place)."""

import re

import pytest
from playwright.sync_api import expect

from .axe import blocking, run_axe
from .conftest import corpus_dir

pytestmark = [
    pytest.mark.browser,
    # serialized_rollback restores Wagtail's root page, which the live server's flush removes.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SEED_URL = "/tham-van/van-phong-chinh-phu/du-thao-nghi-quyet-day-manh-cai-cach-thu-tuc-hanh-chinh/"
UNIT = "phan-ii-khoan-1-diem-d"  # II.1.d) Văn phòng Chính phủ: operates the consultation portal


@pytest.fixture
def consultations(library):
    from consultations.demo import load_demo_consultations
    from tests.consultations.builders import make_comment

    demo = load_demo_consultations(corpus_dir())
    unit = demo.open.version.provisions.get(anchor=UNIT)
    first = make_comment(
        demo.open,
        unit,
        text="Đề nghị bổ sung thời hạn công khai kết quả tiếp thu, giải trình trên Cổng.",
        organization="Hiệp hội Doanh nghiệp nhỏ và vừa Việt Nam",
        commenter_type="association",
    )
    make_comment(
        demo.open,
        unit,
        parent_id=first.pk,
        text="<b>Đồng ý</b> với ý kiến trên.",
        commenter_type="individual",
        organization="",
    )
    for n in range(4):  # one more than the page draws: «Xem tất cả 4 góp ý chung»
        make_comment(demo.open, None, text=f"Góp ý chung số {n + 1} về thủ tục hành chính.")
    return library


def no_blocking_violations(tab) -> None:
    problems = blocking(run_axe(tab))
    assert not problems, "\n".join(map(str, problems))


def filters_the_list_and_opens_the_draft_at_a_unit(library, desktop):
    desktop.goto(library.url + "/tham-van/")
    items = desktop.locator(".consultation-list .consultation-item")
    expect(items).to_have_count(3)
    expect(items.first.locator(".badge")).to_have_text("Đang lấy ý kiến")
    no_blocking_violations(desktop)

    desktop.get_by_label("Trạng thái").select_option("upcoming")  # HTMX: only the results change
    desktop.wait_for_url(re.compile(r"/tham-van/\?status=upcoming$"))
    expect(items).to_have_count(1)
    expect(items.first).to_contain_text("kinh doanh vàng")
    expect(desktop.locator("h1")).to_have_text("Lấy ý kiến dự thảo")

    desktop.get_by_label("Trạng thái").select_option("open")
    expect(items).to_have_count(1)
    link = items.first.locator("a.document-link")
    expect(link).to_have_attribute("href", SEED_URL)
    link.click()
    desktop.wait_for_url(re.compile(re.escape(SEED_URL) + "$"), timeout=45_000)
    expect(desktop.locator(".consultation-header .badge")).to_have_text("Đang lấy ý kiến")
    expect(desktop.locator(".countdown")).to_contain_text("để góp ý")
    expect(desktop.locator(".questions li")).to_have_count(3)

    unit = desktop.locator(f"#{UNIT}")
    expect(unit.locator(".comment-count").first).to_have_text("2 góp ý")
    thread = unit.locator(".unit-comments .comment").first
    expect(thread.locator("strong").first).to_have_text("Hiệp hội Doanh nghiệp nhỏ và vừa Việt Nam")
    reply = thread.locator(".comment-replies .comment")
    expect(reply.locator(".comment-text")).to_have_text("<b>Đồng ý</b> với ý kiến trên.")  # text, not markup
    assert reply.locator(".comment-text b").count() == 0
    expect(reply.locator("strong")).to_have_text("Cá nhân #1")
    expect(desktop.locator("#phan-i .comment-count").first).to_have_text("0 góp ý")
    no_blocking_violations(desktop)

    general = desktop.locator("#gop-y-chung .unit-comments > .comment")
    expect(general).to_have_count(3)
    desktop.get_by_role("link", name="Xem tất cả 4 góp ý chung").click()  # HTMX: the rest in place
    expect(general).to_have_count(4)
    expect(general.nth(3)).to_be_focused()  # the first comment that was not shown
    assert desktop.url == library.url + SEED_URL
    expect(desktop.get_by_role("link", name="Xem tất cả 4 góp ý chung")).to_have_count(0)

    unit.get_by_role("link", name=re.compile("^Góp ý mục này")).first.click()
    desktop.wait_for_url(re.compile(re.escape(SEED_URL) + rf"\?muc={UNIT}#gop-y$"))
    expect(desktop.locator("#gop-y .selected-unit")).to_contain_text("điểm d khoản 1 Phần II")


def the_list_and_the_draft_fit_a_phone(library, phone):
    for path in ("/tham-van/", SEED_URL):
        phone.goto(library.url + path)
        width = phone.evaluate("document.documentElement.scrollWidth")
        assert width <= 375, f"{path} scrolls sideways on a phone ({width}px)"
        no_blocking_violations(phone)
    expect(phone.locator(f"#{UNIT} .comment-action").first).to_be_visible()


def the_filters_work_without_javascript(library, chromium):
    context = chromium.new_context(java_script_enabled=False, locale="vi-VN")
    tab = context.new_page()
    try:
        tab.goto(library.url + "/tham-van/")
        tab.get_by_label("Trạng thái").select_option("closed")
        tab.get_by_role("button", name="Áp dụng").click()
        tab.wait_for_url(re.compile(r"/tham-van/\?status=closed"))
        expect(tab.locator(".consultation-list .consultation-item")).to_have_count(1)
        expect(tab.locator(".consultation-item .badge")).to_have_text("Đã đóng")
        tab.goto(library.url + SEED_URL)  # «Xem tất cả» without JavaScript: the page with the unit expanded
        tab.get_by_role("link", name="Xem tất cả 4 góp ý chung").click()
        tab.wait_for_url(re.compile(r"\?xem=gop-y-chung#gop-y-\d+$"))
        expect(tab.locator("#gop-y-chung .unit-comments > .comment")).to_have_count(4)
    finally:
        context.close()


@pytest.mark.usefixtures("consultations")
def test_a_reader_finds_a_draft_and_its_comments_on_a_desktop_a_phone_and_without_javascript(
    library, desktop, phone, chromium
):
    """One demo library and its consultations (loading them is most of the time), each check in turn."""
    filters_the_list_and_opens_the_draft_at_a_unit(library, desktop)
    the_list_and_the_draft_fit_a_phone(library, phone)
    the_filters_work_without_javascript(library, chromium)
