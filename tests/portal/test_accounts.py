"""Public accounts (django-allauth under /tai-khoan/): sign up with e-mail verification, sign in
by e-mail or user name, sign out, password reset, mails through the project's mail settings,
Vietnamese first; the Wagtail admin's own login for staff is untouched.

Personas from tests/conftest.py (alice: a legal officer, staff of the admin)."""

import re
import socket

import pytest
from allauth.account import urls as allauth_urls
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.models import User
from django.core import mail
from django.core.mail import get_connection
from django.test import override_settings
from django.urls import NoReverseMatch, reverse

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Gop-y-du-thao-2026"


def link_in(message) -> str:
    """The portal path of the one link in a mail."""
    urls = re.findall(r"https?://[^\s]+", message.body)
    assert len(urls) == 1, message.body
    return re.sub(r"^https?://[^/]+", "", urls[0])


def sign_up(client, email="lan@example.vn"):
    return client.post("/tai-khoan/dang-ky/", {"email": email, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD})


def test_it_mounts_every_view_allauth_registers_under_vietnamese_paths():
    names = {pattern.name for pattern in allauth_urls.urlpatterns}
    for name in names:
        try:
            path = reverse(name, kwargs={"key": "k"} if "confirm_email" in name else None)
        except NoReverseMatch:
            path = reverse(name, kwargs={"uidb36": "1", "key": "k"})
        assert path.startswith("/tai-khoan/"), (name, path)
    assert reverse("account_login") == "/tai-khoan/dang-nhap/"


def test_it_signs_a_person_up_and_signs_them_in_once_the_e_mailed_link_is_confirmed(client):
    response = sign_up(client)
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    user = User.objects.get(email="lan@example.vn")
    assert not EmailAddress.objects.get(user=user).verified

    (message,) = mail.outbox
    assert message.subject == "[Cổng tham vấn] Xác nhận địa chỉ thư điện tử"
    assert message.to == ["lan@example.vn"]
    assert "Để xác nhận, hãy mở đường dẫn" in message.body
    link = link_in(message)
    assert link.startswith("/tai-khoan/xac-nhan-thu/")

    # Opening the link (a mail scanner would) does not confirm it: the page asks.
    page = client.get(link)
    assert "Xác nhận rằng <strong>lan@example.vn</strong>" in page.content.decode()
    assert not EmailAddress.objects.get(user=user).verified

    confirmed = client.post(link)
    assert confirmed.status_code == 302
    assert EmailAddress.objects.get(user=user).verified
    account = client.get("/tai-khoan/")
    assert account.status_code == 200
    assert "lan@example.vn" in account.content.decode()


