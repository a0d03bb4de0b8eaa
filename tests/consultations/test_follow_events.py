"""The pure rules of the digest (consultations.follows.events): which follow covers what, the
window reaching back LOOKBACK for an answer committed late, sent keys never sent twice."""

from datetime import UTC, datetime, timedelta

from consultations.follows.events import (
    LOOKBACK,
    Event,
    EventKind,
    FollowRef,
    Scope,
    followed_since,
    news,
    pending,
    remember,
    window_start,
)

NOW = datetime(2026, 12, 1, 0, 0, tzinfo=UTC)
DAY = timedelta(days=1)


def test_it_matches_follows_to_a_consultation_by_itself_its_lead_agency_or_a_field():
    follows = [
        FollowRef("agency", 7, NOW - 3 * DAY),
        FollowRef("field", 2, NOW - 5 * DAY),
        FollowRef("consultation", 1, NOW),
    ]
    assert followed_since(follows, Scope(1, 7, frozenset({2}))) == NOW - 5 * DAY
    assert followed_since(follows, Scope(9, 7)) == NOW - 3 * DAY
    assert followed_since(follows, Scope(1, None)) == NOW
    assert followed_since(follows, Scope(9, 8, frozenset({3}))) is None
    assert window_start(None, follows) == NOW - 5 * DAY
    assert window_start(NOW - DAY, follows) == NOW - DAY - LOOKBACK
    assert window_start(NOW, []) is None


def test_it_finds_an_answer_committed_after_the_last_digest_read_and_sends_each_event_once():
    last_digest = NOW - DAY
    first = Event(EventKind.ANSWER, 1, last_digest - timedelta(minutes=5), 10)
    late = Event(EventKind.ANSWER, 1, last_digest - timedelta(seconds=1), 11)  # committed after the last run read
    before_follow = Event(EventKind.SYNTHESIS, 1, NOW - 3 * DAY, 1)
    sent = remember({}, [first], last_digest)
    since = {1: NOW - 2 * DAY}
    chosen = pending([first, late, before_follow, late], since, NOW, sent)
    assert chosen == [late]
    assert pending([Event(EventKind.OPENED, 2, NOW - DAY, 2)], since, NOW, {}) == []  # not followed
    assert pending([Event(EventKind.OPENED, 1, NOW + DAY, 1)], since, NOW, {}) == []  # not yet
    assert remember(sent, [late], NOW + LOOKBACK) == {}  # forgotten once out of the window


def test_it_groups_news_by_consultation_and_does_not_say_closing_soon_with_opened():
    events = [
        Event(EventKind.OPENED, 1, NOW - DAY, 1),
        Event(EventKind.CLOSING_SOON, 1, NOW - DAY, 1),
        Event(EventKind.ANSWER, 2, NOW - 2 * DAY, 20),
        Event(EventKind.ANSWER, 2, NOW - 2 * DAY, 21),
        Event(EventKind.SYNTHESIS, 2, NOW - 2 * DAY, 2),
    ]
    first, second = news(events)
    assert (first.consultation_id, first.opened, first.closing_soon) == (1, True, False)
    assert (second.consultation_id, second.answers, second.synthesis) == (2, 2, True)
