import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import VAR_DIR
from .env import env

DEBUG = False
SECRET_KEY = "test-only-key"
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
SEARCH_INDEX_PREFIX = env("SEARCH_INDEX_PREFIX", "test")
# Rebuilds in tests stay lexical (fast); the tests of semantic ranking embed on purpose
# (tests/search/test_semantic.py), with a cache of their own.
SEARCH_VECTORS_ON_REINDEX = False
SEARCH_VECTOR_CACHE = env("SEARCH_VECTOR_CACHE", str(VAR_DIR / "vectors" / "test-cache.sqlite3"))
# Tasks run in-process in tests unless a test drives the worker explicitly.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# Serve static files from the apps' folders (no collectstatic in tests).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Each test has its own database state: the text statistics are read afresh for every query.
SEARCH_STATISTICS_CHECK_EVERY = 0
DEMO_ACCOUNTS = True
# Demo accounts' passwords in a temporary file, never in the checkout's var/.
DEMO_ACCOUNTS_FILE = Path(tempfile.gettempdir()) / f"portal-test-demo-accounts-{os.getpid()}.json"
