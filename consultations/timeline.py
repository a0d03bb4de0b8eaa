"""A consultation's calendar, pure: when it closes, how long it lasts, and its status.

No Django here (mypy --strict). The rules:

- **Closing**: a consultation closes at the end of its closing day (23:59:59.999999 in
  Asia/Ho_Chi_Minh) unless the officer gives a time.
- **Period** (thời gian lấy ý kiến), in calendar days, holidays included, counted as the Civil
  Code counts a period in days (Bộ luật Dân sự 2015, Điều 147-148): the opening day itself is not
  counted, the period ends at the end of its last day. Opening on 1 March with a 30-day floor,
  the earliest closing day is 31 March.
- **Status**: before the opening time *upcoming*; from the opening time to the closing time
  (inclusive) *open*; after it, what the people behind it have done: *closed*, *synthesising*
  (issue 8's synthesis under way) or *published* (its results published). Times come first, so
  a consultation never shows as open to comments when the server would refuse them.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
END_OF_DAY = time.max  # 23:59:59.999999
DEFAULT_MINIMUM_DAYS = 30
DEFAULT_ANSWER_DAYS = 30


class Status(StrEnum):
    """What the public sees (the same values as `consultations.models.ConsultationStatus`)."""

    UPCOMING = "upcoming"  # sắp mở
    OPEN = "open"  # đang lấy ý kiến
    CLOSED = "closed"  # đã đóng
    SYNTHESISING = "synthesising"  # đang tổng hợp
    PUBLISHED = "published"  # đã công bố kết quả


class Stage(StrEnum):
    """What the agency has done after the closing time (set by people, not by the clock)."""

    CONSULTING = "consulting"
    SYNTHESISING = "synthesising"
    PUBLISHED = "published"


def closing_moment(day: date, at: time | None = None) -> datetime:
    """The aware datetime a consultation closes: `at` on `day`, or the end of `day`."""
    moment = at if at is not None else END_OF_DAY
    return datetime.combine(day, moment.replace(tzinfo=None), tzinfo=VIETNAM)


def local_day(moment: datetime) -> date:
    """The calendar day of an aware datetime in Vietnam."""
    if moment.tzinfo is None:
        raise ValueError("an aware datetime is required")
    return moment.astimezone(VIETNAM).date()


def period_days(opens_at: datetime, closing_day: date) -> int:
    """The period's length in calendar days: the days after the opening day, up to and
    including the closing day."""
    return (closing_day - local_day(opens_at)).days


def earliest_closing_day(opens_at: datetime, minimum_days: int) -> date:
    """The first closing day that gives at least `minimum_days`."""
    return local_day(opens_at) + timedelta(days=minimum_days)


def default_answer_deadline(closing_day: date, days: int = DEFAULT_ANSWER_DAYS) -> date:
    """Issue 8's answer deadline when the officer sets none: `days` after the closing day."""
    return closing_day + timedelta(days=days)


def status_at(now: datetime, opens_at: datetime, closes_at: datetime, stage: Stage | str) -> Status:
    """The consultation's status at `now` (all three aware)."""
    if now < opens_at:
        return Status.UPCOMING
    if now <= closes_at:
        return Status.OPEN
    if stage == Stage.PUBLISHED:
        return Status.PUBLISHED
    if stage == Stage.SYNTHESISING:
        return Status.SYNTHESISING
    return Status.CLOSED


def time_left(now: datetime, closes_at: datetime) -> timedelta:
    """How long until closing (zero once closed)."""
    return max(closes_at - now, timedelta(0))


def days_left(today: date, deadline: date) -> int:
    """Days from `today` to the answer deadline: 0 on the day itself, negative once overdue."""
    return (deadline - today).days


def answered_on_time(answered_on: date, deadline: date) -> bool:
    """An answer made public on or before the deadline day is on time."""
    return answered_on <= deadline
