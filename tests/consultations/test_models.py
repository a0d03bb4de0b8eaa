"""The consultation's model rules: status by time (in Python and in SQL), the end-of-day rule,
the minimum period and its override, the answer deadline, and the comment model."""

from datetime import date, datetime, time, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django_comments_xtd.models import MaxThreadLevelExceededException

from consultations.models import (
    CommentStatus,
    ConsultationComment,
    ConsultationPage,
    ConsultationStage,
    ConsultationStatus,
    MinimumPeriodRule,
)
from consultations.receipts import normalize_receipt_number
from consultations.timeline import VIETNAM
from regulations.models import ProvisionKind
from tests.consultations.builders import at, make_comment, make_consultation, make_draft

pytestmark = pytest.mark.django_db

OPENING_DAY = date(2026, 3, 1)


def consultation_page(**values) -> ConsultationPage:
    """An unsaved consultation of a saved draft, for clean()."""
    draft = values.pop("draft", None) or make_draft()
    values.setdefault("opens_at", at(OPENING_DAY, 9))
    return ConsultationPage(title=draft.title, slug="du-thao", document=draft, **values)


def errors_of(page: ConsultationPage) -> dict[str, list[str]]:
    try:
        page.clean()
    except ValidationError as error:
        return error.message_dict
    return {}


# ---- the calendar -------------------------------------------------------------------------


def test_it_closes_at_the_end_of_the_closing_day_unless_a_time_is_given():
    whole_day = make_consultation(opens_at=at(OPENING_DAY), closing_date=date(2026, 3, 31))
    assert whole_day.closes_at == datetime(2026, 3, 31, 23, 59, 59, 999999, tzinfo=VIETNAM)
    at_five = make_consultation(
        opens_at=at(OPENING_DAY), closing_date=date(2026, 3, 31), closing_time=time(17), slug="den-17-gio"
    )
    at_five.refresh_from_db()
    assert at_five.closes_at == datetime(2026, 3, 31, 17, tzinfo=VIETNAM)
    assert at_five.answer_deadline == date(2026, 4, 30)


def test_it_says_the_status_by_time_and_sql_agrees():
    upcoming = make_consultation(opens_at=at(OPENING_DAY), slug="a")
    draft = make_draft(title="Dự thảo Thông tư về hóa đơn điện tử", agency="Bộ Tài chính")
    synthesising = make_consultation(
        draft=draft, agency="Bộ Tài chính", opens_at=at(date(2025, 12, 1)), stage=ConsultationStage.SYNTHESISING
    )
    cases = {
        at(date(2026, 2, 28), 23): {upcoming.pk: ConsultationStatus.UPCOMING},
        at(OPENING_DAY, 8): {upcoming.pk: ConsultationStatus.OPEN},
        datetime(2026, 3, 31, 23, 59, 59, 999999, tzinfo=VIETNAM): {upcoming.pk: ConsultationStatus.OPEN},
        at(date(2026, 4, 1), 0): {
            upcoming.pk: ConsultationStatus.CLOSED,
            synthesising.pk: ConsultationStatus.SYNTHESISING,
        },
    }
    for now, expected in cases.items():
        pages = ConsultationPage.objects.filter(pk__in=expected).with_status(now)
        assert {p.pk: p.status_value for p in pages} == expected
        assert {p.pk: p.status_at(now) for p in pages} == expected
        for pk, status in expected.items():
            assert list(
                ConsultationPage.objects.in_status(status, now).filter(pk__in=expected).values_list("pk", flat=True)
            ) == [pk]


def test_it_shows_results_published_once_the_agency_has_published_them():
    page = make_consultation(opens_at=at(date(2025, 1, 1)), stage=ConsultationStage.PUBLISHED)
    assert page.status == ConsultationStatus.PUBLISHED
    assert page.status_label == "Đã công bố kết quả"
    assert list(ConsultationPage.objects.in_status("published")) == [page]


# ---- the minimum period --------------------------------------------------------------------


def test_it_refuses_a_period_shorter_than_the_floor_and_names_it():
    errors = errors_of(consultation_page(closing_date=date(2026, 3, 20)))
    message = errors["closing_date"][0]
    assert "tối thiểu là 30 ngày" in message
    assert "Nghị định" in message
    assert "chỉ có 19 ngày" in message
    assert "31/03/2026" in message
    assert "Điều 50" in message


def test_it_accepts_the_floor_exactly():
    assert errors_of(consultation_page(closing_date=date(2026, 3, 31))) == {}
    assert "closing_date" in errors_of(consultation_page(closing_date=date(2026, 3, 30)))


def test_it_enforces_the_floor_an_administrator_sets_for_the_document_type():
    MinimumPeriodRule.objects.create(doc_type="nghi-dinh", days=60)
    message = errors_of(consultation_page(closing_date=date(2026, 3, 31)))["closing_date"][0]
    assert "tối thiểu là 60 ngày" in message
    assert errors_of(consultation_page(closing_date=date(2026, 4, 30))) == {}
    circular = make_draft(title="Dự thảo Thông tư hướng dẫn", agency="Bộ Tài chính", doc_type="thong-tu")
    assert errors_of(consultation_page(draft=circular, closing_date=date(2026, 3, 31))) == {}


