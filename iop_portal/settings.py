"""Settings for the IOP portal, read from the environment with safe development defaults.

Production sets DJANGO_ENV=production; then SECRET_KEY, DATABASE_URL, ALLOWED_HOSTS and the broker
have no defaults and the security settings are on. See README.md for the full list.
"""

import datetime
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
PRODUCTION = env.str("DJANGO_ENV", default="development") == "production"

# --- Core ----------------------------------------------------------------------------------------
# https://docs.djangoproject.com/en/6.1/ref/settings/#core-settings
if PRODUCTION:
    SECRET_KEY = env.str("SECRET_KEY")
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
    DEBUG = False
else:
    SECRET_KEY = env.str("SECRET_KEY", default="development-only-not-secret-" + "x" * 40)
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
    DEBUG = env.bool("DEBUG", default=True)

INSTALLED_APPS = [
    # django.contrib.admin, with the portal's admin site (iop_portal.admin_site).
    "iop_portal.admin_site.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "simple_history",
    "core",
    "accounts",
    "organisations",
    "initiatives",
    "assessments",
    "agreements",
    "decisions",
    "namnd",
    "term",
    "reminders",
    "public",
    "demo",
    "statistik",
    "axes",
    # Holds only the migrations of the tables that moved to initiatives and term.
    "casework",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "iop_portal.middleware.query_without_nul",
    "iop_portal.middleware.DatabaseUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "iop_portal.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes requires: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

if PRODUCTION:
    # The portal serves its own static files (no CDN); in development runserver does it.
    MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")

ROOT_URLCONF = "iop_portal.urls"
WSGI_APPLICATION = "iop_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
                "organisations.context_processors.chosen_organisation",
            ],
        },
    },
]

# --- Database ------------------------------------------------------------------------------------
# https://docs.djangoproject.com/en/6.1/ref/settings/#databases
# Development runs on SQLite under var/; tests and production on PostgreSQL via DATABASE_URL.
if PRODUCTION:
    DATABASES = {"default": env.db("DATABASE_URL")}
else:
    DATABASES = {
        "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'portal.sqlite3'}")
    }
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=0))
# A kept connection is checked before a request reuses it, so one lost in a database restart is
# replaced at once instead of failing that request.
DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # A fresh clone has no var/ yet; SQLite cannot create the folder of its file.
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # Celery and runserver write concurrently in development; wait for the lock instead of failing.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL;"}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Authentication ------------------------------------------------------------------------------
# https://docs.djangoproject.com/en/6.1/topics/auth/customizing/
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "initiatives:my_cases"
LOGOUT_REDIRECT_URL = "home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# django-axes counts failed logins per username and IP address together, so an attacker elsewhere
# cannot lock the rightful user out, and the lock lifts by itself after the cool-off period.
# https://django-axes.readthedocs.io/en/latest/4_configuration.html
# Then Django's ModelBackend, with the permission set read in one statement (accounts.backends).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "accounts.backends.PortalModelBackend",
]
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# Tries during the lock do not restart it, so the time the lockout page names holds.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "accounts.views.lockout"
# A verification link in the signup mail is valid this long; a new one can be asked for.
IOP_EMAIL_VERIFICATION_MAX_AGE = env.int("IOP_EMAIL_VERIFICATION_MAX_AGE", default=3 * 24 * 3600)
# An invitation to join an organisation is valid this many days.
IOP_INVITATION_DAYS = env.int("IOP_INVITATION_DAYS", default=14)
PASSWORD_RESET_TIMEOUT = env.int("PASSWORD_RESET_TIMEOUT", default=3 * 3600)
# Argon2id with OWASP's parameters (accounts.hashers); a PBKDF2 hash from before is still
# accepted and rehashed with Argon2 at the user's next login.
# https://docs.djangoproject.com/en/6.1/topics/auth/passwords/#using-argon2-with-django
PASSWORD_HASHERS = [
    "accounts.hashers.OwaspArgon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
]

# --- Internationalisation ------------------------------------------------------------------------
# https://docs.djangoproject.com/en/6.1/topics/i18n/
LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Svenska")), ("en", _("Engelska"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True
# Swedish municipal documents write dates as 2026-11-22 in both languages.
DATE_FORMAT = "Y-m-d"
SHORT_DATE_FORMAT = "Y-m-d"
DATETIME_FORMAT = "Y-m-d H:i"
SHORT_DATETIME_FORMAT = "Y-m-d H:i"
FORMAT_MODULE_PATH = ["iop_portal.formats"]

