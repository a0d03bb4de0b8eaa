"""The demo comments: a dozen, through the intake (each with a receipt), on several units of the
open demo consultation (seed 000, the draft resolution), idempotent."""

from datetime import timedelta
from io import StringIO

import pytest
from django.utils import timezone

from consultations.demo_comments import COMMENTS, add_demo_comments, open_demo_consultation
from consultations.intake.taxcode import is_valid_tax_code
from consultations.models import CommentStatus, ConsultationComment
from portal.management.commands.load_demo_data import Command as LoadDemoData
from regulations.demo import seed_records
from regulations.importing import save_document
from tests.browser.conftest import corpus_dir
from tests.consultations.builders import make_consultation, make_draft

pytestmark = pytest.mark.django_db


@pytest.fixture
def seed_consultation():
    make = next(make for name, make in seed_records(corpus_dir() / "seeds") if "000_30dcf1b77f192af4" in name)
    draft = save_document(make()).page
    return make_consultation(draft=draft, agency="Văn phòng Chính phủ")


def test_it_sends_a_dozen_demo_comments_through_the_intake(seed_consultation, mailoutbox):
    assert add_demo_comments(seed_consultation) == (len(COMMENTS), 0)
    comments = ConsultationComment.objects.filter(consultation=seed_consultation)
    assert comments.count() == len(COMMENTS) >= 12
    assert {c.status for c in comments} == {CommentStatus.RECEIVED}
    assert all(c.receipt_number and c.received_at and c.on_time for c in comments)
    assert {c.commenter_type for c in comments} == {"business", "association", "individual", "agency"}
    assert len({c.provision_id for c in comments if c.provision_id}) >= 6
    assert comments.filter(provision__isnull=True).count() == 2
    assert all(is_valid_tax_code(c.tax_code) for c in comments if c.commenter_type == "business")
    assert add_demo_comments(seed_consultation) == (0, len(COMMENTS))
    from django_tasks_db.models import DBTaskResult

    assert not DBTaskResult.objects.filter(task_path__startswith="consultations.intake.").exists()  # no e-mail
    assert mailoutbox == []


def test_it_dates_them_inside_the_period_again_when_the_period_moves(seed_consultation):
    add_demo_comments(seed_consultation)
    # `make run` days later moves the period (it opens a week before the day it runs): comments follow it.
    type(seed_consultation).objects.filter(pk=seed_consultation.pk).update(opens_at=timezone.now() - timedelta(days=2))
    seed_consultation.refresh_from_db()
    add_demo_comments(seed_consultation)
    dates = [
        ConsultationComment.objects.get(consultation=seed_consultation, user_email=demo.email).received_at
        for demo in COMMENTS
    ]
    assert dates == sorted(dates) and len(set(dates)) == len(COMMENTS)
    assert seed_consultation.opens_at < dates[0] and dates[-1] < timezone.now()
    assert all(
        c.submit_date == c.received_at for c in ConsultationComment.objects.filter(consultation=seed_consultation)
    )


def test_it_finds_the_open_demo_consultation_on_seed_000_before_any_other(seed_consultation):
    make_consultation(draft=make_draft(title="Dự thảo Nghị định về phân bón", agency="Bộ Nông nghiệp và Môi trường"))
    assert open_demo_consultation() == seed_consultation


def test_it_takes_another_open_consultation_and_never_a_closed_or_upcoming_one():
    assert open_demo_consultation() is None
    make_consultation(draft=make_draft(title="Dự thảo đã đóng"), opens_at=timezone.now() - timedelta(days=60))
    make_consultation(draft=make_draft(title="Dự thảo sắp mở"), opens_at=timezone.now() + timedelta(days=3))
    assert open_demo_consultation() is None
    open_one = make_consultation(draft=make_draft(title="Dự thảo đang lấy ý kiến"))
    assert open_demo_consultation() == open_one


def test_it_adds_them_from_load_demo_data_once_the_consultation_exists(seed_consultation):
    out = StringIO()
    command = LoadDemoData(stdout=out)
    command.add_demo_comments()
    command.add_demo_comments()
    assert ConsultationComment.objects.filter(consultation=seed_consultation).count() == len(COMMENTS)
    assert f"gửi {len(COMMENTS)}, đã có 0" in out.getvalue()
    assert f"gửi 0, đã có {len(COMMENTS)}" in out.getvalue()


def test_it_says_so_when_no_consultation_is_open():
    out = StringIO()
    LoadDemoData(stdout=out).add_demo_comments()
    assert "chưa có cuộc tham vấn nào đang lấy ý kiến" in out.getvalue()
    assert not ConsultationComment.objects.exists()
