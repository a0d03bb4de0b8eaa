"""The signed link an anonymous commenter follows to confirm a comment: the comment's id,
signed with the site's secret (django.core.signing), valid for a week. The comment itself is
stored at once (``unconfirmed``); the link only says it is theirs."""

from __future__ import annotations

from django.core import signing

SALT = "consultations.intake.confirm"
MAX_AGE_DAYS = 7


class BadToken(ValueError):
    def __init__(self, expired: bool) -> None:
        super().__init__("expired" if expired else "bad")
        self.expired = expired


def make_token(comment_id: int) -> str:
    return signing.dumps({"c": comment_id}, salt=SALT, compress=False)


def read_token(token: str) -> int:
    try:
        data = signing.loads(token, salt=SALT, max_age=MAX_AGE_DAYS * 24 * 3600)
    except signing.SignatureExpired:
        raise BadToken(expired=True) from None
    except signing.BadSignature:
        raise BadToken(expired=False) from None
    if not isinstance(data, dict) or not isinstance(data.get("c"), int):
        raise BadToken(expired=False)
    return data["c"]
