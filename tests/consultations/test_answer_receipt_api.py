"""The public answer where the commenter looks: the receipt page and GET /api/v1/comments/{receipt}
show it once approved (null / nothing before); the consultation API links the synthesis files
once published (null before)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from consultations.answers import actions
from consultations.models import CommentGroup, Disposition, GroupMembership
from consultations.synthesis import publishing
from tests.consultations.builders import make_comment, make_consultation

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed(finance_folder):
    return make_consultation(agency="Bộ Tài chính", opens_at=timezone.now() - timedelta(days=40), days=30)


def test_it_shows_the_answer_in_the_comment_api_once_public(client, closed, alice, bob):
    comment = make_comment(closed)
    url = f"/api/v1/comments/{comment.receipt_number}"
    assert client.get(url).json()["answer"] is None
    answer = actions.submit_answer(
        alice,
        actions.write_answer(alice, comment=comment, disposition=Disposition.PARTLY_ACCEPTED, text="Sửa khoản 2."),
    )
    assert client.get(url).json()["answer"] is None  # awaiting approval: not public
    actions.approve_answer(bob, answer)
    body = client.get(url).json()
    assert body["status"] == "answered"
    assert body["answer"]["disposition"] == "tiep-thu-mot-phan"
    assert body["answer"]["disposition_label"] == "Tiếp thu một phần"
    assert body["answer"]["text"] == "Sửa khoản 2." and body["answer"]["for_group"] is False
    assert body["answer"]["published_at"]


def test_it_shows_a_groups_answer_on_each_members_receipt(client, closed, alice, bob):
    member = make_comment(closed, text="Mẫu chiến dịch")
    group = CommentGroup.objects.create(consultation=closed)
    GroupMembership.objects.create(comment=member, group=group)
    receipt = f"/tham-van/bien-nhan/{member.receipt_number}/"
    html = client.get(receipt).content.decode()
    assert "hạn trả lời" in html and "Trả lời của cơ quan soạn thảo" not in html
    actions.approve_answer(
        bob, actions.write_answer(alice, group=group, disposition=Disposition.EXPLAINED, text="Giữ <nguyên>.")
    )
    html = client.get(receipt).content.decode()
    assert "Trả lời của cơ quan soạn thảo" in html and "Giải trình (không tiếp thu)" in html
    assert "Giữ &lt;nguyên&gt;." in html
    assert client.get(f"/api/v1/comments/{member.receipt_number}").json()["answer"]["for_group"] is True


def test_it_links_the_synthesis_files_in_the_consultation_api_once_published(client, closed, alice, bob):
    comment = make_comment(closed)
    detail = f"/api/v1/consultations/{closed.pk}"
    keys = ("synthesis_docx_url", "synthesis_xlsx_url", "synthesis_csv_url")
    assert all(client.get(detail).json()[key] is None for key in keys)
    actions.approve_answer(
        bob, actions.write_answer(alice, comment=comment, disposition=Disposition.ACCEPTED, text="Ok")
    )
    publishing.publish_synthesis(bob, closed)
    body = client.get(detail).json()
    listed = next(item for item in client.get("/api/v1/consultations").json()["results"] if item["id"] == closed.pk)
    for key, extension in zip(keys, ("docx", "xlsx", "csv"), strict=True):
        assert body[key].startswith("http") and body[key].endswith(f".{extension}") and listed[key] == body[key]
        assert client.get(body[key]).status_code == 200
