"""Signed unsubscribe links (Django's signing): one per follow, and one for all of a person's
follows. The link carries the account's id and the follow's id (0: all), signed with
`SECRET_KEY` and a salt of its own, and is valid `MAX_AGE` (longer than any digest waits
unread). A tampered or expired link is refused; nothing changes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.core import signing

SALT = "consultations.follows.unsubscribe"
MAX_AGE = timedelta(days=90)
ALL = 0


class BadUnsubscribeLink(Exception):
    """The link is not ours (tampered, truncated) or too old (`expired`)."""

    def __init__(self, expired: bool):
        super().__init__("expired" if expired else "bad signature")
        self.expired = expired


@dataclass(frozen=True)
class Unsubscribe:
    user_id: int
    follow_id: int  # ALL: every follow of the person

    @property
    def everything(self) -> bool:
        return self.follow_id == ALL


def make_token(user_id: int, follow_id: int = ALL) -> str:
    return signing.dumps([user_id, follow_id], salt=SALT)


def read_token(token: str) -> Unsubscribe:
    try:
        user_id, follow_id = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except signing.SignatureExpired as error:
        raise BadUnsubscribeLink(expired=True) from error
    except (signing.BadSignature, ValueError, TypeError) as error:
        raise BadUnsubscribeLink(expired=False) from error
    if not isinstance(user_id, int) or not isinstance(follow_id, int):
        raise BadUnsubscribeLink(expired=False)
    return Unsubscribe(user_id, follow_id)
