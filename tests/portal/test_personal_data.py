"""A person's data (Luật 91/2025/QH15): a signed-in person sees it, downloads it (JSON) and erases
it — the account and personal fields go, comments stay, anonymised; a commenter without an
account does the same for their comments through a signed link e-mailed to them.

Personas from tests/conftest.py: lan (a business's public account), alice (a legal officer)."""

import json
import re
import time

import pytest
from django.contrib.auth.models import User
from django.core import mail, signing
from django.core.files.base import ContentFile
from django.utils import timezone
from django_comments.models import CommentFlag

from consultations import display
from consultations.intake import ratelimit
from consultations.models import ApiKey, CommenterType, CommentStatus, ConsultationComment, RateCounter
from portal.accounts.personal_data import LINK_SALT, key_for_email, key_from_token, link_token
from tests.conftest import PASSWORD
from tests.consultations.builders import make_comment, make_consultation

pytestmark = pytest.mark.django_db


@pytest.fixture
def consultation():
    return make_consultation()


@pytest.fixture
def lans_comments(consultation, lan):
    """lan commented twice signed in (as her business, and as herself), and once before she
    had an account, with the same address; someone else commented too."""
    business = make_comment(
        consultation,
        text="Đề nghị bỏ điều kiện vốn.",
        sent_by=lan,
        user=lan,
        user_email=lan.email,
        tax_code="0100109106",
    )
    business.attachment.save("gop-y.pdf", ContentFile(b"%PDF-1.4 Nguyen Thi Lan, 0912345678"))
    personal = make_comment(
        consultation,
        text="Ý kiến cá nhân của tôi.",
        commenter_type=CommenterType.INDIVIDUAL,
        organization="",
        user_name="Phạm Thị Lan",
        user_email=lan.email,
        show_name=True,
        sent_by=lan,
    )
    before = make_comment(
        consultation,
        text="Góp ý trước khi có tài khoản.",
        commenter_type=CommenterType.INDIVIDUAL,
        organization="",
        user_name="Lan",
        user_email="LAN@minhphat.vn",
    )
    other = make_comment(
        consultation,
        text="Ý kiến của người khác.",
        commenter_type=CommenterType.INDIVIDUAL,
        organization="",
        user_name="Võ Văn Tâm",
        user_email="tam@example.vn",
    )
    return business, personal, before, other


def test_it_shows_a_signed_in_person_everything_held_about_them_and_nothing_of_others(client, lan, lans_comments):
    business, personal, before, other = lans_comments
    client.force_login(lan)
    page = client.get("/tai-khoan/du-lieu/")
    assert page["Cache-Control"] == "no-store"
    text = page.content.decode()
    for comment in (business, personal, before):
        assert comment.receipt_number in text
    assert other.receipt_number not in text and "tam@example.vn" not in text
    assert "lan@minhphat.vn" in text and "0100109106" in text and "Phạm Thị Lan" in text

    download = client.get("/tai-khoan/du-lieu.json")
    assert download["Content-Disposition"] == 'attachment; filename="du-lieu-ca-nhan.json"'
    data = json.loads(download.content)
    assert data["account"]["username"] == "lan"
    assert data["account"]["email_addresses"] == [{"email": "lan@minhphat.vn", "verified": True, "primary": True}]
    assert {row["receipt_number"] for row in data["comments"]} == {
        business.receipt_number,
        personal.receipt_number,
        before.receipt_number,
    }
    row = next(row for row in data["comments"] if row["receipt_number"] == personal.receipt_number)
    assert (row["name"], row["email"], row["show_name"], row["shown_publicly_as"]) == (
        "Phạm Thị Lan",
        "lan@minhphat.vn",
        True,
        "Phạm Thị Lan",
    )


def counted_keys() -> set[str]:
    """The rate-limit keys with a counter (without their window length)."""
    return {key.rsplit(":", 1)[0] for key in RateCounter.objects.values_list("key", flat=True)}


def test_it_erases_the_account_and_keeps_the_comments_anonymised(client, lan, lans_comments, consultation):
    business, personal, before, other = lans_comments
    lans = {ratelimit.person_key(lan.pk), ratelimit.person_key(None, "lan@minhphat.vn")}
    others = {ratelimit.person_key(None, other.user_email), "ip:" + "ab" * 16}
    for key in lans | others:
        ratelimit.hit({"account": key}, timezone.now())
    ApiKey.objects.create(user=lan, prefix="tv_abc", key_hash="x")
    CommentFlag.objects.create(comment_id=other.pk, user=lan, flag=CommentFlag.SUGGEST_REMOVAL)
    unconfirmed = ConsultationComment(
        consultation=consultation, comment="chưa xác nhận", commenter_type="individual", user_email=lan.email
    )
    unconfirmed.save()
    labels_before = {pk: c.label for pk, c in display.commenters([before, other]).items()}
    attachment = business.attachment.name
    storage = business.attachment.storage

    client.post("/tai-khoan/dang-nhap/", {"login": "lan", "password": PASSWORD})
    client.post("/tai-khoan/xac-thuc-lai/", {"password": PASSWORD})  # erasing asks for it again
    page = client.get("/tai-khoan/xoa/")
    assert "Xóa tài khoản và dữ liệu cá nhân" in page.content.decode()
    refused = client.post("/tai-khoan/xoa/", {})
    assert "Hãy đánh dấu ô này để xác nhận." in refused.content.decode()
    assert User.objects.filter(username="lan").exists()

    response = client.post("/tai-khoan/xoa/", {"confirm": "on"}, follow=True)
    assert "Tài khoản và dữ liệu cá nhân của bạn đã bị xóa; 3 góp ý được giữ lại, ẩn danh." in response.content.decode()
    assert not User.objects.filter(username="lan").exists()
    assert not ApiKey.objects.exists() and not CommentFlag.objects.exists()
    assert not ConsultationComment.objects.filter(pk=unconfirmed.pk).exists()
    assert counted_keys() == others, "her rate-limit counters go; an address's and others' stay"

    for comment in (business, personal, before):
        comment.refresh_from_db()
        assert (comment.user_email, comment.user_name, comment.tax_code, comment.sent_by, comment.user) == (
            "",
            "",
            "",
            None,
            None,
        )
        assert not comment.show_name and comment.status == CommentStatus.RECEIVED
    assert business.organization == "Công ty TNHH Xăng dầu Minh Phát" and not business.attachment
    assert not storage.exists(attachment)
    assert ConsultationComment.objects.counted().filter(consultation=consultation).count() == 4
    # Still «Cá nhân #N» with the same N; the consented name is gone.
    shown = display.commenters([personal, before, other])
    assert {pk: shown[pk].label for pk in labels_before} == labels_before
    assert shown[personal.pk].label == shown[before.pk].label == labels_before[before.pk] == "Cá nhân #1"
    assert client.post("/tai-khoan/dang-nhap/", {"login": "lan", "password": PASSWORD}).status_code == 200


