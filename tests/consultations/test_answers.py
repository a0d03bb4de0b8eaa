"""Answers to comments: the owning agency's staff write and submit, its approvers publish;
another agency is refused with a Vietnamese message and nothing changes; an answer needs a
disposition and a text; a group's answer answers every member."""

from datetime import timedelta

import pytest
from django.utils import timezone

from consultations import access
from consultations.answers import actions
from consultations.answers.queries import public_answer_for, public_answers_by_comment, unanswered
from consultations.models import (
    Answer,
    AnswerState,
    CommentGroup,
    CommentStatus,
    ConsultationComment,
    Disposition,
    GroupMembership,
)
from tests.consultations.builders import make_comment, make_consultation

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed(finance_folder):
    """A Bộ Tài chính consultation closed ten days ago."""
    return make_consultation(agency="Bộ Tài chính", opens_at=timezone.now() - timedelta(days=40), days=30)


@pytest.fixture
def comment(closed):
    return make_comment(closed, text="Đề nghị bỏ yêu cầu giấy phép con tại Điều 3.")


def test_it_lets_the_owning_agencys_officer_write_and_submit_and_its_approver_publish(alice, bob, comment):
    answer = actions.write_answer(alice, comment=comment, disposition=Disposition.ACCEPTED, text="Xin tiếp thu.")
    assert answer.state == AnswerState.DRAFT and answer.answered_by == alice
    actions.submit_answer(alice, answer)
    assert Answer.objects.get().state == AnswerState.SUBMITTED
    assert public_answer_for(comment) is None

    actions.approve_answer(bob, answer)
    answer.refresh_from_db()
    assert answer.state == AnswerState.PUBLIC and answer.approved_by == bob and answer.published_at
    assert public_answer_for(comment) == answer
    comment.refresh_from_db()
    assert comment.status == CommentStatus.ANSWERED


def test_it_refuses_the_officer_publishing_her_own_answer(alice, comment):
    answer = actions.write_answer(alice, comment=comment, disposition=Disposition.EXPLAINED, text="Giữ nguyên.")
    with pytest.raises(actions.AnswerRefused) as refused:
        actions.approve_answer(alice, answer)
    assert "người phê duyệt" in refused.value.message
    assert Answer.objects.get().state == AnswerState.DRAFT


def test_it_refuses_another_agency_with_a_clear_message_and_changes_nothing(alice, carol, bob, comment):
    with pytest.raises(actions.AnswerRefused) as refused:
        actions.write_answer(carol, comment=comment, disposition=Disposition.ACCEPTED, text="Tiếp thu.")
    assert "Bộ Tài chính" in refused.value.message and "Không có gì thay đổi" in refused.value.message
    assert not Answer.objects.exists()

    answer = actions.submit_answer(
        alice, actions.write_answer(alice, comment=comment, disposition=Disposition.ACCEPTED, text="Tiếp thu.")
    )
    for act in (lambda: actions.approve_answer(carol, answer), lambda: actions.submit_answer(carol, answer)):
        with pytest.raises(actions.AnswerRefused):
            act()
    assert Answer.objects.get().state == AnswerState.SUBMITTED


def test_it_refuses_an_answer_without_a_disposition_or_a_text(alice, comment):
    with pytest.raises(actions.AnswerRefused) as refused:
        actions.write_answer(alice, comment=comment, disposition="", text="Tiếp thu.")
    assert "tiếp thu, tiếp thu một phần hoặc giải trình" in refused.value.message
    with pytest.raises(actions.AnswerRefused) as refused:
        actions.write_answer(alice, comment=comment, disposition=Disposition.ACCEPTED, text="   ")
    assert "Nhập nội dung" in refused.value.message
    assert not Answer.objects.exists()


def test_it_does_not_rewrite_a_public_answer(alice, bob, comment):
    answer = actions.write_answer(alice, comment=comment, disposition=Disposition.ACCEPTED, text="Tiếp thu.")
    actions.approve_answer(bob, answer)
    with pytest.raises(actions.AnswerRefused):
        actions.write_answer(alice, comment=comment, disposition=Disposition.EXPLAINED, text="Khác.")
    assert Answer.objects.get().text == "Tiếp thu."


