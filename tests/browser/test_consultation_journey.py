"""Issue 7's "done when" journey in Chromium, from upload to closing, through the real pages:

1. Alice, legal officer of Bộ Tài chính, signs in to the Wagtail admin, uploads a DOCX draft as
   a consultation of her ministry (open from now, 30 days) and submits it to the ministry's
   workflow; Bob, its approver, approves it: the consultation and its draft are published.
2. Lan, a business's public account, signs in at /tai-khoan/, opens the consultation at
   /tham-van/, chooses "Góp ý điều này" on Article 3, comments as a business with its tax code
   and gets a receipt number (mã tiếp nhận); the receipt page says "đã tiếp nhận".
3. The comment shows on the consultation page under Article 3.
4. The closing time passes (the consultation's period is moved into the past between two
   browser sessions: the test body must not write to the database while Chromium runs, see
   tests/browser/conftest.py); the page no longer has the form, and the API refuses a comment
   with 409.
"""

import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.conftest import PASSWORD
from tests.consultations.builders import write_docx

from .conftest import DESKTOP, _launch

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

DRAFT_LINES = [
    "BỘ TÀI CHÍNH",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Số:      /2026/TT-BTC",
    "Hà Nội, ngày    tháng    năm 2026",
    "DỰ THẢO",
    "THÔNG TƯ",
    "Hướng dẫn hóa đơn điện tử đối với hộ kinh doanh",
    "Điều 1. Phạm vi điều chỉnh",
    "Thông tư này hướng dẫn việc sử dụng hóa đơn điện tử của hộ kinh doanh.",
    "Điều 2. Đối tượng áp dụng",
    "1. Hộ kinh doanh nộp thuế theo phương pháp kê khai.",
    "2. Cơ quan thuế các cấp.",
    "Điều 3. Thời hạn chuyển đổi",
    "Hộ kinh doanh chuyển sang hóa đơn điện tử chậm nhất sau 6 tháng kể từ ngày Thông tư này có hiệu lực.",
    "Điều 4. Hiệu lực thi hành",
    "Thông tư này có hiệu lực từ ngày 01 tháng 7 năm 2027.",
]
TITLE = "Dự thảo Thông tư Hướng dẫn hóa đơn điện tử đối với hộ kinh doanh"
COMMENT = "Đề nghị kéo dài thời hạn chuyển đổi tại Điều 3 lên 12 tháng cho hộ kinh doanh ở vùng sâu, vùng xa."
TAX_CODE = "0100109106-001"
BUSINESS = "Công ty TNHH Xăng dầu Minh Phát"


@pytest.fixture
def journey(live_server, alice, bob, lan, tmp_path):
    """Everything the journey needs that is not made through the pages: the ministry's
    consultation folder, the people, the DOCX file, Lan's API key."""
    from consultations.folders import ensure_consultation_folder
    from consultations.intake.api_keys import issue_key
    from regulations.agencies import resolve_agency

    folder = ensure_consultation_folder(resolve_agency("Bộ Tài chính"))
    draft = write_docx(tmp_path / "du-thao-thong-tu-hoa-don.docx", DRAFT_LINES)
    _key, raw_key = issue_key(lan, "máy chủ của doanh nghiệp")
    return {"url": live_server.url, "folder": folder, "draft": draft, "api_key": raw_key}


@contextmanager
def chromium_session() -> Iterator[object]:
    """Chromium for one part of the journey (the database is written between two parts)."""
    yield from _launch()


def new_tab(chromium):
    context = chromium.new_context(viewport=DESKTOP, locale="vi-VN", reduced_motion="reduce")
    tab = context.new_page()
    tab.set_default_timeout(20_000)
    tab.on("dialog", lambda dialog: dialog.accept())
    return tab


def admin_sign_in(tab, url: str, username: str) -> None:
    tab.goto(url + "/quan-tri/login/")
    tab.locator("#id_username").fill(username)
    tab.locator("#id_password").fill(PASSWORD)
    tab.locator("button[type=submit]").click()
    tab.wait_for_url(re.compile(r"/quan-tri/$"))


def public_sign_in(tab, url: str, login: str) -> None:
    tab.goto(url + "/tai-khoan/dang-nhap/")
    tab.get_by_label("Thư điện tử hoặc tên đăng nhập").fill(login)
    tab.get_by_label("Mật khẩu", exact=True).fill(PASSWORD)
    tab.get_by_role("button", name="Đăng nhập").click()
    tab.wait_for_url(re.compile(r"/tai-khoan/$"))


