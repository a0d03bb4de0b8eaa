"""API keys for the comment API: issued to a registered account, stored hashed, revocable.

A key reads ``tv_<prefix>_<secret>``: the prefix (12 characters) finds the row, the secret (43
random URL-safe characters, 256 bits) is checked against its SHA-256 (a slow password hash is
not needed for a random secret of that length, and would cost every request). The key is shown
once, when it is issued (``manage.py create_api_key USERNAME``); the portal keeps only the hash.
A revoked key (``revoked_at`` set, in the Wagtail admin) or one whose account is inactive is
refused like a wrong one.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone

from consultations.intake import lookups
from consultations.models import ApiKey

SCHEME = "tv"
PREFIX_LENGTH = 12
LAST_USED_EVERY = timedelta(minutes=5)


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def issue_key(user: AbstractBaseUser, name: str = "") -> tuple[ApiKey, str]:
    """A new key for `user`: the stored row and the key itself (shown once)."""
    while True:
        prefix = secrets.token_hex(PREFIX_LENGTH // 2)
        if not ApiKey.objects.filter(prefix=prefix).exists():
            break
    secret = secrets.token_urlsafe(32)
    key = ApiKey.objects.create(user=user, name=name, prefix=prefix, key_hash=_hash(secret))
    return key, f"{SCHEME}_{prefix}_{secret}"


def check_key(raw: str | None) -> ApiKey | None:
    """The active key `raw` is, or None (missing, malformed, unknown, wrong, revoked, or its
    account inactive). One indexed query, in plain SQL (lookups.api_key)."""
    if not raw:
        return None
    parts = raw.strip().split("_", 2)
    if len(parts) != 3 or parts[0] != SCHEME or len(parts[1]) != PREFIX_LENGTH:
        return None
    key = lookups.api_key(parts[1])
    if key is None or not hmac.compare_digest(key.key_hash, _hash(parts[2])):
        return None
    if key.revoked_at is not None or not key.user.is_active:
        return None
    now = timezone.now()
    if key.last_used_at is None or now - key.last_used_at > LAST_USED_EVERY:
        ApiKey.objects.filter(pk=key.pk).update(last_used_at=now)
    return key


def revoke_key(key: ApiKey) -> None:
    if key.revoked_at is None:
        key.revoked_at = timezone.now()
        key.save(update_fields=["revoked_at"])
