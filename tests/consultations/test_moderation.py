"""Moderation of comments: approve, hide with a reason (the public note it leaves, still
counted), restore; every action logged and the log never changed; the queue of pre-moderated
and reported comments. Personas from tests/conftest.py: mai (moderator, Bộ Công Thương), lan (a
public account)."""

import pytest
from django.utils import timezone
from django_comments.models import CommentFlag

from consultations.models import CommentStatus, ConsultationComment, HideReason, ModerationAction, ModerationEvent
from consultations.moderation import actions
from consultations.moderation.queue import open_flag_count, waiting
from tests.conftest import person
from tests.consultations.builders import make_comment, make_consultation, make_draft

pytestmark = pytest.mark.django_db


@pytest.fixture
def consultation():
    return make_consultation(agency="Bộ Công Thương")


@pytest.fixture
def premoderated():
    draft = make_draft(title="Dự thảo Thông tư về thương mại điện tử", doc_type="thong-tu")
    return make_consultation(draft, agency="Bộ Công Thương", pre_moderation=True)


def report(comment, user):
    return CommentFlag.objects.create(comment_id=comment.pk, user=user, flag=CommentFlag.SUGGEST_REMOVAL)


def test_it_shows_a_pre_moderated_comment_once_approved_and_logs_who_when_why(premoderated, mai):
    comment = make_comment(premoderated)
    assert comment.status == CommentStatus.PENDING_MODERATION
    assert not ConsultationComment.objects.shown().filter(pk=comment.pk).exists()

    outcome = actions.approve(comment, mai, "Nội dung phù hợp")

    comment.refresh_from_db()
    assert comment.status == CommentStatus.RECEIVED and comment.is_public
    event = outcome.event
    assert (event.action, event.actor, event.actor_name, event.note) == (
        ModerationAction.APPROVE,
        mai,
        "mai",
        "Nội dung phù hợp",
    )
    assert (event.status_before, event.status_after) == (CommentStatus.PENDING_MODERATION, CommentStatus.RECEIVED)
    assert abs((timezone.now() - event.created_at).total_seconds()) < 60


@pytest.mark.parametrize(
    ("reason", "note"),
    [
        (HideReason.ADVERTISING, "đã ẩn: nội dung quảng cáo"),
        (HideReason.ABUSE, "đã ẩn: xúc phạm, lời lẽ thiếu văn hóa"),
        (HideReason.PERSONAL_DATA, "đã ẩn: thông tin cá nhân"),
    ],
)
def test_it_hides_a_comment_leaving_its_public_note_and_still_counts_it(consultation, mai, reason, note):
    comment = make_comment(consultation, text="Mua ngay máy lọc nước giá rẻ tại ...")
    actions.hide(comment, mai, reason, "quảng cáo sản phẩm")
    comment.refresh_from_db()
    assert comment.status == CommentStatus.HIDDEN and comment.public_note == note
    assert ConsultationComment.objects.counted().filter(pk=comment.pk).exists()
    assert ConsultationComment.objects.shown().filter(pk=comment.pk).exists()  # shown as its note
    event = comment.moderation_events.get()
    assert (event.reason, event.public_note, event.note) == (reason, note, "quảng cáo sản phẩm")


def test_it_writes_the_moderators_own_words_for_another_reason_and_requires_them(consultation, mai):
    comment = make_comment(consultation)
    with pytest.raises(actions.ModerationError):
        actions.hide(comment, mai, HideReason.OTHER, "  ")
    actions.hide(comment, mai, HideReason.OTHER, "trùng nội dung với góp ý TV-2026")
    comment.refresh_from_db()
    assert comment.public_note == "đã ẩn: trùng nội dung với góp ý TV-2026"


def test_it_keeps_the_public_note_in_vietnamese_whatever_the_moderators_language(consultation, mai):
    from django.utils import translation

    comment = make_comment(consultation)
    with translation.override("en"):
        actions.hide(comment, mai, HideReason.ADVERTISING)
    comment.refresh_from_db()
    assert comment.public_note == "đã ẩn: nội dung quảng cáo"


