"""The daily digest: each kind of event (a draft opens, seven days before it closes, answers
published, synthesis published) through a consultation, agency or field follow; at most one
e-mail a day; nothing from before the follow; a failed send loses nothing; the command and the
django-tasks job."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from consultations.answers import actions
from consultations.follows import digest
from consultations.follows.tasks import next_run, schedule_next_digest, send_daily_digests_task
from consultations.models import ConsultationPage, DigestState, Disposition, Follow
from consultations.synthesis import publishing
from regulations.models import Field
from tests.conftest import person
from tests.consultations.builders import make_comment, make_consultation, make_draft

pytestmark = pytest.mark.django_db


def _consultation(title: str, agency: str, opens_days_ago: int, days: int):
    return make_consultation(
        make_draft(title=title, agency=agency),
        agency=agency,
        opens_at=timezone.now() - timedelta(days=opens_days_ago),
        days=days,
    )


@pytest.fixture
def news(finance_folder, trade_folder, alice, bob):
    """Three consultations, each with news since a week ago:
    - `opened` (Bộ Tài chính, field «Thuế»): opened two days ago;
    - `closing` (Bộ Công Thương): opened 27 days ago, closes in 3 days;
    - `answered` (Bộ Tài chính): closed; two comments answered, and the synthesis published, now."""
    opened = _consultation("Dự thảo Thông tư về hóa đơn điện tử", "Bộ Tài chính", 2, 30)
    tax = Field.objects.create(name="Thuế", slug="thue")
    opened.fields.add(tax)
    opened.save_revision().publish()
    closing = _consultation("Dự thảo Nghị định về kinh doanh khí", "Bộ Công Thương", 27, 30)
    answered = _consultation("Dự thảo Nghị định về phí trước bạ", "Bộ Tài chính", 40, 30)
    for text in ("Đề nghị giảm phí.", "Đề nghị bỏ thủ tục."):
        comment = make_comment(answered, None, text)
        actions.approve_answer(
            bob, actions.write_answer(alice, comment=comment, disposition=Disposition.ACCEPTED, text="Tiếp thu.")
        )
    publishing.publish_synthesis(bob, answered)
    # published on the portal when they opened (a page first published later opens for its readers then)
    for page in (opened, closing, answered):
        ConsultationPage.objects.filter(pk=page.pk).update(first_published_at=page.opens_at)
    return {"opened": opened, "closing": closing, "answered": answered, "tax": tax}


def _follow(user, since_days: int = 7, **target) -> Follow:
    DigestState.objects.get_or_create(user=user)  # as consultations.follows.actions.follow does
    return Follow.objects.create(user=user, created_at=timezone.now() - timedelta(days=since_days), **target)


def test_it_sends_one_digest_with_every_kind_of_event_and_one_a_day(news, lan, alice, bob):
    _follow(lan, field=news["tax"])
    _follow(lan, agency=news["closing"].lead_agency)
    _follow(lan, consultation=news["answered"])

    run = digest.send_daily_digests()
    assert run.sent == 1 and run.failed == 0
    (message,) = mail.outbox
    assert message.to == ["lan@minhphat.vn"]
    assert "3 dự thảo có tin mới" in message.subject
    text = message.body
    opened_at = text.index(news["opened"].title)
    assert "Đã mở lấy ý kiến" in text[opened_at:]
    assert re.search(r"Dự thảo Nghị định về kinh doanh khí\n.*\n   - Còn \d ngày là hết hạn góp ý", text)
    assert "Cơ quan soạn thảo đã công khai 2 câu trả lời góp ý." in text
    synthesis_url = f"/tham-van/tong-hop/{news['answered'].pk}/"
    assert "Đã công bố bản tổng hợp, tiếp thu, giải trình ý kiến góp ý: http" in text and synthesis_url in text
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and synthesis_url in html and "Dự thảo Nghị định về phí trước bạ" in html
    all_link = re.search(r"<(http[^>]+/theo-doi/huy/[^>]+/)>", message.extra_headers["List-Unsubscribe"]).group(1)
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert all_link in text and text.count("/theo-doi/huy/") == 4  # one per follow, and all

    # the same day: nothing more, even with news
    assert digest.send_daily_digests().sent == 0 and len(mail.outbox) == 1
    comment = make_comment(news["opened"], None, "Đề nghị làm rõ Điều 2.")
    actions.approve_answer(
        bob, actions.write_answer(alice, comment=comment, disposition=Disposition.EXPLAINED, text="Giữ nguyên.")
    )
    run = digest.send_daily_digests()
    assert (run.sent, run.already_sent_today) == (0, 1) and len(mail.outbox) == 1

    # the next day, only what is new
    tomorrow = timezone.now() + timedelta(days=1)
    assert digest.send_daily_digests(tomorrow).sent == 1
    later = mail.outbox[1].body.split("Bạn nhận thư này")[0]  # the news, before the list of follows
    assert "1 dự thảo có tin mới" in mail.outbox[1].subject
    assert "Cơ quan soạn thảo đã công khai 1 câu trả lời góp ý." in later and news["opened"].title in later
    assert "Đã mở lấy ý kiến" not in later and news["answered"].title not in later
    assert digest.send_daily_digests(tomorrow + timedelta(days=1)).nothing_new == 1 and len(mail.outbox) == 2


def test_it_tells_nothing_that_happened_before_the_follow(news, lan):
    _follow(lan, since_days=0, consultation=news["answered"])
    _follow(lan, since_days=0, agency=news["opened"].lead_agency)
    run = digest.send_daily_digests()
    assert run.nothing_new == 1 and not mail.outbox
    assert DigestState.objects.get(user=lan).covered_until is not None


def test_it_leaves_a_failed_digest_pending_and_sends_the_others(news, lan):
    broken = person("broken")
    _follow(broken, consultation=news["answered"])
    _follow(lan, consultation=news["answered"])
    # an address stored before validation existed: the message cannot be built
    type(broken).objects.filter(pk=broken.pk).update(email="broken@example.vn\nBcc: x@example.vn")

    run = digest.send_daily_digests()
    assert (run.sent, run.failed) == (1, 1) and [m.to for m in mail.outbox] == [["lan@minhphat.vn"]]
    state = DigestState.objects.get(user=broken)
    assert state.last_sent_on is None and state.covered_until is None and not state.recent_keys

    type(broken).objects.filter(pk=broken.pk).update(email="broken@example.vn")
    run = digest.send_daily_digests()
    assert (run.sent, run.failed) == (1, 0) and len(mail.outbox) == 2  # lan has nothing new
    assert mail.outbox[1].to == ["broken@example.vn"] and "bản tổng hợp" in mail.outbox[1].body


def test_it_runs_from_the_command_and_as_the_daily_task(news, lan, capsys):
    _follow(lan, consultation=news["answered"])
    call_command("send_daily_digests")
    assert "đã gửi 1" in capsys.readouterr().out and len(mail.outbox) == 1
    call_command("send_daily_digests")
    assert len(mail.outbox) == 1

    DigestState.objects.filter(user=lan).update(last_sent_on=None, covered_until=None, recent_keys={})
    assert schedule_next_digest() is True and schedule_next_digest() is False  # one waiting task is enough
    waiting = DBTaskResult.objects.get(task_path=send_daily_digests_task.module_path, status="READY")
    assert waiting.run_after == next_run(timezone.now())
    assert timezone.localtime(waiting.run_after).hour == 7
    result = waiting.task.call()
    assert result["sent"] == 1 and len(mail.outbox) == 2
    assert DBTaskResult.objects.filter(task_path=send_daily_digests_task.module_path, status="READY").count() == 1
