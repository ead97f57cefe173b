"""Settings, read from environment variables only (documented in .env.example)."""

import os
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
INSECURE_DEV_SECRET = "bemanna-development-only-secret-do-not-use-in-production"


def envbool(name: str, default: str) -> bool:
    value = os.environ.get(name, default).strip().lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off", ""):
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), got {value!r}")


def envint(name: str, default: str) -> int:
    value = os.environ.get(name) or default  # set but empty, as in .env.example: the default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer, got {value!r}") from None


def envlist(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def database_from_url(url: str) -> dict[str, object]:
    """Turn sqlite:///path or postgresql://user:pw@host:port/name into a DATABASES entry."""
    parsed = urlparse(url)
    if parsed.scheme == "sqlite":
        path = unquote(parsed.path)
        # sqlite:///relative and sqlite:////absolute, as in dj-database-url.
        name = path[1:] if path.startswith("/") else path
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": name or ":memory:",
            "OPTIONS": {
                # WAL lets readers work while an import writes; a 64 MB page cache keeps the
                # indexes of a large import in memory instead of rereading them from disk.
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                "PRAGMA cache_size=-65536;",
                "transaction_mode": "IMMEDIATE",
            },
            # Opening the file and running the pragmas on every request costs more than most
            # requests themselves; a worker keeps its connection.
            "CONN_MAX_AGE": 600,
            "CONN_HEALTH_CHECKS": True,
        }
    if parsed.scheme in ("postgres", "postgresql"):
        options = {key: values[-1] for key, values in parse_qs(parsed.query).items()}
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": unquote(parsed.path.lstrip("/")),
            "USER": unquote(parsed.username or ""),
            "PASSWORD": unquote(parsed.password or ""),
            # host may be a socket directory given as ?host=/path
            "HOST": options.pop("host", parsed.hostname or ""),
            "PORT": str(parsed.port or ""),
            "OPTIONS": options,
            "CONN_MAX_AGE": 60,
        }
    raise ImproperlyConfigured(f"DATABASE_URL scheme {parsed.scheme!r} is not supported")


DEBUG = envbool("BEMANNA_DEBUG", "0")
SECRET_KEY = os.environ.get("BEMANNA_SECRET_KEY", INSECURE_DEV_SECRET)
# Keys the HMAC that replaces a personnummer; changing it re-keys every person.
PSEUDONYM_KEY = os.environ.get("BEMANNA_PSEUDONYM_KEY", SECRET_KEY)
# Keys the hashes of survey invitation codes; changing it stops the codes of open windows.
CODE_KEY = os.environ.get("BEMANNA_CODE_KEY", SECRET_KEY)
# A production server (wsgi.py) and `manage.py check` refuse the development secret.
SECRET_KEY_IS_DEFAULT = INSECURE_DEV_SECRET in (SECRET_KEY, PSEUDONYM_KEY, CODE_KEY)