def test_it_restores_a_hidden_comment_to_the_status_it_had(premoderated, mai):
    comment = make_comment(premoderated)
    actions.hide(comment, mai, HideReason.SPAM)
    actions.restore(comment, mai, "ẩn nhầm")
    comment.refresh_from_db()
    assert comment.status == CommentStatus.PENDING_MODERATION and comment.public_note == ""
    assert list(comment.moderation_events.values_list("action", flat=True)) == [
        ModerationAction.RESTORE,
        ModerationAction.HIDE,
    ]


@pytest.mark.parametrize(
    ("status", "action"),
    [
        (CommentStatus.UNCONFIRMED, "hide"),
        (CommentStatus.HIDDEN, "hide"),
        (CommentStatus.HIDDEN, "approve"),
        (CommentStatus.RECEIVED, "restore"),
        (CommentStatus.RECEIVED, "approve"),  # neither pending nor reported
    ],
)
def test_it_refuses_an_action_that_does_not_apply_and_logs_nothing(consultation, mai, status, action):
    comment = make_comment(consultation)
    ConsultationComment.objects.filter(pk=comment.pk).update(status=status)
    comment.refresh_from_db()
    with pytest.raises(actions.ModerationError):
        if action == "hide":
            actions.hide(comment, mai, HideReason.ADVERTISING)
        else:
            getattr(actions, action)(comment, mai)
    assert not ModerationEvent.objects.exists()
    comment.refresh_from_db()
    assert comment.status == status


def test_it_never_changes_or_deletes_the_log(consultation, mai):
    comment = make_comment(consultation)
    event = actions.hide(comment, mai, HideReason.ADVERTISING).event
    event.note = "sửa lại"
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        ModerationEvent.objects.filter(pk=event.pk).update(note="sửa lại")
    with pytest.raises(PermissionError):
        ModerationEvent.objects.all().delete()
    assert ModerationEvent.objects.get().note == ""


def test_it_keeps_who_acted_in_the_log_when_the_moderators_account_goes(consultation, mai):
    comment = make_comment(consultation)
    actions.hide(comment, mai, HideReason.ADVERTISING)
    mai.delete()
    event = ModerationEvent.objects.get()
    assert event.actor is None and event.actor_name == "mai"


def test_it_queues_pending_and_reported_comments_until_a_moderator_reviews_them(consultation, premoderated, mai, lan):
    pending = make_comment(premoderated)
    reported = make_comment(consultation, text="Góp ý bị báo cáo")
    quiet = make_comment(consultation, text="Góp ý bình thường")
    report(reported, lan)
    assert list(waiting(ConsultationComment.objects.all())) == [pending, reported]
    assert open_flag_count(reported) == 1 and open_flag_count(quiet) == 0

    actions.approve(reported, mai)
    actions.approve(pending, mai)
    assert not waiting(ConsultationComment.objects.all()).exists()
    assert ModerationEvent.objects.get(comment=reported).flags_reviewed == 1

    # A new report after the review brings it back; a hidden comment never waits.
    report(reported, person("nam"))
    assert list(waiting(ConsultationComment.objects.all())) == [reported]
    actions.hide(reported, mai, HideReason.ABUSE)
    report(reported, person("binh"))
    assert not waiting(ConsultationComment.objects.all()).exists()


def test_it_reads_the_queue_in_a_fixed_number_of_queries(consultation, lan, django_assert_num_queries):
    for number in range(3):
        report(make_comment(consultation, text=f"Góp ý {number}"), lan)
    with django_assert_num_queries(1):
        assert len(list(waiting(ConsultationComment.objects.all()))) == 3
    for number in range(30):
        report(make_comment(consultation, text=f"Góp ý thêm {number}"), lan)
    with django_assert_num_queries(1):
        assert len(list(waiting(ConsultationComment.objects.all()))) == 33