# --- Static and media files ----------------------------------------------------------------------
# https://docs.djangoproject.com/en/6.1/howto/static-files/
STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = env.path("MEDIA_ROOT", default=VAR_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# --- Email ---------------------------------------------------------------------------------------
# https://docs.djangoproject.com/en/6.1/topics/email/
# Development writes each mail as a file under var/mail/ so reminders can be read; production
# sends through SMTP configured by EMAIL_HOST and friends. (MAILERS replaces EMAIL_BACKEND in 6.1.)
if PRODUCTION or env.str("EMAIL_HOST", default=""):
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": env.str("EMAIL_HOST"),
                "port": env.int("EMAIL_PORT", default=587),
                "username": env.str("EMAIL_HOST_USER", default=""),
                "password": env.str("EMAIL_HOST_PASSWORD", default=""),
                "use_tls": env.bool("EMAIL_USE_TLS", default=True),
                "timeout": 20,
            },
        }
    }
else:
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "OPTIONS": {"file_path": str(env.path("EMAIL_FILE_PATH", default=VAR_DIR / "mail"))},
        }
    }
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="IOP-portalen <iop@kommun.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Celery --------------------------------------------------------------------------------------
# https://docs.celeryq.dev/en/stable/userguide/configuration.html
# Development uses kombu's filesystem transport under var/ so no broker server is needed.
if PRODUCTION:
    CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=None) or env.str("REDIS_URL")
else:
    CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=None) or env.str(
        "REDIS_URL", default="filesystem://"
    )
CELERY_BROKER_TRANSPORT_OPTIONS = (
    {
        "data_folder_in": str(VAR_DIR / "broker" / "in"),
        "data_folder_out": str(VAR_DIR / "broker" / "in"),
        "processed_folder": str(VAR_DIR / "broker" / "processed"),
        # kombu's default is ./control, inside the checkout; everything run-time lives in var/.
        "control_folder": str(VAR_DIR / "broker" / "control"),
        "store_processed": False,
    }
    if CELERY_BROKER_URL.startswith("filesystem")
    # A publish with the broker down gives up within a second instead of retrying for several
    # (kombu's default) while a web request waits: the outbox's pick-up sends what it missed.
    else {"max_retries": 1, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.5}
)
if CELERY_BROKER_URL.startswith("filesystem"):
    # As for SQLite: kombu does not create its folders, and a fresh clone has none.
    for folder in ("data_folder_in", "processed_folder", "control_folder"):
        Path(CELERY_BROKER_TRANSPORT_OPTIONS[folder]).mkdir(parents=True, exist_ok=True)
# Results are kept only where a Redis is at hand; the portal itself never waits for a task.
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default=None) or (
    CELERY_BROKER_URL if CELERY_BROKER_URL.startswith("redis") else None
)
CELERY_RESULT_EXPIRES = 3600
CELERY_TASK_TIME_LIMIT = 300
CELERY_TASK_SOFT_TIME_LIMIT = 240
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")


# --- Cache ---------------------------------------------------------------------------------------
# https://docs.djangoproject.com/en/6.1/topics/cache/#redis
# One cache for every web worker and the Celery worker, so that a rate limit counts across them
# and a change seen by one worker is seen by all. Redis's database 1 by default (the broker uses
# the URL's own), so that clearing the cache never empties the broker's queues. Without a Redis
# (make run), a folder under var/, which the portal and its worker share too.
def _redis_database(url: str, number: int) -> str:
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{number}"))


CACHE_URL = env.str("CACHE_URL", default=None) or (
    _redis_database(CELERY_BROKER_URL, 1) if CELERY_BROKER_URL.startswith("redis") else None
)
if CACHE_URL:
    CACHES = {
        "default": {
            # Django's Redis backend that answers as an empty cache while Redis is down
            # (core.cache): what the portal caches can be worked out again.
            "BACKEND": "core.cache.TolerantRedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": "iop",
            # A Redis that does not answer costs a request half a second at most, not minutes.
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
elif PRODUCTION:
    raise ImproperlyConfigured("Set CACHE_URL or REDIS_URL: the web workers need a shared cache.")
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
        }
    }

