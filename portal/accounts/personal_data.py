"""What the portal holds about a person, to download it and to erase it (Luật Bảo vệ dữ liệu cá
nhân 91/2025/QH15; docs/consultations.md, "Personal data").

A signed-in person: their account, its addresses, API keys, reports and follows, and their
comments (consultations.personal_data). Erasure anonymises the comments, then deletes the account (its
addresses, keys, reports and sessions go with it). Staff accounts are the agency's to close:
they are refused here (their moderation log must keep saying who acted).

A commenter without an account proves they hold the address with a signed link e-mailed to it
(`link_token`, valid LINK_MAX_AGE): the token carries the keyed hash of the address, not the
address."""

from typing import Any

from allauth.account.models import EmailAddress
from django.core import signing
from django.db import transaction
from django.utils import timezone
from django_comments.models import CommentFlag

from consultations import personal_data as comments_data
from consultations.models import ApiKey, DigestState, Follow

LINK_SALT = "portal.accounts.personal-data-link"
LINK_MAX_AGE = 2 * 24 * 3600  # seconds


def _moment(value) -> str | None:
    return timezone.localtime(value).isoformat() if value else None


def verified_emails(user) -> list[str]:
    return list(EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True))


def is_staff_account(user) -> bool:
    return user.is_staff or user.is_superuser or user.groups.exists()


def account_data(user) -> dict[str, Any]:
    """Everything the portal holds about a signed-in person."""
    return {
        "account": {
            "username": user.get_username(),
            "email": user.email,
            "date_joined": _moment(user.date_joined),
            "last_login": _moment(user.last_login),
            "email_addresses": [
                {"email": address.email, "verified": address.verified, "primary": address.primary}
                for address in EmailAddress.objects.filter(user=user).order_by("pk")
            ],
        },
        "api_keys": [
            {
                "name": key.name,
                "prefix": key.prefix,
                "created_at": _moment(key.created_at),
                "last_used_at": _moment(key.last_used_at),
                "revoked_at": _moment(key.revoked_at),
            }
            for key in ApiKey.objects.filter(user=user)
        ],
        "reports": [
            {"comment": flag.comment_id, "flag": flag.flag, "date": _moment(flag.flag_date)}
            for flag in CommentFlag.objects.filter(user=user).order_by("flag_date")
        ],
        "follows": [
            {"kind": follow.kind, "name": follow.target_name, "since": _moment(follow.created_at)}
            for follow in Follow.objects.filter(user=user).select_related("consultation", "agency", "field")
        ],
        "follow_digest_last_sent_at": _moment(
            DigestState.objects.filter(user=user).values_list("last_sent_at", flat=True).first()
        ),
        "comments": comments_data.export(comments_data.comments_of_user(user, verified_emails(user))),
    }


@transaction.atomic
def erase_account(user) -> int:
    """Anonymise the person's comments and delete the account; returns the comments kept."""
    if is_staff_account(user):
        raise PermissionError("staff accounts are closed by an administrator")
    kept = comments_data.anonymise(comments_data.comments_of_user(user, verified_emails(user)))
    comments_data.forget_rate_limits(user.pk, verified_emails(user))
    user.delete()
    return kept


# ---- a commenter without an account: the e-mailed link --------------------------------------


key_for_email = comments_data.key_for_email


def link_token(email: str) -> str:
    return signing.dumps({"k": key_for_email(email)}, salt=LINK_SALT)


def key_from_token(token: str) -> str | None:
    """The commenter key a token names, or None if it was tampered with or has expired."""
    try:
        payload = signing.loads(token, salt=LINK_SALT, max_age=LINK_MAX_AGE)
    except signing.BadSignature:
        return None
    key = payload.get("k") if isinstance(payload, dict) else None
    return key if isinstance(key, str) and key else None


def commenter_data(key: str) -> dict[str, Any]:
    return {"comments": comments_data.export(comments_data.comments_of_key(key))}


def erase_commenter(key: str) -> int:
    return comments_data.anonymise(comments_data.comments_of_key(key))
