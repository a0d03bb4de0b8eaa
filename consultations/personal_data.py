"""A person's comments, for the download and the erasure of their data (Luật Bảo vệ dữ liệu cá
nhân 91/2025/QH15; docs/consultations.md, "Personal data").

A person is found by account (comments sent while signed in) or by e-mail address (comments
sent with it, signed in or not: `commenter_key`, a keyed hash of the address, so the e-mailed
link of an anonymous commenter carries no address). Erasure keeps every received comment and
what the public and the agency need of it (text, what it is on, commenter type, an organisation's
name, sector, size, receipt, dates, status, answer) and removes the rest: name, e-mail, the
account link, the tax code, the IP hash, the attached file (it may carry personal data that
cannot be told apart), the consent, and the person's rate-limit counters (keyed by account or
e-mail hash; consultations.intake.ratelimit.forget). The person's comments on a consultation get a new random key
of their own, so their «Cá nhân #N» stays N. Comments never confirmed (never received) go.
"""

import secrets
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from consultations import display
from consultations.intake import ratelimit
from consultations.models import CommenterType, CommentStatus, ConsultationComment
from consultations.models.comments import commenter_key_for

ORGANISATION_TYPES = display.ORGANISATION_TYPES


def key_for_email(email: str) -> str:
    return commenter_key_for(email, None)


def comments_of_email(email: str) -> QuerySet[ConsultationComment]:
    email = email.strip()
    if not email:
        return ConsultationComment.objects.none()
    return ConsultationComment.objects.filter(Q(commenter_key=key_for_email(email)) | Q(user_email__iexact=email))


def comments_of_key(key: str) -> QuerySet[ConsultationComment]:
    return ConsultationComment.objects.filter(commenter_key=key) if key else ConsultationComment.objects.none()


def comments_of_user(user, verified_emails: Iterable[str] = ()) -> QuerySet[ConsultationComment]:
    """Comments sent from the account, and those sent with one of its verified addresses."""
    condition = Q(sent_by=user) | Q(user=user)
    for email in verified_emails:
        condition |= Q(commenter_key=key_for_email(email)) | Q(user_email__iexact=email.strip())
    return ConsultationComment.objects.filter(condition)


def _moment(value) -> str | None:
    return timezone.localtime(value).isoformat() if value else None


def export(comments: QuerySet[ConsultationComment]) -> list[dict[str, Any]]:
    """Everything the portal holds about each comment, as plain data (the JSON download and the
    readable page both show this)."""
    comments = list(
        comments.select_related(None).select_related("consultation", "provision").order_by("submit_date", "pk")
    )
    shown = display.commenters(comments)
    rows = []
    for comment in comments:
        rows.append(
            {
                "receipt_number": comment.receipt_number,
                "consultation": comment.consultation.title,
                "consultation_url": comment.consultation.full_url or comment.consultation.url,
                "on": display.unit_label(comment),
                "text": comment.comment,
                "commenter_type": str(CommenterType(comment.commenter_type).label),
                "organization": comment.organization,
                "tax_code": comment.tax_code,
                "sector": comment.get_sector_display() if comment.sector else "",
                "size": comment.get_size_display() if comment.size else "",
                "name": comment.user_name,
                "email": comment.user_email,
                "show_name": comment.show_name,
                "shown_publicly_as": shown[comment.pk].label,
                "status": str(CommentStatus(comment.status).label),
                "public_note": comment.public_note,
                "submitted_at": _moment(comment.submit_date),
                "received_at": _moment(comment.received_at),
                "on_time": comment.on_time,
                "attachment": bool(comment.attachment),
                "sent_from_account": comment.sent_by_id is not None or comment.user_id is not None,
            }
        )
    return rows


def forget_rate_limits(user_id: int, emails: Iterable[str] = ()) -> int:
    """Delete an account's rate-limit counters (also those of its addresses), though it sent no
    comment that was kept: refused submissions count too."""
    return ratelimit.forget([ratelimit.person_key(user_id), *(ratelimit.person_key(None, e) for e in emails)])


@transaction.atomic
def anonymise(comments: QuerySet[ConsultationComment]) -> int:
    """Erase the personal data of `comments` (see the module's docstring); returns how many
    comments were kept, anonymised."""
    comments = list(comments.select_related(None).select_for_update(of=("self",)))
    new_keys: dict[tuple[int, str], str] = {}
    people: set[str] = set()
    kept = 0
    for comment in comments:
        people.update(ratelimit.person_key(user_id) for user_id in (comment.user_id, comment.sent_by_id) if user_id)
        people.add(ratelimit.person_key(None, comment.user_email))
        if comment.status == CommentStatus.UNCONFIRMED:
            comment.delete()
            continue
        group = (comment.consultation_id, comment.commenter_key)
        new_keys.setdefault(group, "erased:" + secrets.token_hex(16))
        if comment.attachment:
            comment.attachment.delete(save=False)
        comment.commenter_key = new_keys[group]
        comment.user_name = ""
        comment.user_email = ""
        comment.user_url = ""
        comment.user = None
        comment.sent_by = None
        comment.api_key = None
        comment.idempotency_key = ""
        comment.tax_code = ""
        comment.ip_hash = ""
        comment.show_name = False
        comment.followup = False
        if comment.commenter_type not in ORGANISATION_TYPES:
            comment.organization = ""
        comment.save()
        kept += 1
    ratelimit.forget(people)
    return kept
