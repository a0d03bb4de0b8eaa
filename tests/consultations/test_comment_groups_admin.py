"""The comment groups' admin: the owning agency's staff split, merge and add; another agency's
staff are refused in Vietnamese and nothing changes."""

import pytest
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from consultations.comment_groups.regroup import regroup
from consultations.comment_groups.tasks import regroup_consultation
from consultations.models import CommentGroup, GroupMembership
from tests.consultations.test_comment_groups import FEES, PERMITS, campaign, ids, members, snapshot

pytestmark = pytest.mark.django_db


@pytest.fixture
def grouped(finance_folder):
    from tests.consultations.builders import make_consultation

    consultation = make_consultation(agency="Bộ Tài chính")
    fees, permits = campaign(consultation, FEES), campaign(consultation, PERMITS)
    regroup(consultation)
    first, second = CommentGroup.objects.order_by("pk")
    return consultation, fees, permits, first, second


def urls(consultation, group=None):
    if group is None:
        return reverse("consultations_groups:consultation", args=[consultation.pk])
    return reverse("consultations_groups:group", args=[consultation.pk, group.pk])


def test_it_lists_the_groups_with_their_count_and_core_for_the_agencys_staff(client, alice, grouped):
    consultation, fees, permits, first, second = grouped
    client.force_login(alice)

    index = client.get(reverse("consultations_groups:index"))
    assert index.status_code == 200 and consultation.title in index.content.decode()
    page = client.get(urls(consultation)).content.decode()
    assert "10 góp ý: 10 góp ý trong 2 nhóm, 0 góp ý riêng lẻ." in page
    assert first.core.receipt_number in page
    group_page = client.get(urls(consultation, first)).content.decode()
    assert all(comment.receipt_number in group_page for comment in fees)
    assert "Công ty TNHH Minh Phát" in group_page


def test_it_splits_and_merges_through_the_admin(client, alice, grouped):
    consultation, fees, permits, first, second = grouped
    client.force_login(alice)

    response = client.post(urls(consultation, first), {"action": "split", "comments": [fees[0].pk]})
    assert response.status_code == 302
    assert members(first) == ids(fees[1:])

    response = client.post(urls(consultation), {"action": "merge", "groups": [first.pk, second.pk]}, follow=True)
    assert "Đã gộp 2 nhóm vào nhóm" in response.content.decode()
    assert members(first) == ids([*fees[1:], *permits])

    response = client.post(urls(consultation, first), {"action": "add", "receipts": fees[0].receipt_number})
    assert members(first) == ids([*fees, *permits])
    assert GroupMembership.objects.get(comment=fees[0]).pinned


def test_it_refuses_another_agencys_staff_in_vietnamese_and_changes_nothing(client, carol, grouped):
    consultation, fees, permits, first, second = grouped
    before = snapshot(consultation)
    client.force_login(carol)

    for response in (
        client.get(urls(consultation)),
        client.get(urls(consultation, first)),
        client.post(urls(consultation), {"action": "merge", "groups": [first.pk, second.pk]}),
        client.post(urls(consultation, first), {"action": "split", "comments": [fees[0].pk]}),
        client.post(urls(consultation), {"action": "regroup"}),
    ):
        assert response.status_code == 403
        assert "Chỉ cán bộ của cơ quan chủ trì đợt lấy ý kiến" in response.content.decode()
    assert snapshot(consultation) == before
    assert not DBTaskResult.objects.filter(task_path=regroup_consultation.module_path).exists()
    assert consultation.title not in client.get(reverse("consultations_groups:index")).content.decode()


def test_it_says_why_a_bad_request_is_refused_and_changes_nothing(client, alice, grouped):
    consultation, fees, permits, first, second = grouped
    before = snapshot(consultation)
    client.force_login(alice)

    cases = [
        (urls(consultation, first), {"action": "add", "receipts": "TV-2026-000000-0000"}, "không đúng dạng"),
        (urls(consultation, first), {"action": "add", "receipts": ""}, "Nhập ít nhất một mã tiếp nhận"),
        (urls(consultation, first), {"action": "split"}, "Chọn ít nhất một góp ý"),
        (urls(consultation), {"action": "merge", "groups": [first.pk]}, "Chọn ít nhất hai nhóm"),
    ]
    for url, data, message in cases:
        response = client.post(url, data, follow=True)
        assert message in response.content.decode(), message
    assert snapshot(consultation) == before


def test_it_regroups_on_demand_in_the_background(client, alice, grouped):
    consultation = grouped[0]
    client.force_login(alice)
    response = client.post(urls(consultation), {"action": "regroup"}, follow=True)
    assert "Đã yêu cầu nhóm lại" in response.content.decode()
    queued = DBTaskResult.objects.get(task_path=regroup_consultation.module_path, status="READY")
    assert queued.args_kwargs["args"] == [consultation.pk]


def test_it_sends_anonymous_visitors_to_the_login(client, grouped):
    response = client.get(urls(grouped[0]))
    assert response.status_code == 302 and "login" in response.url
