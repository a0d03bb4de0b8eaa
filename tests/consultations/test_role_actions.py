"""Each role against each action of issue 8, in one table: answer a comment, approve (publish)
an answer, publish the synthesis, upload a revised draft (the consultation's edit page in the
admin), split or merge comment groups, the Advisory Council's actions, follow the consultation.
Each action is done through its real function or page; a refused one says why in Vietnamese and
changes nothing.

The consultation belongs to Bộ Tài chính. Personas (tests/conftest.py): visitor (anonymous), lan
(a business's public account), alice (legal officer, Bộ Tài chính: the owning ministry), carol
(legal officer, Bộ Công Thương: another ministry), bob (approver, Bộ Tài chính), minh (comment
moderator, Bộ Tài chính), hoa (member of the Advisory Council, across all agencies), admin
(superuser). Moderation's own table is
test_moderation_access.py."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from consultations.answers.actions import AnswerRefused, approve_answer, write_answer
from consultations.comment_groups.actions import GroupEditRefused, merge
from consultations.council.actions import CouncilRefused, add_note, mark_issue
from consultations.council.opinions import publish_opinion
from consultations.models import (
    Answer,
    AnswerState,
    CommentGroup,
    CouncilIssue,
    CouncilNote,
    CouncilOpinion,
    Disposition,
    Follow,
    GroupMembership,
    Priority,
    Synthesis,
)
from consultations.synthesis.publishing import publish_synthesis
from tests.consultations.builders import make_comment, make_consultation, make_draft

pytestmark = pytest.mark.django_db

COUNCIL = {"council_tag_rank", "council_note", "council_opinion"}
ACTIONS = (
    "answer",
    "approve",
    "publish_synthesis",
    "upload_revision",
    "split_merge_groups",
    *sorted(COUNCIL),
    "follow",
)
ROLES = {
    # role: the actions it may do
    "visitor": set(),
    "lan": {"follow"},  # following takes an account, any account
    "alice": {"answer", "upload_revision", "split_merge_groups", "follow"},
    "carol": {"follow"},
    "bob": {"answer", "approve", "publish_synthesis", "upload_revision", "split_merge_groups", "follow"},
    "minh": {"follow"},
    "hoa": COUNCIL | {"follow"},
    "admin": set(ACTIONS),
}


def _closed(title: str):
    draft = make_draft(title=title, agency="Bộ Tài chính", doc_type="thong-tu")
    return make_consultation(draft, agency="Bộ Tài chính", opens_at=timezone.now() - timedelta(days=40), days=30)


@pytest.fixture
def world(finance_folder, trade_folder, alice, hoa):
    """A closed consultation of Bộ Tài chính with a comment to answer, a draft answer waiting for
    approval and two groups; another whose comments all have public answers (ready for its
    synthesis)."""
    closed = _closed("Dự thảo Thông tư về hóa đơn điện tử")
    article = closed.version.provisions.get(anchor="dieu-1")
    to_answer = make_comment(closed, article, text="Đề nghị lùi thời hạn áp dụng hóa đơn điện tử.")
    waiting = make_comment(closed, article, text="Đề nghị bỏ mẫu báo cáo giấy.", user_email="b@example.vn")
    draft_answer = write_answer(alice, comment=waiting, disposition=Disposition.ACCEPTED, text="Tiếp thu.")
    groups = []
    for n in range(2):
        group = CommentGroup.objects.create(consultation=closed)
        for m in range(2):
            member = make_comment(closed, text=f"Chiến dịch {n}: đề nghị bỏ phí {m}.", user_email=f"c{n}{m}@example.vn")
            GroupMembership.objects.create(group=group, comment=member)
        groups.append(group)
    ready = _closed("Dự thảo Thông tư về lệ phí trước bạ")
    answered = make_comment(ready, text="Đề nghị giảm lệ phí trước bạ cho ô tô điện.", user_email="d@example.vn")
    Answer.objects.create(
        consultation=ready, comment=answered, disposition=Disposition.EXPLAINED, text="Giải trình.", state="public"
    )
    return {
        "closed": closed,
        "comment": to_answer,
        "draft_answer": draft_answer,
        "groups": groups,
        "ready": ready,
        "council_member": hoa,  # signs the opinion
    }


def _attempt(action: str, user, client, world) -> bool:
    """Do the action as `user`; True if it was done, False if refused (with its message, and
    nothing changed)."""
    closed = world["closed"]
    refused = (AnswerRefused, GroupEditRefused, CouncilRefused)
    try:
        if action == "answer":
            write_answer(user, comment=world["comment"], disposition=Disposition.EXPLAINED, text="Giải trình: giữ.")
        elif action == "approve":
            approve_answer(user, world["draft_answer"])
        elif action == "publish_synthesis":
            publish_synthesis(user, world["ready"], signer_name="Nguyễn Văn Dũng")
        elif action == "split_merge_groups":
            merge(user, world["groups"])
        elif action == "council_tag_rank":
            mark_issue(user, world["comment"], priority=Priority.HIGH, tags="hóa đơn điện tử")
        elif action == "council_note":
            add_note(user, world["comment"], "Hỏi Bộ về chi phí chuyển đổi.")
        elif action == "council_opinion":
            publish_opinion(user, closed, text="Hội đồng đề nghị lùi thời hạn.", signers=[world["council_member"]])
        elif action == "follow":
            # Through the page: signed out, it asks to sign in and stores nothing.
            client.post("/theo-doi/", {"kind": "consultation", "target": closed.pk, "action": "follow", "next": "/"})
            return Follow.objects.filter(consultation=closed).exists()
        elif action == "upload_revision":
            # The revised draft is uploaded in the consultation's edit form (test_admin.py).
            response = client.get(f"/quan-tri/pages/{closed.pk}/edit/")
            return response.status_code == 200 and b'name="draft_file"' in response.content
        else:
            raise AssertionError(action)
    except refused as refusal:
        assert "Không" in refusal.message or "Chỉ" in refusal.message, refusal.message
        return False
    return True


def _state(world) -> tuple:
    closed = world["closed"]
    return (
        Answer.objects.filter(comment=world["comment"]).exists(),
        Answer.objects.get(pk=world["draft_answer"].pk).state,
        Synthesis.objects.filter(consultation=world["ready"]).exists(),
        CommentGroup.objects.filter(consultation=closed).count(),
        CouncilIssue.objects.count(),
        CouncilNote.objects.count(),
        CouncilOpinion.objects.count(),
        Follow.objects.count(),
    )


@pytest.mark.parametrize("role", list(ROLES))
def test_each_role_does_exactly_its_actions_and_a_refusal_changes_nothing(role, request, client, world):
    user = AnonymousUser() if role == "visitor" else request.getfixturevalue(role)
    if role != "visitor":
        client.force_login(user)
    done = {}
    for action in ACTIONS:
        before = _state(world)
        done[action] = _attempt(action, user, client, world)
        if not done[action]:
            assert _state(world) == before, action
    assert {action for action, ok in done.items() if ok} == ROLES[role]
    if "approve" in ROLES[role]:
        assert Answer.objects.get(pk=world["draft_answer"].pk).state == AnswerState.PUBLIC
