"""Reporting a comment (/tham-van/bao-cao-vi-pham/<id>/): signed-in only, one report per
person and comment, at most FLAGS_PER_HOUR an hour, only comments the public sees; the report
is django_comments' CommentFlag and its comment_was_flagged signal. Personas: lan, visitor."""

import pytest
from django_comments.models import CommentFlag
from django_comments.signals import comment_was_flagged

from consultations.access import FLAGS_PER_HOUR
from consultations.models import CommentStatus, ConsultationComment
from tests.conftest import person
from tests.consultations.builders import make_comment, make_consultation

pytestmark = pytest.mark.django_db


@pytest.fixture
def comment():
    return make_comment(make_consultation(), text="Liên hệ 0912 345 678 để mua hàng giá tốt")


def url(comment):
    return f"/tham-van/bao-cao-vi-pham/{comment.pk}/"


def test_it_asks_a_visitor_to_sign_in_first(visitor, comment):
    response = visitor.get(url(comment))
    assert response.status_code == 302
    assert response["Location"].startswith("/tai-khoan/dang-nhap/?next=")
    assert visitor.post(url(comment)).status_code == 302
    assert not CommentFlag.objects.exists()


def test_it_explains_reporting_then_records_one_report_and_says_thank_you(client, lan, comment):
    client.force_login(lan)
    page = client.get(url(comment)).content.decode()
    assert "Báo cáo góp ý vi phạm" in page and "Công ty TNHH Xăng dầu Minh Phát" in page
    heard = []
    comment_was_flagged.connect(lambda sender, **kw: heard.append(kw["flag"].pk), weak=False, dispatch_uid="t")
    try:
        response = client.post(url(comment), follow=True)
        again = client.post(url(comment), follow=True)
    finally:
        comment_was_flagged.disconnect(dispatch_uid="t")
    flag = CommentFlag.objects.get()
    assert (flag.comment_id, flag.user, flag.flag) == (comment.pk, lan, CommentFlag.SUGGEST_REMOVAL)
    assert heard == [flag.pk]
    assert response.redirect_chain[0][0] == comment.get_absolute_url()
    assert "Cảm ơn bạn" in response.content.decode()
    assert "Bạn đã báo cáo góp ý này" in again.content.decode()


def test_it_limits_reports_per_person_and_hour(client, lan):
    consultation = make_consultation()
    comments = [make_comment(consultation, text=f"Góp ý số {n}") for n in range(FLAGS_PER_HOUR + 1)]
    client.force_login(lan)
    for comment in comments[:FLAGS_PER_HOUR]:
        client.post(url(comment))
    response = client.post(url(comments[-1]), follow=True)
    assert "Bạn đã báo cáo nhiều góp ý trong một giờ qua" in response.content.decode()
    assert CommentFlag.objects.count() == FLAGS_PER_HOUR
    # Another person is not held back by lan's reports.
    client.force_login(person("nam"))
    client.post(url(comments[-1]))
    assert CommentFlag.objects.count() == FLAGS_PER_HOUR + 1


@pytest.mark.parametrize("status", [CommentStatus.HIDDEN, CommentStatus.PENDING_MODERATION, CommentStatus.UNCONFIRMED])
def test_it_finds_no_comment_the_public_does_not_see_as_text(client, lan, comment, status):
    ConsultationComment.objects.filter(pk=comment.pk).update(status=status)
    client.force_login(lan)
    assert client.get(url(comment)).status_code == 404
    assert client.post(url(comment)).status_code == 404
    assert not CommentFlag.objects.exists()


def test_it_renders_the_comment_as_text(client, lan):
    comment = make_comment(make_consultation(), text='<script>alert("x")</script> <b>đậm</b>')
    client.force_login(lan)
    page = client.get(url(comment)).content.decode()
    assert "<script>alert" not in page and "&lt;script&gt;" in page


def test_it_links_each_shown_comment_on_the_page_to_its_report_page(visitor, comment):
    from bs4 import BeautifulSoup

    from portal.site_setup import ensure_home_page

    ensure_home_page()
    hidden = make_comment(comment.consultation, text="quảng cáo")
    ConsultationComment.objects.filter(pk=hidden.pk).update(status=CommentStatus.HIDDEN, public_note="đã ẩn: quảng cáo")
    response = visitor.get(comment.consultation.url)
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    shown = page.select_one(f"#gop-y-{comment.pk}")
    assert shown.find("a", string="Báo cáo vi phạm")["href"] == url(comment)
    hidden_node = page.select_one(f"#gop-y-{hidden.pk}")
    assert "đã ẩn: quảng cáo" in hidden_node.get_text() and hidden_node.find("a", string="Báo cáo vi phạm") is None
