"""What a follower is told, decided without the database (mypy --strict).

An event happens to a consultation at a moment: it opened (`opened`, at the later of its opening
time and its first publication), it closes in seven days (`closing_soon`, seven days before its
closing time, while it is still open), an answer to its comments was made public
(`answer`, one event per answer), its synthesis was published (`synthesis`). Events are computed
from the data at each run (consultations.follows.collect), never queued, so nothing is lost
while no worker runs.

A person's pending events are those of the consultations their follows cover, that happened
after they followed, after what their last digest covered, and not sent already. The window
reaches `LOOKBACK` before the last digest so that an answer approved in a transaction that
committed after that digest read the data is still found; the keys sent within that window are
remembered so that it is not sent twice.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

LOOKBACK = timedelta(hours=1)
CLOSING_NOTICE = timedelta(days=7)


class EventKind(StrEnum):
    OPENED = "opened"
    CLOSING_SOON = "closing_soon"
    ANSWER = "answer"
    SYNTHESIS = "synthesis"


@dataclass(frozen=True)
class FollowRef:
    """One follow: `kind` is "consultation", "agency" or "field"."""

    kind: str
    target_id: int
    created_at: datetime


@dataclass(frozen=True)
class Scope:
    """What a consultation is, for matching follows."""

    consultation_id: int
    lead_agency_id: int | None
    field_ids: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Event:
    kind: EventKind
    consultation_id: int
    time: datetime
    # One answer's id for `answer`; the consultation's id otherwise.
    subject_id: int

    @property
    def key(self) -> str:
        return f"{self.kind.value}:{self.subject_id}"


def covers(follow: FollowRef, scope: Scope) -> bool:
    if follow.kind == "consultation":
        return follow.target_id == scope.consultation_id
    if follow.kind == "agency":
        return follow.target_id == scope.lead_agency_id
    return follow.kind == "field" and follow.target_id in scope.field_ids


def followed_since(follows: Iterable[FollowRef], scope: Scope) -> datetime | None:
    """Since when the person follows this consultation (their earliest follow covering it)."""
    starts = [follow.created_at for follow in follows if covers(follow, scope)]
    return min(starts) if starts else None


def window_start(covered_until: datetime | None, follows: Sequence[FollowRef]) -> datetime | None:
    """The earliest moment an event may be pending (None: no follow, nothing is)."""
    if not follows:
        return None
    first_follow = min(follow.created_at for follow in follows)
    if covered_until is None:
        return first_follow
    return max(first_follow, covered_until - LOOKBACK)


def pending(
    events: Iterable[Event],
    since: Mapping[int, datetime],
    now: datetime,
    sent: Mapping[str, str],
) -> list[Event]:
    """The events to tell: of a followed consultation (`since`: consultation id → followed
    since), after the follow began, not after `now`, not sent already; in time order."""
    chosen: dict[str, Event] = {}
    for event in events:
        start = since.get(event.consultation_id)
        if start is None or not start < event.time <= now or event.key in sent:
            continue
        chosen.setdefault(event.key, event)
    return sorted(chosen.values(), key=lambda event: (event.time, event.key))


def remember(sent: Mapping[str, str], told: Iterable[Event], now: datetime) -> dict[str, str]:
    """The keys to keep after a digest: those sent within `LOOKBACK` of `now`."""
    horizon = now - LOOKBACK
    kept = {key: moment for key, moment in sent.items() if datetime.fromisoformat(moment) > horizon}
    kept.update({event.key: event.time.isoformat() for event in told if event.time > horizon})
    return kept


@dataclass
class ConsultationNews:
    """What a digest says about one consultation."""

    consultation_id: int
    opened: bool = False
    closing_soon: bool = False
    answers: int = 0
    synthesis: bool = False
    latest: datetime | None = None


def news(events: Iterable[Event]) -> list[ConsultationNews]:
    """The events by consultation, the consultation with the latest news first. A consultation
    that opened in this digest is not also said to close soon (the period is shown with it)."""
    by_consultation: dict[int, ConsultationNews] = {}
    for event in events:
        item = by_consultation.setdefault(event.consultation_id, ConsultationNews(event.consultation_id))
        if event.kind is EventKind.OPENED:
            item.opened = True
        elif event.kind is EventKind.CLOSING_SOON:
            item.closing_soon = True
        elif event.kind is EventKind.ANSWER:
            item.answers += 1
        else:
            item.synthesis = True
        if item.latest is None or event.time > item.latest:
            item.latest = event.time
    for item in by_consultation.values():
        if item.opened:
            item.closing_soon = False
    return sorted(
        by_consultation.values(),
        key=lambda item: (item.latest.timestamp() if item.latest else 0.0, item.consultation_id),
        reverse=True,
    )
