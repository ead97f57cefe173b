"""Settings, read from environment variables only (documented in .env.example)."""

import ipaddress
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


def envstr(name: str, default: str) -> str:
    """A text setting; set but empty, as every line of .env.example copied as it is: the
    default (an empty DATABASE_URL is no database, an empty key no key)."""
    return os.environ.get(name) or default


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
SECRET_KEY = envstr("BEMANNA_SECRET_KEY", INSECURE_DEV_SECRET)
# Keys the HMAC that replaces a personnummer; changing it re-keys every person. Its own key:
# production refuses to start without one (checks.pseudonym_key_is_own, wsgi.py), so that a
# rotated or leaked SECRET_KEY neither re-keys nor reveals the pseudonyms. Development and
# the tests (BEMANNA_DEBUG=1, or the key set as `make test` does) fall back to SECRET_KEY.
PSEUDONYM_KEY_IS_OWN = bool(os.environ.get("BEMANNA_PSEUDONYM_KEY"))
PSEUDONYM_KEY = os.environ.get("BEMANNA_PSEUDONYM_KEY") or SECRET_KEY
# Keys the hashes of survey invitation codes; changing it stops the codes of open windows.
CODE_KEY = envstr("BEMANNA_CODE_KEY", SECRET_KEY)
# A production server (wsgi.py) and `manage.py check` refuse the development secret.
SECRET_KEY_IS_DEFAULT = INSECURE_DEV_SECRET in (SECRET_KEY, PSEUDONYM_KEY, CODE_KEY)

