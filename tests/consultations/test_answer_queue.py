"""The staff's answer queue in the Wagtail admin: every unanswered comment of the agency's
consultations with the days left, overdue ones highlighted; answering, submitting and approving
through the forms; another agency's officer refused with the message, nothing changed."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from consultations.answers import actions
from consultations.models import Answer, AnswerState, CommentGroup, Disposition, GroupMembership
from tests.consultations.builders import make_comment, make_consultation

pytestmark = pytest.mark.django_db
QUEUE = "consultations_answers:queue"


@pytest.fixture
def overdue(finance_folder):
    """Closed 40 days ago: its default answer deadline passed 10 days ago."""
    return make_consultation(
        agency="Bộ Tài chính", opens_at=timezone.now() - timedelta(days=70), days=30, title="Dự thảo quá hạn"
    )


@pytest.fixture
def recent(finance_folder):
    """Closed 5 days ago: 25 days left."""
    return make_consultation(
        agency="Bộ Tài chính", opens_at=timezone.now() - timedelta(days=35), days=30, slug="gan-day"
    )


def test_it_lists_every_unanswered_comment_with_the_days_left_overdue_highlighted(client, alice, bob, overdue, recent):
    late = make_comment(overdue, text="Góp ý trễ hạn trả lời.")
    fresh = make_comment(recent, text="Góp ý còn hạn.")
    answered = make_comment(recent, text="Góp ý đã trả lời.")
    actions.approve_answer(
        bob, actions.write_answer(alice, comment=answered, disposition=Disposition.ACCEPTED, text="Tiếp thu.")
    )
    client.force_login(alice)
    response = client.get(reverse(QUEUE))
    assert response.status_code == 200
    html = response.content.decode()
    assert late.receipt_number in html and fresh.receipt_number in html
    assert answered.receipt_number not in html
    days_left = (recent.answer_deadline - timezone.localdate()).days
    assert f"Còn {days_left} ngày" in html
    days_late = (timezone.localdate() - overdue.answer_deadline).days
    assert f"Quá hạn {days_late} ngày" in html
    assert html.index(late.receipt_number) < html.index(fresh.receipt_number)  # nearest deadline first
    assert html.count('class="answers-overdue"') == 1


def test_it_shows_another_agencys_officer_nothing_and_refuses_her(client, carol, alice, overdue):
    comment = make_comment(overdue)
    client.force_login(carol)
    assert client.get(reverse(QUEUE)).status_code == 302  # no consultation of hers: Wagtail sends her home
    url = reverse("consultations_answers:comment", args=[comment.pk])
    response = client.post(url, {"action": "save", "disposition": Disposition.ACCEPTED, "text": "Tiếp thu."})
    assert response.status_code == 403
    assert "chỉ cán bộ của cơ quan đó được trả lời" in response.content.decode()
    assert comment.comment not in response.content.decode()
    assert not Answer.objects.exists()


def test_it_answers_submits_and_publishes_through_the_forms(client, alice, bob, overdue):
    comment = make_comment(overdue)
    url = reverse("consultations_answers:comment", args=[comment.pk])
    client.force_login(alice)
    page = client.get(url).content.decode()
    assert "Phê duyệt và công khai" not in page  # an officer cannot publish
    response = client.post(url, {"action": "submit", "disposition": Disposition.ACCEPTED, "text": "Xin tiếp thu."})
    assert response.status_code == 302
    assert Answer.objects.get().state == AnswerState.SUBMITTED
    approve = {"action": "approve", "disposition": Disposition.ACCEPTED, "text": "Xin tiếp thu."}
    assert client.post(url, approve).status_code == 403
    assert Answer.objects.get().state == AnswerState.SUBMITTED

    client.force_login(bob)
    pending = client.get(reverse(QUEUE), {"xem": "cho-phe-duyet"}).content.decode()
    assert comment.receipt_number in pending and "Xin tiếp thu." in pending
    response = client.post(url, {"action": "approve", "disposition": Disposition.ACCEPTED, "text": "Xin tiếp thu."})
    assert response.status_code == 302
    answer = Answer.objects.get()
    assert answer.state == AnswerState.PUBLIC and answer.answered_by == alice and answer.approved_by == bob


def test_it_refuses_a_form_without_a_disposition_and_keeps_the_text(client, alice, overdue):
    comment = make_comment(overdue)
    client.force_login(alice)
    response = client.post(
        reverse("consultations_answers:comment", args=[comment.pk]), {"action": "save", "text": "Đang soạn."}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Chọn cách xử lý góp ý" in html and "Đang soạn." in html
    assert not Answer.objects.exists()


def test_it_answers_a_group_once_for_all_its_members(client, alice, bob, overdue):
    members = [make_comment(overdue, text=f"Mẫu chiến dịch {i}") for i in range(3)]
    group = CommentGroup.objects.create(consultation=overdue)
    for member in members:
        GroupMembership.objects.create(group=group, comment=member)
    client.force_login(bob)
    url = reverse("consultations_answers:group", args=[group.pk])
    assert "3 góp ý trong nhóm" in client.get(url).content.decode()
    client.post(url, {"action": "approve", "disposition": Disposition.EXPLAINED, "text": "Giữ nguyên."})
    assert Answer.objects.get(group=group).is_public
    html = client.get(reverse(QUEUE)).content.decode()
    assert all(member.receipt_number not in html for member in members)


def test_it_renders_answers_as_text(client, alice, overdue):
    comment = make_comment(overdue)
    actions.write_answer(alice, comment=comment, disposition=Disposition.ACCEPTED, text="<script>alert(1)</script>")
    client.force_login(alice)
    html = client.get(reverse("consultations_answers:comment", args=[comment.pk])).content.decode()
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html