def test_it_asks_for_the_password_again_before_erasing(client, lan, lans_comments):
    client.force_login(lan)  # no recent password: allauth asks for it
    response = client.post("/tai-khoan/xoa/", {"confirm": "on"})
    assert response.status_code == 302 and response["Location"].startswith("/tai-khoan/xac-thuc-lai/")
    assert User.objects.filter(username="lan").exists()
    resumed = client.post(response["Location"], {"password": PASSWORD}, follow=True)
    assert resumed.status_code == 200
    assert not User.objects.filter(username="lan").exists()


def test_it_leaves_staff_accounts_to_their_agency(client, alice):
    client.force_login(alice)
    assert "Xóa tài khoản" not in client.get("/tai-khoan/").content.decode()
    response = client.post("/tai-khoan/xoa/", {"confirm": "on"})
    assert response.status_code == 403
    assert User.objects.filter(username="alice").exists()


def link_in(message) -> str:
    (url,) = re.findall(r"https?://\S+", message.body)
    return re.sub(r"^https?://[^/]+", "", url)


def test_it_e_mails_a_commenter_a_link_to_their_comments_and_lets_them_erase(client, lans_comments):
    business, personal, before, other = lans_comments
    for email in ("Lan@MinhPhat.vn", other.user_email):
        ratelimit.hit({"account": ratelimit.person_key(None, email)}, timezone.now())
    response = client.post("/du-lieu-ca-nhan/", {"email": "Lan@MinhPhat.vn"})
    assert "Hãy xem hộp thư của bạn" in response.content.decode()
    (message,) = mail.outbox
    assert message.to == ["Lan@MinhPhat.vn"] and message.subject == "[Cổng tham vấn] Dữ liệu trong góp ý của bạn"
    link = link_in(message)
    assert "lan" not in link.lower().replace("/du-lieu-ca-nhan/", "")  # no address in the link

    page = client.get(link).content.decode()
    for comment in (business, personal, before):
        assert comment.receipt_number in page
    assert other.receipt_number not in page
    data = json.loads(client.get(link + "json/").content)
    assert len(data["comments"]) == 3 and "account" not in data

    erased = client.post(link + "xoa/", {"confirm": "on"})
    assert "3 góp ý được giữ lại, ẩn danh" in erased.content.decode()
    before.refresh_from_db()
    assert before.user_email == "" and before.user_name == "" and before.status == CommentStatus.RECEIVED
    assert "Không có góp ý nào." in client.get(link).content.decode()
    other.refresh_from_db()
    assert other.user_email == "tam@example.vn"
    assert counted_keys() == {ratelimit.person_key(None, other.user_email)}


def test_it_answers_the_same_for_an_address_without_comments_and_sends_nothing(client, lans_comments):
    response = client.post("/du-lieu-ca-nhan/", {"email": "khong-ai@example.vn"})
    assert "Hãy xem hộp thư của bạn" in response.content.decode()
    assert not mail.outbox


def test_it_sends_at_most_one_link_per_address_in_ten_minutes(client, lans_comments):
    client.post("/du-lieu-ca-nhan/", {"email": "lan@minhphat.vn"})
    client.post("/du-lieu-ca-nhan/", {"email": "lan@minhphat.vn"})
    assert len(mail.outbox) == 1


def test_it_refuses_a_tampered_or_expired_link(client, lans_comments):
    token = link_token("lan@minhphat.vn")
    assert key_from_token(token) == key_for_email("lan@minhphat.vn")
    forged = token[:-2] + ("aa" if not token.endswith("aa") else "bb")
    assert client.get(f"/du-lieu-ca-nhan/{forged}/").status_code == 400
    assert client.post(f"/du-lieu-ca-nhan/{forged}/xoa/", {"confirm": "on"}).status_code == 400

    class ThreeDaysAgo(signing.TimestampSigner):
        def timestamp(self):
            return signing.b62_encode(int(time.time()) - 3 * 24 * 3600)

    expired = ThreeDaysAgo(salt=LINK_SALT).sign_object({"k": key_for_email("lan@minhphat.vn")})
    page = client.get(f"/du-lieu-ca-nhan/{expired}/")
    assert page.status_code == 400 and "Đường dẫn không còn hiệu lực" in page.content.decode()
    assert ConsultationComment.objects.filter(user_email__iexact="lan@minhphat.vn").count() == 3
