"""The Advisory Council's workspace: who may do what (each role against each Council action),
tags and priorities, and notes that never leave the Council."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import timezone

from consultations.council import actions
from consultations.council.opinions import publish_opinion
from consultations.models import CouncilIssue, CouncilNote, CouncilOpinion, CouncilTag, Priority
from portal.site_setup import ensure_home_page
from tests.consultations.builders import make_comment, make_consultation

pytestmark = pytest.mark.django_db
REFUSAL = "Chỉ thành viên Hội đồng tư vấn cải cách thủ tục hành chính mới được làm việc này"


@pytest.fixture
def closed(finance_folder):
    ensure_home_page()
    return make_consultation(agency="Bộ Tài chính", opens_at=timezone.now() - timedelta(days=40), days=30)


def _council_requests(consultation, comment, member):
    """Every Council action as (method, url, data)."""
    issue = reverse("consultations_council:issue", args=[comment.pk])
    opinion = reverse("consultations_council:opinion", args=[consultation.pk])
    return [
        ("get", reverse("consultations_council:workspace"), None),
        ("get", issue, None),
        ("post", issue, {"action": "mark", "priority": Priority.HIGH, "tags": "giấy phép con"}),
        ("post", issue, {"action": "note", "text": "Cần hỏi lại Bộ về chi phí."}),
        ("get", opinion, None),
        (
            "post",
            opinion,
            {
                "action": "publish",
                "text": "Hội đồng đề nghị bỏ Điều 2.",
                "given_on": timezone.localdate().isoformat(),
                "signers": [member.pk],
            },
        ),
    ]


@pytest.mark.parametrize("role", ["anonymous", "lan", "alice", "bob", "mai", "carol"])
def test_it_refuses_every_council_action_to_anyone_outside_the_council(client, request, role, closed, hoa):
    comment = make_comment(closed)
    user = None if role == "anonymous" else request.getfixturevalue(role)
    if user is not None:
        client.force_login(user)
    for method, url, data in _council_requests(closed, comment, hoa):
        response = getattr(client, method)(url, data) if data else getattr(client, method)(url)
        if user is None or role == "lan":  # no admin access: Wagtail sends them to sign in, or home
            assert response.status_code == 302, (role, url)
        else:  # agency staff reach the admin but not the Council's workspace
            assert response.status_code == 403, (role, method, url)
            html = response.content.decode()
            assert REFUSAL in html and "Không có gì thay đổi" in html
            assert comment.comment not in html
    assert not CouncilIssue.objects.exists() and not CouncilNote.objects.exists()
    assert not CouncilTag.objects.exists() and not CouncilOpinion.objects.exists()


@pytest.mark.parametrize("role", ["hoa", "admin"])
def test_it_lets_council_members_and_administrators_do_every_council_action(client, request, role, closed, hoa):
    comment = make_comment(closed)
    client.force_login(request.getfixturevalue(role))
    for method, url, data in _council_requests(closed, comment, hoa):
        response = getattr(client, method)(url, data) if data else getattr(client, method)(url)
        assert response.status_code == (302 if method == "post" else 200), (role, url)
    issue = CouncilIssue.objects.get(comment=comment)
    assert issue.priority == Priority.HIGH and [tag.name for tag in issue.tags.all()] == ["giấy phép con"]
    assert CouncilNote.objects.get().text == "Cần hỏi lại Bộ về chi phí."
    opinion = CouncilOpinion.objects.get()
    assert opinion.is_published and list(opinion.signers.all()) == [hoa]


def test_it_shows_the_workspace_menu_item_only_to_the_council_and_administrators(client, hoa, alice, admin):
    workspace = reverse("consultations_council:workspace")
    for user, shown in ((hoa, True), (admin, True), (alice, False)):
        client.force_login(user)
        assert (workspace in client.get(reverse("wagtailadmin_home")).content.decode()) is shown, user


def test_it_refuses_the_actions_themselves_to_non_members_with_nothing_changed(closed, alice, hoa):
    comment = make_comment(closed)
    for outsider in (AnonymousUser(), alice):
        for action in (
            lambda user: actions.mark_issue(user, comment, priority=Priority.LOW, tags="x"),
            lambda user: actions.add_note(user, comment, "ghi chú"),
            lambda user: publish_opinion(user, closed, text="Ý kiến.", signers=[hoa]),
        ):
            with pytest.raises(actions.CouncilRefused) as refused:
                action(outsider)
            assert REFUSAL in refused.value.message
    assert not CouncilIssue.objects.exists() and not CouncilNote.objects.exists()
    assert not CouncilOpinion.objects.exists() and not CouncilTag.objects.exists()


def test_it_tags_and_ranks_an_issue_and_refuses_bad_input(closed, hoa, quang):
    comment = make_comment(closed)
    issue = actions.mark_issue(
        hoa, comment, priority=Priority.URGENT, tags='giấy phép con, Giấy  phép con, "chi phí, thời gian"'
    )
    assert sorted(tag.name for tag in issue.tags.all()) == ["chi phí, thời gian", "giấy phép con"]
    other = make_comment(closed, text="Góp ý khác.")
    actions.mark_issue(quang, other, priority=Priority.LOW, tags="GIẤY PHÉP CON")  # the same tag, any case
    assert CouncilTag.objects.count() == 2
    actions.mark_issue(quang, comment, priority=Priority.MEDIUM, tags='"chi phí, thời gian"')  # replaced
    issue.refresh_from_db()
    assert issue.priority == Priority.MEDIUM and issue.updated_by == quang
    assert [tag.name for tag in issue.tags.all()] == ["chi phí, thời gian"]
    for bad in (
        {"priority": 9, "tags": ""},
        {"priority": Priority.LOW, "tags": ", ".join(f"nhãn {i}" for i in range(11))},
        {"priority": Priority.LOW, "tags": "x" * 65},
    ):
        with pytest.raises(actions.CouncilRefused, match="Không có gì thay đổi"):
            actions.mark_issue(hoa, comment, **bad)
    issue.refresh_from_db()
    assert issue.priority == Priority.MEDIUM and CouncilTag.objects.count() == 2
    with pytest.raises(actions.CouncilRefused, match="Ghi chú trống"):
        actions.add_note(hoa, comment, "   ")
    assert not CouncilNote.objects.exists()


def test_it_never_shows_council_notes_or_tags_to_the_public_or_the_agency(client, closed, hoa, alice, quang):
    comment = make_comment(closed)
    actions.mark_issue(hoa, comment, priority=Priority.HIGH, tags="nhãn-bí-mật-của-hội-đồng")
    actions.add_note(hoa, comment, "Ghi-chú-nội-bộ: Bộ trả lời chậm.")
    secrets = ("nhãn-bí-mật-của-hội-đồng", "Ghi-chú-nội-bộ")
    client.force_login(quang)  # shared within the Council
    shown = client.get(reverse("consultations_council:issue", args=[comment.pk])).content.decode()
    assert all(secret in shown for secret in secrets) and "Hoa Nguyễn Thị" in shown
    client.logout()
    public = [
        client.get(closed.url),
        client.get(f"/api/v1/consultations/{closed.pk}"),
        client.get(f"/api/v1/comments/{comment.receipt_number}"),
        client.get(reverse("consultations:receipt", args=[comment.receipt_number])),
    ]
    client.force_login(alice)  # the agency's own staff
    public += [
        client.get(reverse("consultations_answers:queue")),
        client.get(reverse("consultations_answers:comment", args=[comment.pk])),
    ]
    for response in public:
        assert response.status_code == 200, response.request["PATH_INFO"]
        assert not any(secret in response.content.decode() for secret in secrets), response.request["PATH_INFO"]