def test_it_sends_a_submitted_answer_back_with_a_note(alice, bob, comment):
    answer = actions.submit_answer(
        alice, actions.write_answer(alice, comment=comment, disposition=Disposition.ACCEPTED, text="Tiếp thu.")
    )
    with pytest.raises(actions.AnswerRefused):
        actions.send_back(bob, answer, "  ")
    actions.send_back(bob, answer, "Nêu rõ điều khoản sửa.")
    answer.refresh_from_db()
    assert answer.state == AnswerState.DRAFT and answer.review_note == "Nêu rõ điều khoản sửa."


def test_it_answers_every_member_of_a_group_once(alice, bob, closed, comment):
    campaign = [make_comment(closed, text=f"Đề nghị giảm phí thẩm định, mẫu số {i}.") for i in range(3)]
    group = CommentGroup.objects.create(consultation=closed)
    for member in campaign:
        GroupMembership.objects.create(group=group, comment=member)
    answer = actions.write_answer(alice, group=group, disposition=Disposition.PARTLY_ACCEPTED, text="Giảm 20%.")
    assert set(unanswered(closed.comments.all())) == {comment, *campaign}

    actions.approve_answer(bob, answer)
    assert list(unanswered(closed.comments.all())) == [comment]
    by_comment = public_answers_by_comment(closed.comments.all())
    assert {by_comment[member.pk] for member in campaign} == {answer}
    assert comment.pk not in by_comment
    assert ConsultationComment.objects.filter(status=CommentStatus.ANSWERED).count() == 3


def test_it_prefers_a_comments_own_answer_to_its_groups(alice, bob, closed):
    member = make_comment(closed)
    group = CommentGroup.objects.create(consultation=closed)
    GroupMembership.objects.create(group=group, comment=member)
    group_answer = actions.approve_answer(
        bob, actions.write_answer(alice, group=group, disposition=Disposition.EXPLAINED, text="Chung.")
    )
    own = actions.approve_answer(
        bob, actions.write_answer(alice, comment=member, disposition=Disposition.ACCEPTED, text="Riêng.")
    )
    assert public_answer_for(member) == own != group_answer
    assert public_answers_by_comment(closed.comments.all())[member.pk] == own


def test_it_does_not_ask_an_answer_for_hidden_or_unconfirmed_comments(alice, closed):
    hidden = make_comment(closed, text="Quảng cáo.")
    ConsultationComment.objects.filter(pk=hidden.pk).update(status=CommentStatus.HIDDEN)
    hidden.refresh_from_db()
    assert list(unanswered(closed.comments.all())) == []
    with pytest.raises(actions.AnswerRefused):
        actions.write_answer(alice, comment=hidden, disposition=Disposition.ACCEPTED, text="x")


def test_it_gives_each_role_its_own_rights(alice, bob, carol, admin, closed, django_user_model):
    public = django_user_model.objects.create_user("dan", "dan@example.vn", "mat-khau-dai-du")
    assert access.can_answer(alice, closed) and not access.can_approve_answers(alice, closed)
    assert access.can_answer(bob, closed) and access.can_approve_answers(bob, closed)
    assert not access.can_answer(carol, closed) and not access.can_approve_answers(carol, closed)
    assert access.can_answer(admin, closed) and access.can_approve_answers(admin, closed)
    assert not access.can_answer(public, closed)
    assert list(access.answering_consultations(alice)) == [closed]
    assert list(access.answering_consultations(carol)) == []
    assert not access.can_use_answer_queue(public)


def test_it_sets_the_answer_deadline_30_days_after_closing_unless_the_officer_sets_one(finance_folder):
    default = make_consultation(agency="Bộ Tài chính", days=30)
    assert default.answer_deadline == default.closing_date + timedelta(days=30)
    chosen_day = timezone.localdate() + timedelta(days=80)
    chosen = make_consultation(agency="Bộ Tài chính", days=30, slug="khac", answer_deadline=chosen_day)
    assert chosen.answer_deadline == chosen_day
