"""Rate limits that hold across every server process: counters in the database.

A limit is `count` submissions per `seconds`, in fixed windows (a window starts at a multiple of
`seconds` since the epoch). Each hit is one SQL statement, an upsert that adds one to every
window of every key and returns the new counts (``INSERT ... ON CONFLICT DO UPDATE ...
RETURNING``, PostgreSQL and SQLite alike), so two processes hitting the same key at the same
instant both count. Windows older than a day are deleted now and then by the hits themselves.

The limits per account and per IP address (hashed, never stored in clear) are settings:
``CONSULTATION_RATE_LIMITS = {"account": [(count, seconds), ...], "ip": [...]}``.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import connection
from django.db.models import Q

from consultations.models import RateCounter

DEFAULT_LIMITS: dict[str, list[tuple[int, int]]] = {
    # a person: 10 comments a minute, 100 an hour
    "account": [(10, 60), (100, 3600)],
    # an address (a firm's or a ministry's whole office may share one): 30 a minute, 300 an hour
    "ip": [(30, 60), (300, 3600)],
}
PURGE_ONE_IN = 1000
KEEP = timedelta(days=1)


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    retry_after: int = 0  # seconds until the window that refused ends


def limits(scope: str) -> list[tuple[int, int]]:
    configured = getattr(settings, "CONSULTATION_RATE_LIMITS", None) or {}
    return list(configured.get(scope, DEFAULT_LIMITS[scope]))


def person_key(user_id: int | None, email: str = "") -> str:
    """The "account" scope's key of a person: their account, else a hash of their e-mail
    address; "" for neither."""
    if user_id is not None:
        return f"user:{user_id}"
    email = email.strip().lower()
    return "email:" + hashlib.sha256(email.encode()).hexdigest()[:32] if email else ""


def forget(person_keys: Iterable[str]) -> int:
    """Delete every counter of these people (the erasure of their data); the number deleted.
    Counters of IP addresses stay until they expire (a day): an office shares one, and erasing
    one's data must not reset the limit of a whole address."""
    wanted = Q()
    for key in {key for key in person_keys if key}:
        wanted |= Q(key__startswith=f"{key}:")
    return RateCounter.objects.filter(wanted).delete()[0] if wanted else 0


def _window_start(now: datetime, seconds: int) -> datetime:
    epoch = int(now.timestamp())
    return datetime.fromtimestamp(epoch - epoch % seconds, tz=now.tzinfo)


def _increment(windows: list[tuple[str, datetime]]) -> dict[tuple[str, datetime], int]:
    """Add one to every (key, window start) in one statement; the new counts. The rows go in one
    order (sorted), so two processes counting the same keys at once lock them in the same order."""
    table = connection.ops.quote_name(RateCounter._meta.db_table)
    ordered = sorted(set(windows))
    rows = ", ".join(["(%s, %s, 1)"] * len(ordered))
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (key, window_start, count) VALUES {rows} "  # noqa: S608 - our own table, placeholders
            f"ON CONFLICT (key, window_start) DO UPDATE SET count = {table}.count + 1 RETURNING key, count",
            [value for row in ordered for value in row],
        )
        counts = dict(cursor.fetchall())
    return {(key, start): int(counts[key]) for key, start in ordered}


def hit(keys: dict[str, str], now: datetime) -> Verdict:
    """Count one submission for each scope's key (``{"account": "user:5", "ip": "ip:ab12…"}``)
    in every window of its limits (one SQL statement). Refused if any count passes its limit."""
    windows = [
        (f"{key}:{seconds}", _window_start(now, seconds), count, seconds)
        for scope, key in keys.items()
        for count, seconds in limits(scope)
    ]
    counts = _increment([(key, start) for key, start, _count, _seconds in windows]) if windows else {}
    retry_after = 0
    for key, start, count, seconds in windows:
        if counts[(key, start)] > count:
            ends = start + timedelta(seconds=seconds)
            retry_after = max(retry_after, max(1, int((ends - now).total_seconds() + 0.999)))
    if purge_due():
        purge(now)
    return Verdict(allowed=retry_after == 0, retry_after=retry_after)


def purge_due() -> bool:
    """One submission in PURGE_ONE_IN also deletes the counters of old windows."""
    return secrets.randbelow(PURGE_ONE_IN) == 0


def purge(now: datetime) -> int:
    """Delete the counters of windows that started more than KEEP before ``now``; how many."""
    deleted, _ = RateCounter.objects.filter(window_start__lt=now - KEEP).delete()
    return deleted