ALLOWED_HOSTS = envlist("BEMANNA_ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = envlist("BEMANNA_CSRF_TRUSTED_ORIGINS", "")
# The region's id in Kolada (0001–0025), written in the HME file the region reports.
KOLADA_AREA = os.environ.get("BEMANNA_KOLADA_AREA", "")
DATA_DIR = Path(envstr("BEMANNA_DATA_DIR", str(BASE_DIR / "var")))
DATABASES = {
    "default": database_from_url(
        envstr("DATABASE_URL", f"sqlite:///{DATA_DIR / 'bemanna.sqlite3'}")
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # Tests run on a file, as production does: concurrent writers then wait for each other
    # instead of failing as they would in a shared in-memory database.
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / "test.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "bemanna.accounts.admin_site.AdminConfig",  # Django's admin, Bemanna's 403 page
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "mozilla_django_oidc",
    "csp",
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
    "bemanna.followup",  # from results to action: the start page, themes, nudges
    "bemanna.project",  # project-level commands (demo, run_schedule), above every app
    "bemanna.privacy",  # register extract and retention, above every app
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "bemanna.middleware.StaticFiles",  # WhiteNoise
    "bemanna.middleware.Session",  # Django's, not saved where one answers anonymously
    "bemanna.middleware.SwedishFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "bemanna.accounts.middleware.current_actor",
    "bemanna.accounts.middleware.second_factor",
    "django.contrib.messages.middleware.MessageMiddleware",
    # A page that needs a unit, for a user with none yet: what to import (bemanna/errors.py).
    "bemanna.errors.NoUnitMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
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
LOGIN_REDIRECT_URL = "followup:start"
LOGOUT_REDIRECT_URL = "accounts:login"

# Single sign-on over OpenID Connect (mozilla-django-oidc), on when a client id is set. The
# endpoints come from the issuer's /.well-known/openid-configuration, read at the first login
# (accounts.oidc.provider_configuration); an endpoint variable set here overrides it.
OIDC_ENABLED = bool(os.environ.get("BEMANNA_OIDC_CLIENT_ID"))
# Local user names and passwords; BEMANNA_LOCAL_LOGIN=0 leaves single sign-on only.
LOCAL_LOGIN = envbool("BEMANNA_LOCAL_LOGIN", "1")
if not OIDC_ENABLED and not LOCAL_LOGIN:
    raise ImproperlyConfigured(
        "BEMANNA_LOCAL_LOGIN=0 needs single sign-on (BEMANNA_OIDC_CLIENT_ID and friends)"
    )
AUTHENTICATION_BACKENDS = [
    # First, as django-axes asks: a locked-out user name and address gets no further.
    "bemanna.accounts.backends.LockoutBackend",
    # Passwords (refused when LOCAL_LOGIN is off) and every permission, from the role.
    "bemanna.accounts.backends.RoleBackend",
    *(["bemanna.accounts.oidc.RoleMappingBackend"] if OIDC_ENABLED else []),
]
OIDC_RP_CLIENT_ID = os.environ.get("BEMANNA_OIDC_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = os.environ.get("BEMANNA_OIDC_CLIENT_SECRET", "")
OIDC_OP_ISSUER = os.environ.get("BEMANNA_OIDC_ISSUER", "")
OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ.get("BEMANNA_OIDC_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = os.environ.get("BEMANNA_OIDC_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = os.environ.get("BEMANNA_OIDC_USERINFO_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = os.environ.get("BEMANNA_OIDC_JWKS_ENDPOINT", "")
OIDC_OP_LOGOUT_ENDPOINT = os.environ.get("BEMANNA_OIDC_END_SESSION_ENDPOINT", "")
OIDC_OP_LOGOUT_URL_METHOD = "bemanna.accounts.oidc.provider_logout_url"
OIDC_RP_SIGN_ALGO = envstr("BEMANNA_OIDC_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = envstr("BEMANNA_OIDC_SCOPES", "openid email profile")
OIDC_USE_PKCE = True
OIDC_PKCE_CODE_CHALLENGE_METHOD = "S256"
OIDC_STORE_ID_TOKEN = True  # the id_token_hint for logging out at the provider
LOGIN_REDIRECT_URL_FAILURE = "accounts:login"
OIDC_AUTHENTICATION_CALLBACK_URL = "accounts:sso_callback"
# Which claims carry the user name, the groups (or Entra app roles) and managed unit codes.
OIDC_USERNAME_CLAIM = envstr("BEMANNA_OIDC_USERNAME_CLAIM", "preferred_username")
OIDC_GROUPS_CLAIM = envstr("BEMANNA_OIDC_GROUPS_CLAIM", "groups")
OIDC_UNITS_CLAIM = os.environ.get("BEMANNA_OIDC_UNITS_CLAIM", "")
OIDC_TIMEOUT = 10

# Local login: five wrong passwords for one user name from one address lock that pair out for
# 15 minutes (django-axes). The pair, not the user name alone, so that an outsider cannot lock
# HR out by guessing at its user name. Behind a reverse proxy the address is the one the
# proxy saw, by the same rule as the guessing limits (BEMANNA_TRUSTED_PROXY).
AXES_FAILURE_LIMIT = envint("BEMANNA_LOGIN_FAILURES", "5")
AXES_COOLOFF_TIME = envint("BEMANNA_LOCKOUT_MINUTES", "15") / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "bemanna.answering.limits.client_address"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "bemanna.accounts.views.locked_out"
AXES_VERBOSE = False
# A user name that is no account's is kept (and locked) as "(unknown)": a password typed in the
# user-name field must not reach the lockouts page, the admin or the audit log. Axes's own log
# lines mask the user name (AXES_SENSITIVE_PARAMETERS, its default).
AXES_USERNAME_CALLABLE = "bemanna.accounts.backends.lockout_username"
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address"]
# Whom a locked-out user is told to ask (the page also says when the lockout ends), e.g.
# "IT-servicedesken, 010-123 45 67". Empty: the user administrator.
LOGIN_HELP = os.environ.get("BEMANNA_LOGIN_HELP", "")
# A second factor (TOTP) for local logins with access to person-level data or to accounts:
# HR admin, user admin, occupational health and superusers. Single sign-on leaves the second
# factor to the identity provider (SITHS card, Entra MFA). The tests turn it off and on.
OTP_REQUIRED = True
OTP_TOTP_ISSUER = "Bemanna"

# Sessions end after BEMANNA_SESSION_IDLE_MINUTES without a request (each request moves the
# expiry on), and the browser forgets the cookie when it closes.
SESSION_IDLE_MINUTES = envint("BEMANNA_SESSION_IDLE_MINUTES", "30")
SESSION_COOKIE_AGE = SESSION_IDLE_MINUTES * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

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
# Retention of everything else (bemanna/privacy/retention.py), applied by run_schedule. The
# defaults follow common Swedish practice for an analysis copy of HR data; align them with
# the region's own records-management plan (dokumenthanteringsplan, gallringsbeslut).
RETAIN_EMPLOYMENT_YEARS = envint("BEMANNA_RETAIN_EMPLOYMENT_YEARS", "10")
RETAIN_ANSWERS_YEARS = envint("BEMANNA_RETAIN_ANSWERS_YEARS", "5")
RETAIN_COMMENTS_YEARS = envint("BEMANNA_RETAIN_COMMENTS_YEARS", "2")
RETAIN_PROPOSALS_YEARS = envint("BEMANNA_RETAIN_PROPOSALS_YEARS", "5")
RETAIN_AUDIT_MONTHS = envint("BEMANNA_RETAIN_AUDIT_MONTHS", "36")
RETAIN_IMPORTS_YEARS = envint("BEMANNA_RETAIN_IMPORTS_YEARS", "10")
# The installation's default anonymity thresholds (bemanna.org.thresholds): k for any figure,
# k_text for comments and answer distributions. Never below 3 (analysis.disclosure.MIN_K).
MIN_GROUP = envint("BEMANNA_MIN_GROUP", "5")
MIN_GROUP_TEXT = envint("BEMANNA_MIN_GROUP_TEXT", "10")
# The team dialogue is due this many days after a pulse wave closes (start page, reminders).
DIALOGUE_DUE_DAYS = envint("BEMANNA_DIALOGUE_DUE_DAYS", "30")
# Reminders `bemanna run_schedule` does not send, by kind (comma-separated): results_ready,
# dialogue_due, action_overdue, low_response, hr_digest.
NUDGES_OFF = envlist("BEMANNA_NUDGES_OFF", "")
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


def _networks(name: str) -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    try:
        return [ipaddress.ip_network(item, strict=False) for item in envlist(name, "")]
    except ValueError as error:
        raise ImproperlyConfigured(f"{name}: {error}") from None


# The reverse proxy's address(es) or networks: from them alone X-Forwarded-For is believed,
# for the client address of the guessing limits and the login lockout
# (bemanna/answering/limits.py).
TRUSTED_PROXIES = _networks("BEMANNA_TRUSTED_PROXY")
# Monitoring asks the app directly over plain HTTP on the loopback.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
# Survey pages that carry a token send "no-referrer" themselves; a site-wide no-referrer
# would make browsers send "Origin: null" on form posts, which CSRF protection refuses.
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# No inline script anywhere: scripts come from our own static files (htmx is vendored).
# Style attributes remain (charts, report documents), so styles may be inline.
# The provider's origins (sign-in and end-session pages), for form-action below.
_OIDC_ORIGINS = sorted(
    {
        "{0.scheme}://{0.netloc}".format(urlparse(url))
        for url in (OIDC_OP_ISSUER, OIDC_OP_AUTHORIZATION_ENDPOINT, OIDC_OP_LOGOUT_ENDPOINT)
        if url
    }
)
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        # Logging out redirects a form post to the identity provider's end-session page.
        "form-action": ["'self'", *(_OIDC_ORIGINS if OIDC_ENABLED else [])],
    }
}

LOG_LEVEL = envstr("BEMANNA_LOG_LEVEL", "INFO").upper()
# "text" (default) or "json": one JSON object a line (bemanna/logs.py), for a log shipper.
LOG_FORMAT = envstr("BEMANNA_LOG_FORMAT", "text").strip().lower()
if LOG_FORMAT not in ("text", "json"):
    raise ImproperlyConfigured(f"BEMANNA_LOG_FORMAT must be text or json, got {LOG_FORMAT!r}")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "bemanna.logs.JsonFormatter"}},
    # A refused request (400/403/404) is one line, without a traceback (bemanna/logs.py).
    "filters": {"quiet_refusals": {"()": "bemanna.logs.QuietRefusals"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "level": LOG_LEVEL,
            "filters": ["quiet_refusals"],
            **({"formatter": "json"} if LOG_FORMAT == "json" else {}),
        }
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    # WeasyPrint and fontTools narrate every PDF at INFO; only their problems are of interest.
    "loggers": {
        **{name: {"level": "WARNING"} for name in ("weasyprint", "fontTools")},
        # Django's own console handler (in development) wrote each refused request a second
        # time, with its traceback; its records go to the one handler above instead.
        "django": {"handlers": [], "level": "INFO", "propagate": True},
    },
    # Request logs carry URLs only; Bemanna never puts personal data or a survey code in a
    # URL (an invitation link carries its code after "#", which browsers never send).
}

# Shared by all server processes (the guessing limit on survey codes must hold across them).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(DATA_DIR / "cache"),
        # Key figures, report sections and charts of units and years (bemanna.generation,
        # bemanna.charts): past Django's 300 a third would be dropped at each write.
        "OPTIONS": {"MAX_ENTRIES": 2000},
    }
}
# After an upload on the Import page, compute the board report and key figures for the next
# generation in a thread of the web process (`bemanna.generation.warm_after_commit`); off,
# the hourly `bemanna run_schedule` does it. The import commands always do it, as a step.
WARM_IN_BACKGROUND = envbool("BEMANNA_WARM_IN_BACKGROUND", "1")

# Pulse invitations. Without BEMANNA_EMAIL_HOST, development prints mail whole; production
# refuses to send (bemanna/mail.py): an invitation's text holds an answer code that must not
# reach a log, and mail that was only printed must not count as sent.
BASE_URL = envstr("BEMANNA_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
EMAIL_HOST = os.environ.get("BEMANNA_EMAIL_HOST", "")
# Each of them drops mail to Region Demo's made-up addresses (bemanna/mail.py).
EMAIL_BACKEND = (
    "bemanna.mail.SmtpBackend"
    if EMAIL_HOST
    else "bemanna.mail.ConsoleBackend"
    if DEBUG
    else "bemanna.mail.RefusingBackend"
)
EMAIL_PORT = envint("BEMANNA_EMAIL_PORT", "587")
EMAIL_HOST_USER = os.environ.get("BEMANNA_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("BEMANNA_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = envbool("BEMANNA_EMAIL_TLS", "1")
EMAIL_TIMEOUT = 30
DEFAULT_FROM_EMAIL = envstr("BEMANNA_FROM_EMAIL", "Bemanna <bemanna@localhost>")
