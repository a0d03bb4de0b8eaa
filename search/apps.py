import logging
import os
import sys
import threading
import time

from django.apps import AppConfig

logger = logging.getLogger(__name__)

# Set by the web server's start command (scripts/run_portal.sh, gunicorn in scripts/bench.sh), never
# by management commands or tests: they have no user waiting and must not pay for the models.
WARMUP_ENV = "PORTAL_WARMUP"
# Exercises the whole query analysis: normalisation, citations, money, segmentation.
WARMUP_QUERY = "Điều 5 Nghị định 24/2012/NĐ-CP điều kiện cấp giấy phép kinh doanh vàng 500.000 đồng"


def warm_up() -> None:
    """Load underthesea's CRF and the spaCy pipeline (about 1.5 s) by parsing one query, and the
    embedding model (search/semantic.py)."""
    started = time.perf_counter()
    try:
        from search import backends  # noqa: F401 - builds the matching tables at import
        from search.request import parse_request

        parse_request({"q": WARMUP_QUERY})
        from search import semantic

        semantic.model()  # one embedding model per process (None, with a warning, if it cannot load)
    except Exception:  # a failed warm-up only means a slower first query, which will say why
        logger.exception("search warm-up failed")
        return
    logger.info("search NLP pipeline loaded in %.2f s", time.perf_counter() - started)


def start_warm_up() -> threading.Thread | None:
    """Warm up in a background thread when PORTAL_WARMUP=1, so the process starts serving at once.

    Start servers that fork after loading the app (gunicorn --preload) without it: a fork taken
    while the thread holds an import or model lock would leave that lock held in the worker."""
    if os.environ.get(WARMUP_ENV) != "1":
        return None
    if "runserver" in sys.argv and "--noreload" not in sys.argv and os.environ.get("RUN_MAIN") != "true":
        return None  # the autoreloader's parent process: it only watches files
    thread = threading.Thread(target=warm_up, name="search-warm-up", daemon=True)
    thread.start()
    return thread


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Tìm kiếm"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from search import signals

        signals.connect()
        post_migrate.connect(ensure_fulltext, sender=self, dispatch_uid="search-ensure-fulltext")
        start_warm_up()


FULLTEXT_MIGRATION = "0003_fallback_fulltext"


def ensure_fulltext(using: str = "default", plan: list | None = None, **kwargs: object) -> None:
    """After every `migrate`: the fallback's text search is complete (SQLite drops a table's
    triggers when Django rebuilds it for a migration of regulations)."""
    from django.db import connections
    from django.db.migrations.recorder import MigrationRecorder

    from search import fulltext

    connection = connections[using]
    if ("search", FULLTEXT_MIGRATION) not in MigrationRecorder(connection).applied_migrations():
        return  # not set up yet, or migrated back before it
    done = fulltext.ensure(connection)
    fulltext.forget()
    if done not in ("present", "created"):
        logger.info("search fallback text search: %s", done)