# --- Portal --------------------------------------------------------------------------------------
# Days before a follow-up report date or a term end when the reminder goes out.
IOP_REMINDER_DAYS_BEFORE_REPORT = env.int("IOP_REMINDER_DAYS_BEFORE_REPORT", default=14)
IOP_REMINDER_DAYS_BEFORE_TERM_END = env.int("IOP_REMINDER_DAYS_BEFORE_TERM_END", default=60)
# A report date that passed without its reminder (the sweep did not run: beat or worker down)
# is still reminded up to this many days after it, unless the report is in.
IOP_REMINDER_CATCH_UP_DAYS = env.int("IOP_REMINDER_CATCH_UP_DAYS", default=30)
# The sweep claims and queues this many reminders per transaction.
IOP_REMINDER_BATCH_SIZE = env.int("IOP_REMINDER_BATCH_SIZE", default=200)
# The mail outbox (core.outbox): a failed send is tried again after RETRY_SECONDS, doubling each
# time, until MAX_ATTEMPTS; a worker that dies mid-send leaves its rows to others after
# LEASE_SECONDS. The periodic pick-up runs every IOP_OUTBOX_SWEEP_SECONDS (iop_portal/celery.py).
IOP_OUTBOX_RETRY_SECONDS = env.int("IOP_OUTBOX_RETRY_SECONDS", default=60)
IOP_OUTBOX_MAX_ATTEMPTS = env.int("IOP_OUTBOX_MAX_ATTEMPTS", default=8)
IOP_OUTBOX_LEASE_SECONDS = env.int("IOP_OUTBOX_LEASE_SECONDS", default=600)
IOP_OUTBOX_BATCH_SIZE = env.int("IOP_OUTBOX_BATCH_SIZE", default=20)
# Attachments are stored under MEDIA_ROOT, which no URL serves: only the permission-checked
# download view hands them out.
IOP_ATTACHMENT_MAX_BYTES = env.int("IOP_ATTACHMENT_MAX_BYTES", default=10 * 1024 * 1024)
IOP_ATTACHMENTS_PER_CASE_MAX_BYTES = env.int(
    "IOP_ATTACHMENTS_PER_CASE_MAX_BYTES", default=50 * 1024 * 1024
)
IOP_PORTAL_URL = env.str("IOP_PORTAL_URL", default="http://127.0.0.1:8000")

# --- History (django-simple-history) ------------------------------------------------------------
# https://django-simple-history.readthedocs.io/en/latest/admin.html
# Versions are shown, never reverted: a registered case's record is changed only through the
# services. This hides the library's "Revert" button; the version page itself refuses POST
# (core.admin.ScopedHistoryAdmin), since the setting alone does not stop a save.
SIMPLE_HISTORY_REVERT_DISABLED = True

# --- Forms ---------------------------------------------------------------------------------------
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- Security ------------------------------------------------------------------------------------
# https://docs.djangoproject.com/en/6.1/ref/middleware/#module-django.middleware.security
SECURE_CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "frame-ancestors": ["'none'"],
    "form-action": ["'self'"],
}
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if PRODUCTION:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# --- Logging -------------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"weasyprint": {"level": "ERROR"}, "fontTools": {"level": "ERROR"}},
}

# --- Agreements ----------------------------------------------------------------------------------
# The direct-procurement limit (direktupphandlingsgränsen, about 534 000 kr in 2017, seed 003).
# Shown as information when the municipality's money passes it; it never decides anything.
IOP_DIRECT_PROCUREMENT_LIMIT_SEK = env.int("IOP_DIRECT_PROCUREMENT_LIMIT_SEK", default=700_000)
# --- Public pages --------------------------------------------------------------------------------
# Where reports of accessibility problems go (tillgänglighetsredogörelsen), and how many reports
# one address may send in an hour before it is asked to wait.
IOP_ACCESSIBILITY_EMAIL = env.str(
    "IOP_ACCESSIBILITY_EMAIL", default="tillganglighet@kommun.example"
)
IOP_ACCESSIBILITY_REPORTS_PER_HOUR = env.int("IOP_ACCESSIBILITY_REPORTS_PER_HOUR", default=5)
# The register's open data (public.dcat): the municipality's organisationsnummer names it as
# publisher on Sveriges dataportal; the address answers questions about the data.
IOP_PUBLISHER_ORG_NUMBER = env.str("IOP_PUBLISHER_ORG_NUMBER", default="")
IOP_OPEN_DATA_EMAIL = env.str("IOP_OPEN_DATA_EMAIL", default="oppnadata@kommun.example")
