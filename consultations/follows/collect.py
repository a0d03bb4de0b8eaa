"""The events of one follower, read from the data (a fixed number of queries per person):
consultations that opened or reach their last seven days, answers made public, syntheses
published — of the consultations their follows cover. The rules are in `events` (pure)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q

from consultations.follows.events import (
    CLOSING_NOTICE,
    Event,
    EventKind,
    FollowRef,
    Scope,
    followed_since,
    pending,
    window_start,
)
from consultations.models import Answer, AnswerState, ConsultationPage, DigestState, Follow, Synthesis


@dataclass
class Collected:
    follows: list[Follow]
    events: list[Event]
    consultations: dict[int, ConsultationPage]


def follow_refs(follows: list[Follow]) -> list[FollowRef]:
    return [FollowRef(follow.kind, follow.target_id, follow.created_at) for follow in follows]


def _scope_q(refs: list[FollowRef]) -> Q:
    ids = {kind: [ref.target_id for ref in refs if ref.kind == kind] for kind in ("consultation", "agency", "field")}
    q = Q(pk__in=ids["consultation"]) | Q(lead_agency_id__in=ids["agency"])
    if ids["field"]:
        q |= Q(
            pk__in=ConsultationPage.fields.through.objects.filter(field_id__in=ids["field"]).values(
                "consultationpage_id"
            )
        )
    return q


def _raw_events(scope: Q, start: datetime, now: datetime) -> list[Event]:
    followed = ConsultationPage.objects.live().public().filter(scope)
    events: list[Event] = []
    moments = followed.filter(
        (Q(opens_at__lte=now) & (Q(opens_at__gt=start) | Q(first_published_at__gt=start)))
        | Q(closes_at__gt=max(now, start + CLOSING_NOTICE), closes_at__lte=now + CLOSING_NOTICE)
    ).values_list("pk", "opens_at", "first_published_at", "closes_at")
    for pk, opens_at, first_published_at, closes_at in moments:
        opened = max(opens_at, first_published_at or opens_at)
        if opens_at <= now:
            events.append(Event(EventKind.OPENED, pk, opened, pk))
        if closes_at > now:
            events.append(Event(EventKind.CLOSING_SOON, pk, closes_at - CLOSING_NOTICE, pk))
    answers = Answer.objects.filter(
        state=AnswerState.PUBLIC, published_at__gt=start, published_at__lte=now, consultation__in=followed
    ).values_list("pk", "consultation_id", "published_at")
    events += [Event(EventKind.ANSWER, consultation_id, at, pk) for pk, consultation_id, at in answers]
    syntheses = Synthesis.objects.filter(
        published_at__gt=start, published_at__lte=now, consultation__in=followed
    ).values_list("consultation_id", "published_at")
    events += [Event(EventKind.SYNTHESIS, consultation_id, at, consultation_id) for consultation_id, at in syntheses]
    return events


def collect(user, state: DigestState, now: datetime) -> Collected:
    """The person's pending events at `now` and the consultations they are about."""
    follows = list(
        Follow.objects.filter(user=user).select_related("consultation", "agency", "field").order_by("created_at", "pk")
    )
    refs = follow_refs(follows)
    start = window_start(state.covered_until, refs)
    if start is None:
        return Collected(follows, [], {})
    raw = _raw_events(_scope_q(refs), start, now)
    ids = {event.consultation_id for event in raw}
    if not ids:
        return Collected(follows, [], {})
    pages = {
        page.pk: page for page in ConsultationPage.objects.filter(pk__in=ids).select_related("lead_agency", "synthesis")
    }
    field_ids: dict[int, set[int]] = {}
    for page_id, field_id in ConsultationPage.fields.through.objects.filter(consultationpage_id__in=ids).values_list(
        "consultationpage_id", "field_id"
    ):
        field_ids.setdefault(page_id, set()).add(field_id)
    since = {}
    for page in pages.values():
        started = followed_since(refs, Scope(page.pk, page.lead_agency_id, frozenset(field_ids.get(page.pk, ()))))
        if started is not None:
            since[page.pk] = max(started, start)
    chosen = pending(raw, since, now, state.recent_keys or {})
    return Collected(follows, chosen, {pk: pages[pk] for pk in {event.consultation_id for event in chosen}})