def test_it_takes_a_draft_from_upload_to_closing_with_a_receipted_comment_on_article_3(journey):
    from consultations.models import ConsultationComment, ConsultationPage

    url, folder = journey["url"], journey["folder"]
    opens = timezone.localtime() - timedelta(minutes=5)
    closing_day = opens.date() + timedelta(days=30)

    with chromium_session() as chromium:
        # 1. The officer uploads the draft and submits it; the approver publishes it.
        officer = new_tab(chromium)
        admin_sign_in(officer, url, "alice")
        officer.goto(f"{url}/quan-tri/pages/add/consultations/consultationpage/{folder.pk}/")
        officer.locator("input[name=draft_file]").set_input_files(str(journey["draft"]))
        officer.locator("input[name=opens_at]").fill(f"{opens:%Y-%m-%d %H:%M}")
        officer.locator("input[name=closing_date]").fill(f"{closing_day:%Y-%m-%d}")
        officer.keyboard.press("Escape")  # close the date picker
        # A DOM click, not a mouse click: under load the form's layout can shift between the
        # mouse's press and release, and the release then lands beside the button.
        officer.locator("#id_questions-ADD").dispatch_event("click")
        officer.locator("[name='questions-0-text']").fill("Thời hạn 6 tháng ở Điều 3 có đủ cho hộ kinh doanh không?")
        officer.locator("button[name=action-submit]").dispatch_event("click")  # in the footer's menu
        officer.wait_for_url(re.compile(r"/quan-tri/pages/\d+/$"))

        approver = new_tab(chromium)
        admin_sign_in(approver, url, "bob")
        # DOM clicks in the admin: its layout can move under load between a mouse's press and release.
        approver.locator("a[href*='/edit/']", has_text="Hướng dẫn hóa đơn điện tử").first.dispatch_event("click")
        approver.wait_for_url(re.compile(r"/quan-tri/pages/\d+/edit/"))
        approve = approver.locator("button[data-workflow-action-name=approve]:not([data-workflow-action-modal-url])")
        with approver.expect_navigation():
            approve.dispatch_event("click")

        # 2. A business comments on Article 3 with its tax code and gets a receipt.
        business = new_tab(chromium)
        public_sign_in(business, url, "lan@minhphat.vn")
        business.goto(url + "/tham-van/")
        business.locator(".consultation-item a.document-link", has_text=TITLE).click()
        consultation_url = business.url.split("?")[0].split("#")[0].removeprefix(url)
        article_3 = business.locator("#dieu-3")
        expect(article_3).to_contain_text("Thời hạn chuyển đổi")
        article_3.get_by_role("link", name=re.compile("^Góp ý điều này")).click()
        business.wait_for_url(re.compile(r"\?muc=dieu-3#gop-y$"))
        assert "Điều 3" in business.get_by_label("Góp ý cho").evaluate("el => el.options[el.selectedIndex].text")
        business.get_by_label("Doanh nghiệp", exact=True).check()
        business.get_by_label("Tên tổ chức").fill(BUSINESS)
        business.get_by_label("Mã số thuế").fill(TAX_CODE)
        business.get_by_label("Nội dung góp ý").fill(COMMENT)
        business.get_by_role("button", name="Gửi góp ý").click()
        business.wait_for_url(re.compile(r"/tham-van/bien-nhan/TV-\d{4}-\d{6}-[0-9A-Z]{4}/"))
        receipt_number = business.locator(".receipt-number").inner_text()
        assert re.fullmatch(r"TV-\d{4}-\d{6}-[0-9A-Z]{4}", receipt_number), receipt_number
        expect(business.locator(".receipt-status")).to_have_text("đã tiếp nhận")
        expect(business.locator(".receipt")).to_contain_text("Điều 3")

        # 3. The comment is on the page, under Article 3, and counted there.
        business.goto(url + consultation_url)
        under_article_3 = business.locator("#dieu-3 .unit-comments .comment")
        expect(under_article_3).to_have_count(1)
        expect(under_article_3).to_contain_text(COMMENT)
        expect(under_article_3.locator(".comment-meta")).to_contain_text(BUSINESS)
        expect(business.locator("#dieu-3 .comment-count").first).to_have_text("1 góp ý")
        expect(business.get_by_role("button", name="Gửi góp ý")).to_be_visible()

    # The database, between the two browser sessions: exactly one comment, received, on
    # Article 3 of the uploaded draft; then the closing time passes.
    page = ConsultationPage.objects.get(title=TITLE)
    assert page.live and page.get_parent().pk == folder.pk
    comment = ConsultationComment.objects.get(receipt_number=receipt_number)
    assert comment.consultation_id == page.pk and comment.provision.anchor == "dieu-3"
    assert comment.status == "received" and comment.on_time and comment.tax_code == "0100109106-001"
    past = timezone.localtime() - timedelta(minutes=1)
    ConsultationPage.objects.filter(pk=page.pk).update(
        opens_at=past - timedelta(days=31),
        closing_date=past.date(),
        closing_time=past.time().replace(second=0, microsecond=0),
        closes_at=past.replace(second=0, microsecond=0),
    )

    with chromium_session() as chromium:
        # 4. After the closing time: no form on the page, and the API answers 409.
        business = new_tab(chromium)
        business.goto(url + consultation_url)
        expect(business.locator("#dieu-3")).to_contain_text(COMMENT)
        expect(business.get_by_role("button", name="Gửi góp ý")).to_have_count(0)
        expect(business.get_by_role("link", name=re.compile("^Góp ý điều này"))).to_have_count(0)
        expect(business.locator("form[action*='/tham-van/gop-y/']")).to_have_count(0)
        expect(business.get_by_text("Đã hết thời gian lấy ý kiến").first).to_be_visible()
        response = business.request.post(
            f"{url}/api/v1/consultations/{page.pk}/comments",
            headers={"X-Api-Key": journey["api_key"]},
            data={
                "article_id": comment.provision_id,
                "text": "Góp ý gửi sau thời hạn.",
                "commenter_type": "business",
                "organization": BUSINESS,
                "tax_code": TAX_CODE,
                "idempotency_key": "sau-thoi-han-1",
            },
        )
        assert response.status == 409, response.text()
        assert "consultation" in response.json()["errors"]
    assert ConsultationComment.objects.filter(consultation=page).count() == 1
