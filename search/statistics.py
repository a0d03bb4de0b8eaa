"""The lexicon of the indexed texts (search/nlp/lexicon.py), stored in the database and loaded
by every web process: query weighting and diacritic restoration read it.

* ``lexicon()``: the process's copy, reloaded when the stored one changes (asked at most every
  ``CHECK_EVERY`` seconds); None until one has been built.
* ``store(lexicon)``: `search_reindex` builds it from the entries it writes.
* ``refresh_text_statistics`` (django-tasks, run by `db_worker`): rebuilt from the indexes
  after drains changed them (``schedule_refresh``), at most every ``MIN_INTERVAL``.
"""

from __future__ import annotations

import datetime
import logging
import threading
import time
from typing import Any, Final

from django.conf import settings
from django.db import DatabaseError
from django.utils import timezone
from django_tasks import task
from opensearchpy import helpers

from search import kinds
from search.client import bulk_timeout, get_client, unavailable
from search.models import TextStatistics
from search.nlp.lexicon import Lexicon, LexiconBuilder

logger = logging.getLogger(__name__)

NAME: Final = "lexicon"
CHECK_EVERY: Final = 60.0
MIN_INTERVAL: Final = datetime.timedelta(minutes=2)

_lock = threading.Lock()
_loaded: dict[str, Any] = {"lexicon": None, "built_at": None, "checked": 0.0}


def lexicon() -> Lexicon | None:
    """The stored lexicon (cached in the process), or None when none has been built or the
    database cannot say."""
    now = time.monotonic()
    every = float(getattr(settings, "SEARCH_STATISTICS_CHECK_EVERY", CHECK_EVERY))
    if now - _loaded["checked"] < every:
        return _loaded["lexicon"]  # type: ignore[no-any-return]
    with _lock:
        if now - _loaded["checked"] < every:
            return _loaded["lexicon"]  # type: ignore[no-any-return]
        try:
            built_at = TextStatistics.objects.filter(name=NAME).values_list("built_at", flat=True).first()
            if built_at is None:
                _loaded.update(lexicon=None, built_at=None)
            elif built_at != _loaded["built_at"]:
                raw = TextStatistics.objects.filter(name=NAME).values_list("data", flat=True).first()
                _loaded.update(lexicon=Lexicon.from_bytes(bytes(raw)) if raw else None, built_at=built_at)
        except DatabaseError:
            logger.warning("could not read the text statistics; queries go without them", exc_info=True)
        _loaded["checked"] = now
        return _loaded["lexicon"]  # type: ignore[no-any-return]


def forget() -> None:
    """Reload on the next call (tests, after `store`)."""
    with _lock:
        _loaded.update(lexicon=None, built_at=None, checked=0.0)


def store(built: Lexicon) -> None:
    TextStatistics.objects.update_or_create(
        name=NAME, defaults={"built_at": timezone.now(), "entries": built.documents, "data": built.to_bytes()}
    )
    forget()


def build_from_indexes() -> Lexicon:
    """Every registered kind's entries, read back from their aliases (`text` only)."""
    builder = LexiconBuilder()
    client = get_client()
    for kind in kinds.all_kinds():
        with unavailable(f"reading {kind.alias} for the text statistics"):
            for hit in helpers.scan(
                client, index=kind.alias, query={"_source": ["text"]}, size=1000, request_timeout=bulk_timeout()
            ):
                builder.add(hit.get("_source", {}).get("text") or "")
    return builder.build()


@task(priority=0)
def refresh_text_statistics() -> dict[str, Any]:
    """Rebuild the lexicon from the indexes (after drains changed them)."""
    built = build_from_indexes()
    store(built)
    return {
        "entries": built.documents,
        "syllables": len(built.forms),
        "pairs": len(built.bigrams),
        "triples": len(built.trigrams),
    }


def schedule_refresh() -> None:
    """After a drain wrote or removed entries: a rebuild, unless one waits already; never sooner
    than MIN_INTERVAL after the last one. Never raises."""
    try:
        from django_tasks_db.models import DBTaskResult

        waiting = DBTaskResult.objects.filter(status="READY", task_path=refresh_text_statistics.module_path)
        if waiting.exists():
            return
        last = TextStatistics.objects.filter(name=NAME).values_list("built_at", flat=True).first()
        now = timezone.now()
        when = max(now, last + MIN_INTERVAL) if last else now
        (refresh_text_statistics if when <= now else refresh_text_statistics.using(run_after=when)).enqueue()
    except Exception:  # noqa: BLE001 - statistics are an aid; indexing goes on without them
        logger.exception("could not schedule the text statistics")
