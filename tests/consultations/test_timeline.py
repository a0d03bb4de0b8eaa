"""The consultation calendar, pure: the end-of-day rule, the period in days, the status by time."""

from datetime import UTC, date, datetime, time, timedelta

import pytest

from consultations.timeline import (
    VIETNAM,
    Stage,
    Status,
    closing_moment,
    default_answer_deadline,
    earliest_closing_day,
    period_days,
    status_at,
    time_left,
)

OPENS = datetime(2026, 3, 1, 9, 0, tzinfo=VIETNAM)
CLOSES = closing_moment(date(2026, 3, 31))


def test_it_closes_at_the_end_of_the_closing_day_in_vietnam():
    moment = closing_moment(date(2026, 3, 31))
    assert moment == datetime(2026, 3, 31, 23, 59, 59, 999999, tzinfo=VIETNAM)
    assert moment.utcoffset() == timedelta(hours=7)


def test_it_closes_at_the_time_given():
    assert closing_moment(date(2026, 3, 31), time(17, 0)) == datetime(2026, 3, 31, 17, 0, tzinfo=VIETNAM)


def test_it_counts_the_period_from_the_day_after_opening():
    assert period_days(OPENS, date(2026, 3, 31)) == 30
    assert period_days(OPENS, date(2026, 3, 30)) == 29
    assert earliest_closing_day(OPENS, 30) == date(2026, 3, 31)


def test_it_counts_days_in_vietnam_whatever_the_timezone_of_the_opening_time():
    opens_utc = datetime(2026, 2, 28, 18, 30, tzinfo=UTC)  # 01:30 on 1 March in Hà Nội
    assert period_days(opens_utc, date(2026, 3, 31)) == 30
    assert earliest_closing_day(opens_utc, 30) == date(2026, 3, 31)


def test_it_refuses_a_naive_opening_time():
    with pytest.raises(ValueError):
        period_days(datetime(2026, 3, 1, 9, 0), date(2026, 3, 31))


@pytest.mark.parametrize(
    ("now", "stage", "expected"),
    [
        (OPENS - timedelta(seconds=1), Stage.CONSULTING, Status.UPCOMING),
        (OPENS - timedelta(days=3), Stage.PUBLISHED, Status.UPCOMING),
        (OPENS, Stage.CONSULTING, Status.OPEN),
        (CLOSES, Stage.CONSULTING, Status.OPEN),
        (CLOSES, Stage.SYNTHESISING, Status.OPEN),
        (CLOSES + timedelta(microseconds=1), Stage.CONSULTING, Status.CLOSED),
        (CLOSES + timedelta(days=2), Stage.SYNTHESISING, Status.SYNTHESISING),
        (CLOSES + timedelta(days=40), Stage.PUBLISHED, Status.PUBLISHED),
    ],
)
def test_it_decides_the_status_by_time_then_by_stage(now, stage, expected):
    assert status_at(now, OPENS, CLOSES, stage) == expected


def test_it_gives_the_time_left_and_the_default_answer_deadline():
    assert time_left(CLOSES - timedelta(hours=5), CLOSES) == timedelta(hours=5)
    assert time_left(CLOSES + timedelta(hours=5), CLOSES) == timedelta(0)
    assert default_answer_deadline(date(2026, 3, 31)) == date(2026, 4, 30)


def test_it_counts_the_days_left_to_the_answer_deadline_negative_once_overdue():
    from consultations.timeline import answered_on_time, days_left

    deadline = date(2026, 5, 31)
    assert days_left(date(2026, 5, 26), deadline) == 5
    assert days_left(deadline, deadline) == 0
    assert days_left(date(2026, 6, 3), deadline) == -3
    assert answered_on_time(deadline, deadline) and not answered_on_time(date(2026, 6, 1), deadline)
