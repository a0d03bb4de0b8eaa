"""Receipts: an anonymous comment is received when its e-mailed link is followed; every received
comment has its receipt number on screen and by e-mail (sent by the task worker), and a receipt
page that says where it stands."""

from datetime import timedelta
from unittest import mock

import pytest
from django.core import signing
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from consultations.intake import tokens
from consultations.intake.confirmation import confirm
from consultations.models import CommentStatus, ConsultationComment
from tests.consultations.builders import make_comment, make_consultation
from tests.consultations.intake import post_form, run_worker

pytestmark = pytest.mark.django_db


def confirmation_link(mail) -> str:
    line = next(line for line in mail.body.splitlines() if "/tham-van/xac-nhan/" in line)
    return line[line.index("/tham-van/") :].strip()


def test_it_receives_an_anonymous_comment_when_its_link_is_followed(visitor, mailoutbox):
    consultation = make_consultation()
    post_form(visitor, consultation)
    comment = ConsultationComment.objects.get()
    assert comment.status == CommentStatus.UNCONFIRMED and comment.received_at is None
    assert DBTaskResult.objects.filter(task_path__endswith="send_confirmation").count() == 1  # queued, not sent
    assert mailoutbox == []
    run_worker()
    assert [mail.to for mail in mailoutbox] == [["binh@example.vn"]]
    response = visitor.get(confirmation_link(mailoutbox[0]), follow=True)
    comment.refresh_from_db()
    assert comment.status == CommentStatus.RECEIVED and comment.on_time and comment.received_at
    page = response.content.decode()
    assert comment.receipt_number in page and "đã tiếp nhận" in page
    run_worker()
    receipt_mail = mailoutbox[-1]
    assert comment.receipt_number in receipt_mail.subject and comment.receipt_number in receipt_mail.body
    # following the link again changes nothing and sends nothing more
    visitor.get(confirmation_link(mailoutbox[0]))
    run_worker()
    assert len(mailoutbox) == 2


def test_it_counts_a_comment_sent_before_the_closing_time_as_on_time_when_confirmed_after(visitor):
    consultation = make_consultation()
    post_form(visitor, consultation)
    comment = ConsultationComment.objects.get()
    confirmed = confirm(comment.pk, consultation.closes_at + timedelta(hours=5))
    assert confirmed.status == CommentStatus.RECEIVED and confirmed.on_time


def test_it_refuses_a_tampered_or_expired_link(visitor):
    consultation = make_consultation()
    post_form(visitor, consultation)
    comment = ConsultationComment.objects.get()
    token = tokens.make_token(comment.pk)
    forged = signing.dumps({"c": comment.pk + 1}, salt="another-salt")
    assert visitor.get(f"/tham-van/xac-nhan/{token[:-3]}abc/").status_code == 400
    assert visitor.get(f"/tham-van/xac-nhan/{forged}/").status_code == 400
    # a token signed eight days ago (the signer reads the clock through time.time)
    with mock.patch("time.time", return_value=timezone.now().timestamp() - 8 * 86400):
        expired = signing.dumps({"c": comment.pk}, salt=tokens.SALT)
    response = visitor.get(f"/tham-van/xac-nhan/{expired}/")
    assert response.status_code == 400 and "hết hạn" in response.content.decode()
    comment.refresh_from_db()
    assert comment.status == CommentStatus.UNCONFIRMED


def test_it_shows_the_status_on_the_receipt_page_and_finds_typed_numbers(visitor):
    consultation = make_consultation(pre_moderation=True)
    comment = make_comment(consultation, provision=consultation.version.provisions.get(anchor="dieu-3"))
    page = visitor.get(f"/tham-van/bien-nhan/{comment.receipt_number}/").content.decode()
    assert "chờ kiểm duyệt" in page and "Điều 3" in page and comment.receipt_number in page
    assert comment.comment not in page  # not shown before moderation
    typed = comment.receipt_number.lower().replace("-", " ")
    assert visitor.get("/tham-van/bien-nhan/", {"ma": typed}).url == f"/tham-van/bien-nhan/{comment.receipt_number}/"
    typo = comment.receipt_number[:-1] + ("A" if comment.receipt_number[-1] != "A" else "B")
    response = visitor.get("/tham-van/bien-nhan/", {"ma": typo})
    assert response.status_code == 404 and "gõ nhầm" in response.content.decode()
    unknown = visitor.get("/tham-van/bien-nhan/TV-2026-000000-0000/")
    assert unknown.status_code in (302, 404)


def test_it_does_not_show_a_receipt_before_confirmation(visitor):
    consultation = make_consultation()
    post_form(visitor, consultation)
    comment = ConsultationComment.objects.get()
    assert visitor.get(f"/tham-van/bien-nhan/{comment.receipt_number}/").status_code == 404


def test_it_tries_a_failed_e_mail_again_later_and_keeps_the_comment(visitor, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2  # nothing listens
    consultation = make_consultation()
    post_form(visitor, consultation)
    run_worker()
    retry = DBTaskResult.objects.filter(task_path__endswith="send_confirmation", status="READY").get()
    assert retry.args_kwargs["args"][1] == 1 and retry.run_after > timezone.now()
    assert ConsultationComment.objects.get().status == CommentStatus.UNCONFIRMED
