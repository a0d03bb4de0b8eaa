"""django-comments-xtd 2.10.13 on Django 5.2 with the consultation comment model: what works
(threads, flags through xtd's own view, the thread tree, the e-mail confirmation round trip)
and the one place where the model's status wins over xtd's flags (docs/consultations.md)."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django_comments.models import CommentFlag
from django_comments.signals import comment_was_flagged
from django_comments_xtd import get_model, signed
from django_comments_xtd.models import TmpXtdComment, XtdComment

from consultations.models import CommentStatus, ConsultationComment
from tests.consultations.builders import make_comment, make_consultation

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.consultations.xtd_urls")]


def test_it_is_the_comment_model_xtd_and_django_comments_use():
    import django_comments

    assert get_model() is ConsultationComment
    assert django_comments.get_model() is ConsultationComment


def test_it_takes_a_removal_flag_through_xtds_view(client, django_user_model):
    comment = make_comment(make_consultation())
    reader = django_user_model.objects.create_user("reader", password="x")
    client.force_login(reader)
    flagged = []
    comment_was_flagged.connect(lambda sender, **kw: flagged.append(kw["comment"].pk), weak=False, dispatch_uid="t")
    try:
        response = client.post(f"/binh-luan/flag/{comment.pk}/")
    finally:
        comment_was_flagged.disconnect(dispatch_uid="t")
    assert response.status_code == 302
    assert CommentFlag.objects.filter(comment_id=comment.pk, flag=CommentFlag.SUGGEST_REMOVAL).count() == 1
    assert flagged == [comment.pk]


def test_it_builds_xtds_thread_tree_from_consultation_comments():
    consultation = make_consultation()
    first = make_comment(consultation)
    reply = make_comment(consultation, parent_id=first.pk, text="Đồng ý.")
    second = make_comment(consultation, text="Ý kiến khác.")
    tree = XtdComment.tree_from_queryset(
        ConsultationComment.objects.filter(consultation=consultation), user=AnonymousUser()
    )
    assert [(node["comment"].pk, [c["comment"].pk for c in node["children"]]) for node in tree] == [
        (first.pk, [reply.pk]),
        (second.pk, []),
    ]


def test_it_creates_the_comment_when_the_e_mail_confirmation_link_is_followed(client):
    consultation = make_consultation()
    article = consultation.version.provisions.get(anchor="dieu-3")
    pending = TmpXtdComment(
        content_type=None,
        object_pk=str(consultation.pk),
        site_id=1,
        user_name="Trần Thị Bình",
        user_email="binh@example.vn",
        user_url="",
        comment="Đề nghị sửa Điều 3.",
        submit_date=None,
        is_public=True,
        is_removed=False,
        followup=False,
        thread_id=0,
        level=0,
        order=1,
        parent_id=0,
        consultation_id=consultation.pk,
        version_id=consultation.version_id,
        provision_id=article.pk,
        commenter_type="individual",
    )
    pending.content_type = ContentType.objects.get_for_model(consultation)
    pending.submit_date = timezone.now()
    key = signed.dumps(pending, compress=True).decode()
    response = client.get(f"/binh-luan/confirm/{key}/")
    comment = ConsultationComment.objects.get()
    # Not public until received: xtd answers with its "moderated" page rather than a redirect.
    assert response.status_code == 200
    assert comment.get_absolute_url() == f"{consultation.url}?gop-y={comment.pk}#gop-y-{comment.pk}"
    assert (comment.provision, comment.anchor, comment.receipt_number[:3]) == (article, "dieu-3", "TV-")
    # xtd knows nothing of receipts: the comment intake marks it received on confirmation.
    assert comment.status == CommentStatus.UNCONFIRMED and comment.received_at is None


def test_it_keeps_the_status_over_xtds_removal_flag():
    comment = make_comment(make_consultation())
    comment.is_removed = True  # what django_comments' own "delete" moderation does
    comment.save()
    comment.refresh_from_db()
    assert comment.is_removed is False and comment.status == CommentStatus.RECEIVED
