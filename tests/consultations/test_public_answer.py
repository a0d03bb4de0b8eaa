"""What the public sees of an answer: nothing until it is public; then its disposition, its text
(escaped, as text) and its date, its own answer before its group's."""

from datetime import timedelta

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from consultations.answers import actions
from consultations.answers.public import public_answer
from consultations.models import CommentGroup, Disposition, GroupMembership
from consultations.synthesis import publishing
from tests.consultations.builders import make_comment, make_consultation

pytestmark = pytest.mark.django_db


def test_it_shows_only_a_public_answer_and_renders_it_as_text(finance_folder, alice, bob):
    closed = make_consultation(agency="Bộ Tài chính", opens_at=timezone.now() - timedelta(days=40), days=30)
    comment = make_comment(closed)
    answer = actions.submit_answer(
        alice,
        actions.write_answer(alice, comment=comment, disposition=Disposition.ACCEPTED, text="<b>Tiếp thu</b>\nĐã sửa."),
    )
    assert public_answer(comment) is None
    actions.approve_answer(bob, answer)
    shown = public_answer(comment)
    assert shown["disposition"] == "tiep-thu" and shown["disposition_label"] == "Tiếp thu"
    assert shown["for_group"] is False and shown["published_at"] is not None
    html = render_to_string("consultations/includes/public_answer.html", {"answer": shown})
    assert "&lt;b&gt;Tiếp thu&lt;/b&gt;" in html and "<b>" not in html and "<br>" in html


def test_it_shows_the_groups_answer_to_each_member(finance_folder, alice, bob):
    closed = make_consultation(agency="Bộ Tài chính", opens_at=timezone.now() - timedelta(days=40), days=30)
    member = make_comment(closed)
    group = CommentGroup.objects.create(consultation=closed)
    GroupMembership.objects.create(comment=member, group=group)
    actions.approve_answer(
        bob, actions.write_answer(alice, group=group, disposition=Disposition.EXPLAINED, text="Giữ nguyên.")
    )
    shown = public_answer(member)
    assert shown["for_group"] is True and shown["text"] == "Giữ nguyên."


def test_it_shows_the_public_answer_under_its_comment_on_the_consultation_page(client, finance_folder, alice, bob):
    closed = make_consultation(agency="Bộ Tài chính", opens_at=timezone.now() - timedelta(days=40), days=30)
    answered, waiting = make_comment(closed), make_comment(closed, text="Đề nghị giữ nguyên thời hạn.")
    answer = actions.write_answer(
        alice, comment=answered, disposition=Disposition.ACCEPTED, text="<i>Đã sửa</i> khoản 2."
    )
    actions.submit_answer(alice, answer)
    page = client.get(closed.url).content.decode()
    assert "Trả lời của cơ quan soạn thảo" not in page  # not public before the approver publishes it

    actions.approve_answer(bob, answer)
    page = client.get(closed.url).content.decode()
    shown = page.split(f'id="gop-y-{answered.pk}"', 1)[1].split("</article>", 1)[0]
    assert "Trả lời của cơ quan soạn thảo" in shown and "Tiếp thu" in shown
    assert "&lt;i&gt;Đã sửa&lt;/i&gt; khoản 2." in shown and "<i>" not in shown
    other = page.split(f'id="gop-y-{waiting.pk}"', 1)[1].split("</article>", 1)[0]
    assert "Trả lời của cơ quan soạn thảo" not in other


def test_it_links_the_published_synthesis_from_the_consultation_page(client, finance_folder, alice, bob):
    closed = make_consultation(agency="Bộ Tài chính", opens_at=timezone.now() - timedelta(days=40), days=30)
    comment = make_comment(closed)
    actions.approve_answer(
        bob, actions.write_answer(alice, comment=comment, disposition=Disposition.EXPLAINED, text="Giữ nguyên.")
    )
    assert "Kết quả tiếp thu, giải trình ý kiến" not in client.get(closed.url).content.decode()

    publishing.publish_synthesis(bob, closed)
    page = client.get(closed.url).content.decode()
    assert "Kết quả tiếp thu, giải trình ý kiến" in page
    for kind in ("docx", "xlsx", "csv"):
        assert reverse("consultations_synthesis:file", args=[closed.pk, kind]) in page
