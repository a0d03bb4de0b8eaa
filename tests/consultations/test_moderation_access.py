"""Each role against each moderation action, through the pages themselves: the admin queue, a
comment's moderation page, the log, the consultation's edit page, the public report page.

Personas from tests/conftest.py: alice (legal officer) and bob (approver) of Bộ Tài chính, carol
(legal officer, Bộ Công Thương), mai (moderator, Bộ Công Thương), minh (moderator, Bộ Tài chính),
lan (a business's public account), visitor (anonymous), admin (superuser)."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_comments.models import CommentFlag

from consultations import access
from consultations.models import CommentStatus, ModerationEvent
from tests.conftest import PASSWORD
from tests.consultations.builders import make_comment, make_consultation, make_draft

pytestmark = pytest.mark.django_db

QUEUE = "/quan-tri/kiem-duyet/"


@pytest.fixture
def trade_comment():
    """A comment on a consultation of Bộ Công Thương."""
    return make_comment(make_consultation(agency="Bộ Công Thương"), text="Đề nghị bỏ giấy phép con.")


@pytest.fixture
def finance_comment():
    draft = make_draft(title="Dự thảo Thông tư về hóa đơn điện tử", agency="Bộ Tài chính", doc_type="thong-tu")
    return make_comment(make_consultation(draft, agency="Bộ Tài chính"), text="Đề nghị lùi thời hạn áp dụng.")


def hide(client, comment, reason="quang-cao", note=""):
    return client.post(f"{QUEUE}{comment.pk}/", {"action": "hide", "an-reason": reason, "an-note": note})


# ---- who reaches what -------------------------------------------------------------------------

ROLES = ["visitor", "lan", "alice", "bob", "carol", "mai", "minh", "admin"]
# role: (sees the queue, moderates Bộ Công Thương's comment, edits its consultation, publishes it)
EXPECTED = {
    "visitor": (False, False, False, False),
    "lan": (False, False, False, False),
    "alice": (False, False, False, False),
    "bob": (False, False, False, False),
    "carol": (False, False, True, False),
    "mai": (True, True, False, False),
    "minh": (True, False, False, False),
    "admin": (True, True, True, True),
}


@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_exactly_its_rights_on_a_consultation_of_bo_cong_thuong(role, request, trade_comment):
    user = AnonymousUser() if role == "visitor" else request.getfixturevalue(role)
    consultation = trade_comment.consultation
    found = (
        access.can_use_moderation_queue(user),
        access.can_moderate(user, trade_comment),
        access.can_edit_consultation(user, consultation),
        access.can_publish_consultation(user, consultation),
    )
    assert found == EXPECTED[role]


def refused(response) -> bool:
    """Wagtail answers a refused admin page with a redirect to the dashboard and a message."""
    return response.status_code == 403 or (response.status_code == 302 and response["Location"] == "/quan-tri/")


def signed_in(client, user):
    client.force_login(user)
    return client


@pytest.mark.parametrize("role", ["alice", "bob", "carol"])
def test_legal_officers_and_approvers_are_refused_the_queue(role, request, client, trade_comment):
    signed_in(client, request.getfixturevalue(role))
    assert refused(client.get(QUEUE))
    assert refused(client.get(f"{QUEUE}{trade_comment.pk}/"))
    assert refused(hide(client, trade_comment))
    trade_comment.refresh_from_db()
    assert trade_comment.status == CommentStatus.RECEIVED


def test_a_public_account_never_reaches_the_admin(client, lan, trade_comment):
    signed_in(client, lan)
    for url in ("/quan-tri/", QUEUE, f"{QUEUE}{trade_comment.pk}/"):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        if response.status_code == 302:
            assert response["Location"].startswith("/quan-tri/login/")


def test_a_moderator_sees_only_her_agencys_comments(client, mai, trade_comment, finance_comment):
    signed_in(client, mai)
    page = client.get(QUEUE + "?xem=tat-ca")
    assert page.status_code == 200
    # Nothing waits yet: report both.
    for comment in (trade_comment, finance_comment):
        CommentFlag.objects.create(comment_id=comment.pk, user=comment.sent_by or mai, flag=CommentFlag.SUGGEST_REMOVAL)
    listing = client.get(QUEUE).content.decode()
    assert trade_comment.receipt_number in listing
    assert finance_comment.receipt_number not in listing
    assert client.get(f"{QUEUE}{finance_comment.pk}/").status_code == 404


def test_a_moderator_of_another_ministry_cannot_act_on_its_comments(client, minh, trade_comment):
    signed_in(client, minh)
    assert client.get(f"{QUEUE}{trade_comment.pk}/").status_code == 404
    assert hide(client, trade_comment).status_code == 404
    trade_comment.refresh_from_db()
    assert trade_comment.status == CommentStatus.RECEIVED and not ModerationEvent.objects.exists()


def test_a_moderator_cannot_edit_or_publish_drafts(client, mai, trade_comment):
    signed_in(client, mai)
    consultation = trade_comment.consultation
    assert client.get(f"/quan-tri/pages/{consultation.pk}/edit/").status_code in (302, 403)
    document = consultation.document
    assert client.get(f"/quan-tri/pages/{document.pk}/edit/").status_code in (302, 403)
    assert client.get("/quan-tri/").status_code == 200  # the admin itself, for the queue


def test_a_moderator_hides_a_comment_from_the_admin_and_the_log_shows_it(client, mai, trade_comment):
    signed_in(client, mai)
    response = hide(client, trade_comment, "thong-tin-ca-nhan", "có số điện thoại của người khác")
    assert response.status_code == 302 and response["Location"] == QUEUE
    trade_comment.refresh_from_db()
    assert trade_comment.status == CommentStatus.HIDDEN
    assert trade_comment.public_note == "đã ẩn: thông tin cá nhân"
    log = client.get(f"{QUEUE}nhat-ky/").content.decode()
    assert trade_comment.receipt_number in log and "có số điện thoại của người khác" in log and "mai" in log
    detail = client.get(f"{QUEUE}{trade_comment.pk}/").content.decode()
    assert "Khôi phục" in detail and "đã ẩn: thông tin cá nhân" in detail


def test_a_moderator_must_give_the_words_of_another_reason(client, mai, trade_comment):
    signed_in(client, mai)
    response = hide(client, trade_comment, "khac", "")
    assert response.status_code == 200
    assert "hãy viết lý do sẽ hiện trên trang" in response.content.decode()
    trade_comment.refresh_from_db()
    assert trade_comment.status == CommentStatus.RECEIVED


def test_the_admin_shows_the_moderation_menu_to_moderators_only(client, mai, carol):
    signed_in(client, mai)
    assert QUEUE in client.get("/quan-tri/").content.decode()
    signed_in(client, carol)
    assert QUEUE not in client.get("/quan-tri/").content.decode()


def test_a_moderator_signs_in_through_the_admins_own_login(client, mai):
    response = client.post("/quan-tri/login/", {"username": "mai", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get(QUEUE).status_code == 200


def test_the_queue_page_reads_a_fixed_number_of_queries(client, mai, trade_comment, django_assert_max_num_queries):
    signed_in(client, mai)
    consultation = trade_comment.consultation
    for number in range(3):
        comment = make_comment(consultation, text=f"Góp ý {number}")
        CommentFlag.objects.create(comment_id=comment.pk, user=mai, flag=CommentFlag.SUGGEST_REMOVAL)
    client.get(QUEUE)
    with CaptureQueriesContext(connection) as few:
        client.get(QUEUE)
    for number in range(20):
        comment = make_comment(consultation, text=f"Góp ý thêm {number}")
        CommentFlag.objects.create(comment_id=comment.pk, user=mai, flag=CommentFlag.SUGGEST_REMOVAL)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(QUEUE)


def test_the_queue_url_is_the_one_named(mai):
    assert reverse("consultations_moderation:queue") == QUEUE
