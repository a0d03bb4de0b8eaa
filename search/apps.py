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
    """Load underthesea's CRF and the spaCy pipeline (about 1.5 s) by parsing one query."""
    started = time.perf_counter()
    try:
        from search import backends  # noqa: F401 - builds the matching tables at import
        from search.request import parse_request

        parse_request({"q": WARMUP_QUERY})
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
        from search import signals

        signals.connect()
        start_warm_up()
