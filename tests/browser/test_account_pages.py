"""Accounts, personal data and moderation pages in Chromium: axe-core finds no serious or
critical WCAG 2.1 A/AA violation on each, desktop and phone; a phone never scrolls sideways; the
flows work with the keyboard-visible controls a person uses. Personas: lan (a business's public
account), mai (moderator, Bộ Công Thương)."""

import re

import pytest
from django_comments.models import CommentFlag
from playwright.sync_api import expect

from portal.accounts.personal_data import link_token
from tests.conftest import PASSWORD
from tests.consultations.builders import make_comment, make_consultation

from .axe import blocking, run_axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def comments(live_server, lan, mai):
    """A consultation of Bộ Công Thương with a reported comment, made before Chromium starts."""
    consultation = make_consultation(agency="Bộ Công Thương")
    article = consultation.version.provisions.get(anchor="dieu-3")
    reported = make_comment(consultation, provision=article, text="Mua ngay <b>máy lọc nước</b> giá rẻ!")
    mine = make_comment(
        consultation,
        text="Đề nghị bỏ điều kiện về kho chứa.",
        user_email=lan.email,
        sent_by=lan,
        tax_code="0100109106",
    )
    CommentFlag.objects.create(comment_id=reported.pk, user=lan, flag=CommentFlag.SUGGEST_REMOVAL)
    return {"url": live_server.url, "reported": reported, "mine": mine, "token": link_token(lan.email)}


def assert_accessible(tab, where: str) -> None:
    violations = blocking(run_axe(tab))
    assert not violations, f"{where}: " + "; ".join(map(str, violations))
    assert tab.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), f"{where} scrolls sideways"


def sign_in(tab, url: str, login: str) -> None:
    tab.goto(url + "/tai-khoan/dang-nhap/")
    tab.get_by_label("Thư điện tử hoặc tên đăng nhập").fill(login)
    tab.get_by_label("Mật khẩu", exact=True).fill(PASSWORD)
    tab.get_by_role("button", name="Đăng nhập").click()
    tab.wait_for_url(re.compile(r"/tai-khoan/$"))


@pytest.mark.parametrize("tab_name", ["bare_desktop", "bare_phone"])
def test_the_account_pages_are_accessible(comments, request, tab_name):
    tab = request.getfixturevalue(tab_name)
    url = comments["url"]
    for path in ("/tai-khoan/dang-nhap/", "/tai-khoan/dang-ky/", "/tai-khoan/mat-khau/quen/", "/du-lieu-ca-nhan/"):
        tab.goto(url + path)
        assert_accessible(tab, path)

    # A refused sign-up: the error summary and the fields' errors.
    tab.goto(url + "/tai-khoan/dang-ky/")
    tab.get_by_label("Thư điện tử").fill("khong-phai-dia-chi")
    tab.get_by_label("Mật khẩu", exact=True).fill("123")
    tab.get_by_label("Nhập lại mật khẩu").fill("456")
    tab.get_by_role("button", name="Đăng ký", exact=True).last.click()
    expect(tab.get_by_role("alert")).to_contain_text("Chưa thực hiện được")
    assert_accessible(tab, "sign-up with errors")

    tab.goto(url + f"/du-lieu-ca-nhan/{comments['token']}/")
    expect(tab.locator("h1")).to_have_text("Dữ liệu trong góp ý của bạn")
    assert_accessible(tab, "a commenter's data")

    sign_in(tab, url, "lan@minhphat.vn")
    assert_accessible(tab, "/tai-khoan/")
    for path in ("/tai-khoan/du-lieu/", "/tai-khoan/thu-dien-tu/", "/tai-khoan/mat-khau/doi/"):
        tab.goto(url + path)
        assert_accessible(tab, path)
    tab.goto(url + "/tai-khoan/du-lieu/")
    expect(tab.locator(".data-list")).to_contain_text(comments["mine"].receipt_number)

    tab.goto(url + f"/tham-van/bao-cao-vi-pham/{comments['reported'].pk}/")
    expect(tab.locator(".comment-text")).to_have_text("Mua ngay <b>máy lọc nước</b> giá rẻ!")  # as text
    assert_accessible(tab, "the report page")


def test_a_moderator_hides_a_reported_comment_in_the_admin(comments, bare_desktop):
    tab, url, reported = bare_desktop, comments["url"], comments["reported"]
    tab.goto(url + "/quan-tri/login/")
    tab.locator("#id_username").fill("mai")
    tab.locator("#id_password").fill(PASSWORD)
    tab.locator("button[type=submit]").click()
    tab.wait_for_url(re.compile(r"/quan-tri/$"))
    tab.goto(url + "/quan-tri/kiem-duyet/")
    queue = tab.locator("table.listing")
    expect(queue).to_contain_text(reported.receipt_number)
    expect(queue).not_to_contain_text(comments["mine"].receipt_number)
    violations = blocking(run_axe(tab))
    assert not violations, "; ".join(map(str, violations))

    tab.get_by_role("link", name=reported.receipt_number).click()
    violations = blocking(run_axe(tab))
    assert not violations, "; ".join(map(str, violations))
    tab.get_by_label("nội dung quảng cáo").check()
    tab.get_by_label("Giải thích").fill("quảng cáo máy lọc nước")
    tab.get_by_role("button", name="Ẩn góp ý").click()
    tab.wait_for_url(re.compile(r"/quan-tri/kiem-duyet/$"))
    expect(tab.locator(".messages")).to_contain_text("đã ẩn: nội dung quảng cáo")
    tab.goto(url + "/quan-tri/kiem-duyet/nhat-ky/")
    expect(tab.locator("table.listing")).to_contain_text("quảng cáo máy lọc nước")
