"""Regrouping a consultation's comments, staff's split and merge kept across regroupings,
refusals for anyone but the owning agency's staff, and the background task."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from consultations.comment_groups import actions
from consultations.comment_groups.regroup import regroup
from consultations.comment_groups.tasks import regroup_consultation
from consultations.models import CommentGroup, CommentStatus, ConsultationComment, GroupMembership
from tests.consultations.builders import make_comment, make_consultation

pytestmark = pytest.mark.django_db

FEES = (
    "Kính gửi Ban soạn thảo. Tôi là {name}, giám đốc {company}. Về quy định phải có giấy xác nhận đủ điều "
    "kiện kinh doanh trước khi hoạt động, chúng tôi đề nghị bỏ yêu cầu này và chuyển sang hậu kiểm vì hồ sơ "
    "đã có trong cơ sở dữ liệu quốc gia về đăng ký doanh nghiệp. Thời hạn giải quyết hai mươi ngày làm việc "
    "là quá dài. Trân trọng cảm ơn."
)
PERMITS = (
    "Tôi là {name} ({company}). Đề nghị làm rõ mức thu lệ phí cấp giấy phép xây dựng đối với công trình nhà ở "
    "riêng lẻ ở nông thôn, vì dự thảo chưa phân biệt nhà ở với công trình thương mại và các địa phương đang "
    "thu khác nhau. Xin cảm ơn Ban soạn thảo."
)
PEOPLE = [
    ("Nguyễn Văn An", "Công ty TNHH Minh Phát"),
    ("Trần Thị Hòa", "Công ty cổ phần Sao Mai"),
    ("Lê Quang Huy", "Hợp tác xã Tân Tiến"),
    ("Phạm Thu Trang", "Công ty TNHH Hải Âu"),
    ("Vũ Đức Long", "Doanh nghiệp tư nhân Bình Minh"),
]


@pytest.fixture
def consultation(finance_folder):
    return make_consultation(agency="Bộ Tài chính")


def campaign(consultation, template, people=PEOPLE):
    return [make_comment(consultation, text=template.format(name=n, company=c), organization=c) for n, c in people]


def members(group):
    return sorted(group.memberships.values_list("comment_id", flat=True))


def ids(comments):
    return sorted(c.pk for c in comments)


def snapshot(consultation):
    return sorted(
        GroupMembership.objects.filter(comment__consultation=consultation).values_list(
            "comment_id", "group_id", "pinned"
        )
    ), sorted(CommentGroup.objects.filter(consultation=consultation).values_list("pk", "core_id"))


def test_it_groups_a_campaign_and_keeps_every_comment_on_its_own(consultation):
    fees = campaign(consultation, FEES)
    alone = make_comment(consultation, text="Tôi đồng ý với toàn bộ dự thảo, không có ý kiến khác.")

    result = regroup(consultation)

    group = CommentGroup.objects.get(consultation=consultation)
    assert members(group) == ids(fees)
    assert group.core_id in ids(fees)
    assert (result.comments, result.groups, result.grouped, result.created) == (6, 1, 5, 1)
    assert not GroupMembership.objects.filter(comment=alone).exists()
    assert all(0.3 <= m.similarity <= 1.0 for m in group.memberships.all())
    assert ConsultationComment.objects.filter(consultation=consultation).counted().count() == 6
    assert len({c.receipt_number for c in fees}) == 5


def test_it_keeps_the_group_and_adds_a_new_copy_when_regrouping(consultation):
    fees = campaign(consultation, FEES)
    regroup(consultation)
    group = CommentGroup.objects.get()
    late = make_comment(consultation, text=FEES.format(name="Đỗ Minh Yến", company="Công ty TNHH Kim Ngân"))

    result = regroup(consultation)

    assert CommentGroup.objects.get().pk == group.pk
    assert members(group) == ids([*fees, late])
    assert result.created == 0


def test_it_takes_hidden_comments_and_replies_out_of_groups(consultation):
    fees = campaign(consultation, FEES)
    regroup(consultation)
    fees[0].status = CommentStatus.HIDDEN
    fees[0].save()
    regroup(consultation)
    assert members(CommentGroup.objects.get()) == ids(fees[1:])


def test_it_keeps_a_split_by_staff_across_regroupings(consultation, alice):
    fees = campaign(consultation, FEES)
    regroup(consultation)
    group = CommentGroup.objects.get()

    assert actions.split(alice, group, [fees[0].pk]) is None
    regroup(consultation)

    assert members(group) == ids(fees[1:])
    assert GroupMembership.objects.get(comment=fees[0]).group is None
    group.refresh_from_db()
    assert group.edited_by == alice and group.edited_at is not None


def test_it_splits_comments_into_a_new_group_that_stays(consultation, alice):
    fees = campaign(consultation, FEES)
    regroup(consultation)
    group = CommentGroup.objects.get()

    new = actions.split(alice, group, [fees[0].pk, fees[1].pk], together=True)
    regroup(consultation)

    assert members(new) == ids(fees[:2])
    assert members(group) == ids(fees[2:])


def test_it_merges_groups_and_a_later_copy_joins_the_merged_group(consultation, bob):
    fees, permits = campaign(consultation, FEES), campaign(consultation, PERMITS)
    regroup(consultation)
    first, second = CommentGroup.objects.order_by("pk")

    merged = actions.merge(bob, [second, first])
    late = make_comment(consultation, text=PERMITS.format(name="Hồ Thị Mai", company="Công ty TNHH Lam Sơn"))
    regroup(consultation)

    assert merged.pk == first.pk
    assert CommentGroup.objects.count() == 1
    assert members(merged) == ids([*fees, *permits, late])


def test_it_adds_a_comment_by_hand(consultation, alice):
    fees = campaign(consultation, FEES)
    other = make_comment(consultation, text="Đề nghị bổ sung quy định chuyển tiếp cho doanh nghiệp đang hoạt động.")
    regroup(consultation)
    group = CommentGroup.objects.get()

    assert actions.add_comments(alice, group, [other.pk]) == 1
    regroup(consultation)
    assert members(group) == ids([*fees, other])


@pytest.mark.parametrize("who", ["carol", "anonymous", "inactive"])
def test_it_refuses_anyone_but_the_owning_agencys_staff_and_changes_nothing(
    consultation, who, carol, alice, django_user_model
):
    campaign(consultation, FEES)
    permits = campaign(consultation, PERMITS)
    regroup(consultation)
    first, second = CommentGroup.objects.order_by("pk")
    user = {"carol": carol, "anonymous": __import__("django.contrib.auth.models").contrib.auth.models.AnonymousUser()}
    if who == "inactive":
        alice.is_active = False
        alice.save()
        user["inactive"] = alice
    before = snapshot(consultation)

    for attempt in (
        lambda: actions.merge(user[who], [first, second]),
        lambda: actions.split(user[who], second, [permits[0].pk]),
        lambda: actions.add_comments(user[who], first, [permits[0].pk]),
    ):
        with pytest.raises(actions.GroupEditRefused) as refused:
            attempt()
        assert "Chỉ cán bộ của cơ quan chủ trì" in refused.value.message
        assert "Không có thay đổi nào được lưu" in refused.value.message
    assert snapshot(consultation) == before


def test_it_refuses_bad_splits_and_merges_with_a_reason(consultation, alice):
    fees = campaign(consultation, FEES)
    regroup(consultation)
    group = CommentGroup.objects.get()
    stranger = make_comment(consultation, text="Một góp ý khác hẳn về thời hạn báo cáo.")
    before = snapshot(consultation)
    cases = [
        (lambda: actions.split(alice, group, []), "Chọn ít nhất một góp ý"),
        (lambda: actions.split(alice, group, [stranger.pk]), "không thuộc nhóm này"),
        (lambda: actions.split(alice, group, ids(fees)), "không phải tất cả"),
        (lambda: actions.split(alice, group, [fees[0].pk], together=True), "ít nhất hai góp ý"),
        (lambda: actions.merge(alice, [group]), "ít nhất hai nhóm"),
    ]
    for attempt, message in cases:
        with pytest.raises(actions.GroupEditRefused) as refused:
            attempt()
        assert message in refused.value.message
    assert snapshot(consultation) == before


def test_it_regroups_in_the_background_once_per_burst_of_comments(consultation, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        fees = campaign(consultation, FEES)
    waiting = DBTaskResult.objects.filter(task_path=regroup_consultation.module_path, status="READY")
    assert waiting.count() == 1
    assert waiting.get().run_after > timezone.now() + timedelta(seconds=30)
    assert not CommentGroup.objects.exists()

    queued = waiting.get()
    outcome = queued.task.call(*queued.args_kwargs["args"], **queued.args_kwargs["kwargs"])

    assert members(CommentGroup.objects.get()) == ids(fees)
    assert (outcome["consultation"], outcome["groups"], outcome["grouped"]) == (consultation.pk, 1, 5)


def test_it_regroups_from_the_command_line(consultation):
    from io import StringIO

    from django.core.management import CommandError, call_command

    fees = campaign(consultation, FEES)
    out = StringIO()
    call_command("regroup_comments", consultation.pk, stdout=out)
    assert f"consultation {consultation.pk}: 5 comments, 1 groups" in out.getvalue()
    assert members(CommentGroup.objects.get()) == ids(fees)
    call_command("regroup_comments", "--all", stdout=StringIO())
    assert CommentGroup.objects.count() == 1
    with pytest.raises(CommandError):
        call_command("regroup_comments")
    with pytest.raises(CommandError):
        call_command("regroup_comments", 999999)