ALLOWED_HOSTS = envlist("BEMANNA_ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = envlist("BEMANNA_CSRF_TRUSTED_ORIGINS", "")
DATA_DIR = Path(os.environ.get("BEMANNA_DATA_DIR", str(BASE_DIR / "var")))
DATABASES = {
    "default": database_from_url(
        os.environ.get("DATABASE_URL", f"sqlite:///{DATA_DIR / 'bemanna.sqlite3'}")
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # Tests run on a file, as production does: concurrent writers then wait for each other
    # instead of failing as they would in a shared in-memory database.
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / "test.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "bemanna.accounts",
    "bemanna.audit",
    "bemanna.accessibility",
    "bemanna.org",
    "bemanna.workforce",
    "bemanna.forecast",
    "bemanna.pulse",
    "bemanna.plan",
    "bemanna.keyfigures",
    "bemanna.exits",
    "bemanna.project",  # project-level commands (demo, run_schedule), above every app
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "bemanna.middleware.SwedishFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "bemanna.urls"
WSGI_APPLICATION = "bemanna.wsgi.application"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "bemanna" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "bemanna.accounts.access.navigation",
            ],
            # {% error_summary %} in every template (bemanna/accessibility).
            "builtins": ["bemanna.accessibility.templatetags.accessibility"],
        },
    },
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "workforce:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Swedish first; English selectable.
LANGUAGE_CODE = "sv"
# Each language is named in its own tongue, so it is never translated.
LANGUAGES = [("sv", "Svenska"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "bemanna" / "locale"]
FORMAT_MODULE_PATH = ["bemanna.formats"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "bemanna" / "static"]
# Serve straight from the source folders when collectstatic has not been run (development).
WHITENOISE_USE_FINDERS = True

# Uploads larger than this are refused with a clear message; the CLI has no limit.
MAX_UPLOAD_MB = envint("BEMANNA_MAX_UPLOAD_MB", "10")
# Health data (sick-leave spells and scheduled hours) is deleted by `bemanna run_schedule`
# once it is older than this many whole years; occupational health's call records sooner.
HEALTH_DATA_YEARS = envint("BEMANNA_HEALTH_DATA_YEARS", "10")
EARLY_CONTACT_MONTHS = envint("BEMANNA_EARLY_CONTACT_MONTHS", "24")
# The installation's default anonymity thresholds (bemanna.org.thresholds): k for any figure,
# k_text for comments and answer distributions. Never below 3 (analysis.disclosure.MIN_K).
MIN_GROUP = envint("BEMANNA_MIN_GROUP", "5")
MIN_GROUP_TEXT = envint("BEMANNA_MIN_GROUP_TEXT", "10")
if MIN_GROUP < 3 or MIN_GROUP_TEXT < MIN_GROUP:
    raise ImproperlyConfigured(
        "BEMANNA_MIN_GROUP must be at least 3 and BEMANNA_MIN_GROUP_TEXT at least as large, "
        f"got {MIN_GROUP} and {MIN_GROUP_TEXT}"
    )
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_SSL_REDIRECT = envbool("BEMANNA_SSL_REDIRECT", "0" if DEBUG else "1")
SECURE_HSTS_SECONDS = 0 if DEBUG else envint("BEMANNA_HSTS_SECONDS", "31536000")
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Survey pages that carry a token send "no-referrer" themselves; a site-wide no-referrer
# would make browsers send "Origin: null" on form posts, which CSRF protection refuses.
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

LOG_LEVEL = os.environ.get("BEMANNA_LOG_LEVEL", "INFO").upper()
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler", "level": LOG_LEVEL}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    # WeasyPrint and fontTools narrate every PDF at INFO; only their problems are of interest.
    "loggers": {name: {"level": "WARNING"} for name in ("weasyprint", "fontTools")},
    # Request logs carry URLs only; Bemanna never puts personal data or a survey code in a
    # URL (an invitation link carries its code after "#", which browsers never send).
}

# Shared by all server processes (the guessing limit on survey codes must hold across them).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(DATA_DIR / "cache"),
    }
}

# Pulse invitations. Without BEMANNA_EMAIL_HOST mail is printed to the console (development).
BASE_URL = os.environ.get("BEMANNA_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
EMAIL_HOST = os.environ.get("BEMANNA_EMAIL_HOST", "")
# Without a mail server, development prints mail whole; production prints only who it went
# to, since an invitation's text holds an answer code that must not reach a log.
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "bemanna.mail.WithheldBodyBackend"
)
EMAIL_PORT = envint("BEMANNA_EMAIL_PORT", "587")
EMAIL_HOST_USER = os.environ.get("BEMANNA_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("BEMANNA_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = envbool("BEMANNA_EMAIL_TLS", "1")
EMAIL_TIMEOUT = 30
DEFAULT_FROM_EMAIL = os.environ.get("BEMANNA_FROM_EMAIL", "Bemanna <bemanna@localhost>")
