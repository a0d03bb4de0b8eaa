"""The daily digest: at most one e-mail a day per follower (plain text and HTML, Vietnamese),
listing what happened to the consultations they follow since their last digest.

`send_daily_digests(now=None)` is the one entry point (the management command
`send_daily_digests`, the django-tasks job `consultations.follows.tasks.send_daily_digests_task`
and tests call it). Each person is handled in their own transaction, their `DigestState` row
locked: the mail is sent, then the state moves on; if sending fails the transaction is rolled
back, so their events stay pending for the next run and the others go on. A second run the same
day sends nothing to whoever got a digest that day.
"""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass
from datetime import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from consultations import timeline
from consultations.follows.collect import Collected, collect
from consultations.follows.events import news, remember
from consultations.follows.tokens import ALL, make_token
from consultations.models import DigestState, Follow

logger = logging.getLogger(__name__)

SENT = "sent"
NOTHING_NEW = "nothing_new"
ALREADY_SENT_TODAY = "already_sent_today"
FAILED = "failed"
SKIPPED = "skipped"  # no address, inactive account, or another run holds the row


@dataclass
class DigestRun:
    sent: int = 0
    nothing_new: int = 0
    already_sent_today: int = 0
    failed: int = 0
    skipped: int = 0

    def count(self, outcome: str) -> None:
        setattr(self, outcome, getattr(self, outcome) + 1)

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


def absolute(path: str) -> str:
    return path if path.startswith("http") else settings.PORTAL_BASE_URL.rstrip("/") + path


def unsubscribe_url(user_id: int, follow_id: int = ALL) -> str:
    return absolute(reverse("consultations_follows:unsubscribe", args=[make_token(user_id, follow_id)]))


def send_daily_digests(now: datetime | None = None) -> DigestRun:
    """Build and send today's digests to every follower; returns what happened, per outcome."""
    now = now or timezone.now()
    run = DigestRun()
    user_ids = Follow.objects.order_by("user_id").values_list("user_id", flat=True).distinct()
    for user_id in list(user_ids):
        run.count(send_digest(user_id, now))
    return run


def send_digest(user_id: int, now: datetime) -> str:
    """One person's digest (an outcome above). Never raises: a failure is logged and leaves the
    person's events pending."""
    try:
        with transaction.atomic():
            DigestState.objects.get_or_create(user_id=user_id)
            state = DigestState.objects.select_for_update(skip_locked=True).filter(user_id=user_id).first()
            if state is None:
                return SKIPPED
            user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
            if user is None or not user.email:
                return SKIPPED
            collected = collect(user, state, now)
            if not collected.events:
                state.covered_until = now
                state.recent_keys = remember(state.recent_keys or {}, [], now)
                state.save(update_fields=["covered_until", "recent_keys"])
                return NOTHING_NEW
            today = timeline.local_day(now)
            if state.last_sent_on == today:
                return ALREADY_SENT_TODAY
            build_message(user, collected, now).send()
            state.covered_until = now
            state.last_sent_on = today
            state.last_sent_at = timezone.now()
            state.recent_keys = remember(state.recent_keys or {}, collected.events, now)
            state.save()
            return SENT
    except Exception:  # noqa: BLE001 - one person's failure must not stop the others; nothing is lost
        logger.exception("the follow digest of user %s was not sent; its events stay pending", user_id)
        return FAILED


def digest_context(user, collected: Collected, now: datetime) -> dict:
    items = []
    for item in news(collected.events):
        page = collected.consultations[item.consultation_id]
        synthesis_url = ""
        if item.synthesis:
            synthesis_url = absolute(reverse("consultations_synthesis:page", args=[page.pk]))
        items.append(
            {
                "news": item,
                "page": page,
                "url": absolute(page.url or ""),
                "agency": page.lead_agency.name if page.lead_agency_id else "",
                "synthesis_url": synthesis_url,
                "days_left": max(0, (timeline.local_day(page.closes_at) - timeline.local_day(now)).days),
            }
        )
    follows = [
        {"follow": follow, "unsubscribe_url": unsubscribe_url(user.pk, follow.pk)} for follow in collected.follows
    ]
    return {
        "items": items,
        "follows": follows,
        "day": timeline.local_day(now),
        "unsubscribe_all_url": unsubscribe_url(user.pk),
        "my_follows_url": absolute(reverse("consultations_follows:mine")),
        "site_name": settings.WAGTAIL_SITE_NAME,
    }


def build_message(user, collected: Collected, now: datetime) -> EmailMultiAlternatives:
    with translation.override("vi"):
        context = digest_context(user, collected, now)
        subject = " ".join(render_to_string("consultations/follows/email/digest_subject.txt", context).split())
        text = render_to_string("consultations/follows/email/digest.txt", context)
        html = render_to_string("consultations/follows/email/digest.html", context)
    message = EmailMultiAlternatives(
        subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject,
        body=text,
        to=[user.email],
        headers={
            # RFC 8058: a mail client's own "unsubscribe" button POSTs to this link.
            "List-Unsubscribe": f"<{context['unsubscribe_all_url']}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
        connection=get_connection(timeout=getattr(settings, "EMAIL_TIMEOUT", None) or 10),
    )
    message.attach_alternative(html, "text/html")
    return message
