from .base import *  # noqa: F403
from .env import env

DEBUG = False
SECRET_KEY = "test-only-key"
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
SEARCH_INDEX_PREFIX = env("SEARCH_INDEX_PREFIX", "test")
# Tasks run in-process in tests unless a test drives the worker explicitly.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# Serve static files from the apps' folders (no collectstatic in tests).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
