"""Groups and their answer (`Answer.group`): an answered group keeps its members through
regrouping, is never deleted or merged with another answered group, and its public answer shows
on the page for the whole group."""

import pytest

from consultations.comment_groups import actions
from consultations.comment_groups.regroup import regroup
from consultations.models import Answer, AnswerState, CommentGroup, CommentStatus, Disposition
from tests.consultations.builders import make_comment, make_consultation
from tests.consultations.test_comment_groups import FEES, PERMITS, campaign, ids, members

pytestmark = pytest.mark.django_db

REPORTS = (
    "Ý kiến của {name}, {company}: chế độ báo cáo định kỳ hằng quý về tình hình sử dụng lao động nước ngoài "
    "là quá dày, đề nghị chuyển thành báo cáo hằng năm qua hệ thống điện tử và bỏ mẫu báo cáo bằng giấy có "
    "đóng dấu vì thông tin đã được kết nối với cơ quan bảo hiểm xã hội."
)


@pytest.fixture
def consultation(finance_folder):
    return make_consultation(agency="Bộ Tài chính")


def answer(group, state=AnswerState.PUBLIC, text="Ban soạn thảo tiếp thu: bỏ yêu cầu giấy xác nhận."):
    return Answer.objects.create(
        consultation=group.consultation, group=group, disposition=Disposition.ACCEPTED, text=text, state=state
    )


def test_it_keeps_an_answered_group_and_its_members_and_adds_late_copies(consultation):
    fees = campaign(consultation, FEES)
    regroup(consultation)
    group = CommentGroup.objects.get()
    answer(group, state=AnswerState.DRAFT)
    for comment in fees[:4]:  # hidden by a moderator: the engine no longer sees them
        comment.status = CommentStatus.HIDDEN
        comment.save()
    late = make_comment(consultation, text=FEES.format(name="Đỗ Minh Yến", company="Công ty TNHH Kim Ngân"))

    regroup(consultation)

    group.refresh_from_db()
    assert members(group) == ids([*fees, late])
    assert group.answer.text.startswith("Ban soạn thảo tiếp thu")


def test_it_refuses_to_merge_two_answered_groups_and_merges_into_the_answered_one(consultation, alice):
    campaign(consultation, FEES)
    permits = campaign(consultation, PERMITS)
    regroup(consultation)
    first, second = CommentGroup.objects.order_by("pk")
    answer(second)
    merged = actions.merge(alice, [first, second])
    assert merged.pk == second.pk and CommentGroup.objects.count() == 1
    assert len(members(merged)) == 10

    other = campaign(consultation, REPORTS)
    regroup(consultation)
    third = CommentGroup.objects.exclude(pk=merged.pk).get()
    assert members(third) == ids(other)
    answer(third)
    with pytest.raises(actions.GroupEditRefused) as refused:
        actions.merge(alice, [merged, third])
    assert "đã có trả lời" in refused.value.message
    assert CommentGroup.objects.count() == 2 and permits


def test_it_shows_the_groups_public_answer_on_the_page_and_not_a_draft(client, consultation):
    campaign(consultation, FEES)
    regroup(consultation)
    group = CommentGroup.objects.get()
    draft = answer(group, state=AnswerState.DRAFT, text="Bản nháp <b>chưa duyệt</b>")
    assert "Bản nháp" not in client.get(consultation.url).content.decode()

    draft.state, draft.text = AnswerState.PUBLIC, "Tiếp thu <script>x()</script> toàn bộ."
    draft.save()
    page = client.get(consultation.url).content.decode()
    assert "Trả lời cho cả nhóm — Tiếp thu" in page
    assert "Tiếp thu &lt;script&gt;x()&lt;/script&gt; toàn bộ." in page