def test_it_refuses_a_sign_in_until_the_address_is_confirmed(client):
    sign_up(client)
    client.logout()
    response = client.post("/tai-khoan/dang-nhap/", {"login": "lan@example.vn", "password": NEW_PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert client.get("/tai-khoan/").status_code == 302  # not signed in
    # allauth sends the link again on a sign-in, at most once in three minutes per address.
    assert len(mail.outbox) == 1


def test_it_signs_in_with_the_e_mail_address_or_the_user_name_and_says_so_in_vietnamese(client, django_user_model):
    user = django_user_model.objects.create_user("lan", "lan@example.vn", NEW_PASSWORD)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    for login in ("lan@example.vn", "LAN@example.vn", "lan"):
        response = client.post("/tai-khoan/dang-nhap/", {"login": login, "password": NEW_PASSWORD}, follow=True)
        assert response.redirect_chain[-1][0] == "/tai-khoan/"
        assert "Đã đăng nhập với tài khoản lan@example.vn." in response.content.decode()
        client.post("/tai-khoan/dang-xuat/")


def test_it_names_a_wrong_password_in_vietnamese_and_links_the_error_to_the_form(client, django_user_model):
    django_user_model.objects.create_user("lan", "lan@example.vn", NEW_PASSWORD)
    response = client.post("/tai-khoan/dang-nhap/", {"login": "lan@example.vn", "password": "sai"})
    page = response.content.decode()
    assert response.status_code == 200
    assert 'class="error-summary" role="alert"' in page
    assert "hoặc mật khẩu không đúng." in page


def test_it_refuses_a_sign_up_with_a_bad_address_or_a_weak_password_naming_each_field(client):
    response = client.post("/tai-khoan/dang-ky/", {"email": "khong-phai-thu", "password1": "123", "password2": "456"})
    page = response.content.decode()
    assert response.status_code == 200
    assert 'href="#id_email"' in page and 'href="#id_password1"' in page
    assert 'aria-invalid="true"' in page and 'aria-describedby="id_email_error"' in page
    assert "Mật khẩu quá ngắn" in page
    assert not User.objects.exists()


def test_it_signs_out_only_on_a_post(client, django_user_model):
    user = django_user_model.objects.create_user("lan", "lan@example.vn", NEW_PASSWORD)
    client.force_login(user)
    confirm = client.get("/tai-khoan/dang-xuat/")
    assert confirm.status_code == 200 and "Bạn có chắc muốn đăng xuất?" in confirm.content.decode()
    assert client.get("/tai-khoan/").status_code == 200
    assert client.post("/tai-khoan/dang-xuat/").status_code == 302
    assert client.get("/tai-khoan/").status_code == 302


def test_it_resets_a_forgotten_password_through_the_e_mailed_link(client, django_user_model):
    user = django_user_model.objects.create_user("lan", "lan@example.vn", "mat-khau-cu-2025")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    response = client.post("/tai-khoan/mat-khau/quen/", {"email": "lan@example.vn"})
    assert response["Location"] == reverse("account_reset_password_done")
    (message,) = mail.outbox
    assert message.subject == "[Cổng tham vấn] Đặt lại mật khẩu"
    link = link_in(message)
    form = client.get(link, follow=True)
    action = form.redirect_chain[-1][0]
    assert "Đặt mật khẩu mới" in form.content.decode()
    done = client.post(action, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert done["Location"] == reverse("account_reset_password_from_key_done")
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    # The link works once.
    again = client.get(link, follow=True)
    assert "Đường dẫn không còn hiệu lực" in again.content.decode()


def test_it_keeps_the_wagtail_admin_login_for_staff(client, alice):
    response = client.post("/quan-tri/login/", {"username": "alice", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/quan-tri/").status_code == 200


def test_it_keeps_a_public_account_out_of_the_admin(client, django_user_model):
    user = django_user_model.objects.create_user("lan", "lan@example.vn", NEW_PASSWORD)
    client.force_login(user)
    response = client.get("/quan-tri/")
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response["Location"].startswith("/quan-tri/login/")


def test_it_shows_the_account_links_in_the_header(client, django_user_model):
    page = client.get("/").content.decode()
    assert 'href="/tai-khoan/dang-nhap/"' in page and 'href="/tai-khoan/dang-ky/"' in page
    client.force_login(django_user_model.objects.create_user("lan", "lan@example.vn", NEW_PASSWORD))
    page = client.get("/").content.decode()
    assert 'href="/tai-khoan/"' in page and 'action="/tai-khoan/dang-xuat/"' in page


def test_it_speaks_english_once_chosen(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get("/tai-khoan/dang-nhap/").content.decode()
    assert "<h1>Sign in</h1>" in page
    assert "E-mail address or user name" in page


def test_it_sends_mail_through_the_configured_relay_with_a_timeout():
    connection = get_connection("django.core.mail.backends.smtp.EmailBackend")
    assert connection.timeout == settings.EMAIL_TIMEOUT == 10


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_it_says_so_when_the_mail_relay_is_down_and_keeps_the_sign_up(client):
    with override_settings(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=closed_port(),
        EMAIL_TIMEOUT=2,
    ):
        response = sign_up(client)
        follow = client.get(response["Location"])
    assert response.status_code == 302
    assert "Hiện không gửi được thư điện tử đến lan@example.vn" in follow.content.decode()
    assert User.objects.filter(email="lan@example.vn").exists()


def test_it_names_the_portal_in_mails_not_example_com():
    from django.contrib.sites.models import Site

    site = Site.objects.get_current()
    assert site.name == "Cổng tham vấn và tra cứu quy định kinh doanh"
    assert site.domain == "127.0.0.1:8000"
