from .base import *  # noqa: F403
from .env import env, env_list

DEBUG = True
# A development-only key, generated per checkout; never used in production (production.py).
SECRET_KEY = env("SECRET_KEY") or "dev-only-insecure-key-not-for-production"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
# Mails are printed in the terminal unless EMAIL_BACKEND says otherwise.
EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEMO_ACCOUNTS = True  # load_demo_data creates one account per role (portal/accounts/demo.py)