def test_it_lets_the_shortened_procedure_go_below_the_floor_with_a_reason_only():
    without_reason = errors_of(consultation_page(closing_date=date(2026, 3, 11), shortened_procedure=True))
    assert without_reason == {"shortened_reason": ["Nêu lý do áp dụng trình tự, thủ tục rút gọn."]}
    with_reason = consultation_page(
        closing_date=date(2026, 3, 11),
        shortened_procedure=True,
        shortened_reason="Trường hợp cấp bách để xử lý sự cố giá xăng dầu (Điều 50 Luật số 64/2025/QH15).",
    )
    assert errors_of(with_reason) == {}


def test_it_refuses_a_closing_before_the_opening_even_when_shortened():
    page = consultation_page(
        opens_at=at(OPENING_DAY, 9),
        closing_date=OPENING_DAY,
        closing_time=time(8),
        shortened_procedure=True,
        shortened_reason="Cấp bách.",
    )
    assert "sau thời điểm mở" in errors_of(page)["closing_date"][0]


def test_it_refuses_an_answer_deadline_before_the_closing_day():
    page = consultation_page(closing_date=date(2026, 3, 31), answer_deadline=date(2026, 3, 15))
    assert "answer_deadline" in errors_of(page)


def test_it_takes_the_newest_draft_version_and_refuses_an_official_one():
    page = consultation_page(closing_date=date(2026, 3, 31))
    assert errors_of(page) == {}
    assert page.version.kind == "du-thao"
    law = make_draft(title="Luật đã ban hành", key="luat-da-ban-hanh")
    official = law.versions.get()
    official.kind = "chinh-thuc"
    official.save()
    assert "document" in errors_of(consultation_page(draft=law, closing_date=date(2026, 3, 31)))


# ---- comments ------------------------------------------------------------------------------


def test_it_receipts_a_comment_with_a_unique_unguessable_number_and_keeps_no_ip():
    consultation = make_consultation()
    article = consultation.version.provisions.get(anchor="dieu-2")
    comment = make_comment(consultation, article, ip_address="203.113.0.7")
    comment.refresh_from_db()
    assert normalize_receipt_number(comment.receipt_number) == comment.receipt_number
    assert comment.status == CommentStatus.RECEIVED and comment.on_time and comment.received_at
    assert comment.is_public and not comment.is_removed
    assert comment.ip_address is None and len(comment.ip_hash) == 64
    assert comment.anchor == "dieu-2" and comment.version == consultation.version
    assert comment.content_object == consultation
    other = make_comment(consultation, article)
    assert other.receipt_number != comment.receipt_number


def test_it_holds_comments_of_a_pre_moderated_consultation_and_marks_late_ones():
    consultation = make_consultation(pre_moderation=True)
    held = make_comment(consultation)
    assert held.status == CommentStatus.PENDING_MODERATION and not held.is_public
    late = ConsultationComment(
        consultation=consultation,
        comment="Muộn",
        commenter_type="individual",
        submit_date=consultation.closes_at + timedelta(seconds=1),
    )
    late.mark_received()
    assert late.on_time is False


def test_it_keeps_a_hidden_comment_in_the_thread_with_its_public_note():
    comment = make_comment(make_consultation())
    comment.status = CommentStatus.HIDDEN
    comment.public_note = "đã ẩn: nội dung quảng cáo"
    comment.save()
    comment.refresh_from_db()
    assert comment.is_removed and comment.is_public and comment.is_counted
    assert ConsultationComment.objects.counted().count() == 1


def test_it_stores_an_idempotency_key_once_per_account(django_user_model):
    consultation = make_consultation()
    account = django_user_model.objects.create_user("api-user")
    make_comment(consultation, idempotency_key="abc-1", sent_by=account, user=account)
    with pytest.raises(IntegrityError), transaction.atomic():
        make_comment(consultation, idempotency_key="abc-1", sent_by=account, user=account)
    make_comment(consultation, idempotency_key="", sent_by=account)
    make_comment(consultation, idempotency_key="", sent_by=account)
    assert ConsultationComment.objects.count() == 3


def test_it_threads_comments_two_levels_deep():
    consultation = make_consultation()
    first = make_comment(consultation)
    reply = make_comment(consultation, parent_id=first.pk, text="Đồng ý với ý kiến trên.")
    assert (reply.level, reply.thread_id) == (1, first.pk)
    with pytest.raises(MaxThreadLevelExceededException):
        make_comment(consultation, parent_id=reply.pk, text="Trả lời lần hai.")


def test_it_refuses_a_unit_of_another_draft_or_a_unit_that_is_not_commentable():
    consultation = make_consultation()
    other = make_consultation(draft=make_draft(title="Dự thảo khác", key="du-thao-khac"), slug="khac")
    foreign = other.version.provisions.get(anchor="dieu-1")
    clause = consultation.version.provisions.get(anchor="dieu-1-khoan-1")
    for provision in (foreign, clause):
        comment = ConsultationComment(
            consultation=consultation,
            version=consultation.version,
            provision=provision,
            comment="x",
            commenter_type="individual",
        )
        with pytest.raises(ValidationError) as raised:
            comment.clean()
        assert "provision" in raised.value.message_dict
    assert clause.kind == ProvisionKind.CLAUSE
