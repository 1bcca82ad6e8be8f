"""clientdesk settings: one module, configured from the environment.

With DEBUG unset the portal runs in production mode and must then be given a real
SECRET_KEY and ALLOWED_HOSTS, or the process refuses to start. Development and the
demo run with DEBUG=1, which `make install` writes to the checkout's git-ignored
`.env` file, and need nothing else (SQLite, console-free outbox). In production
DATABASE_URL,
REDIS_URL and EMAIL_URL name the services it uses. Everything else has a default.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("CLIENTDESK_VAR_DIR", BASE_DIR / "var"))


def _read_env_file(path: Path) -> dict[str, str]:
    """NAME=value lines of a local settings file; blank lines and # comments skipped."""
    if not path.is_file():
        return {}
    pairs = {}
    for line in path.read_text().splitlines():
        name, sep, value = line.strip().partition("=")
        if sep and not name.startswith("#"):
            pairs[name.strip()] = value.strip()
    return pairs


# The checkout's own settings (`make install` writes DEBUG=1 there); the environment wins.
LOCAL_ENV = _read_env_file(Path(os.environ.get("CLIENTDESK_ENV_FILE", BASE_DIR / ".env")))


def env(name: str, default: str = "") -> str:
    """A setting from the environment, or from the file named by NAME_FILE (for secrets),
    or from the checkout's `.env`."""
    file_name = os.environ.get(f"{name}_FILE")
    if file_name:
        return Path(file_name).read_text().strip()
    return os.environ.get(name, LOCAL_ENV.get(name, default))


def env_bool(name: str, default: bool) -> bool:
    value = env(name, "1" if default else "0").strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be 0 or 1, not {value!r}")


def env_int(name: str, default: int) -> int:
    value = env(name, str(default))
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer, not {value!r}") from None


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


# Production unless DEBUG=1 (from the environment or the checkout's .env, see
# docs/decisions.md): a server set up without the Makefile never runs in development mode.
DEBUG = env_bool("DEBUG", False)
# The mode the environment chose, kept: pytest-django turns DEBUG off for its tests.
DEVELOPMENT = DEBUG

_DEV_SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"  # noqa: S105  # nosec B105
SECRET_KEY = env("SECRET_KEY", _DEV_SECRET_KEY if DEBUG else "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver" if DEBUG else "")

if not DEBUG:
    # Refuse to start rather than run production with unsafe settings.
    if not SECRET_KEY or SECRET_KEY == _DEV_SECRET_KEY or len(SECRET_KEY) < 50:
        raise ImproperlyConfigured("DEBUG=0 needs a SECRET_KEY of at least 50 characters.")
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("DEBUG=0 needs ALLOWED_HOSTS.")

INSTALLED_APPS = [
    "clientdesk.core",
    "clientdesk.accounts",
    "clientdesk.kb",
    "clientdesk.support",
    "clientdesk.orders",
    "clientdesk.contracts",
    "clientdesk.billing",
    "clientdesk.webhooks",
    "clientdesk.api",
    "clientdesk.backoffice",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "django_countries",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "ninja",  # its Swagger UI served from our static files: the CSP allows no CDN
]

MIDDLEWARE = [
    # The headers of every answer, static files (WhiteNoise) and error pages included.
    "clientdesk.core.middleware.SecurityHeadersMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "clientdesk.core.middleware.RejectNulMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "clientdesk.core.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "clientdesk.core.middleware.SessionSafetyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "allauth.usersessions.middleware.UserSessionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "clientdesk.urls"
# Inputs, selects and textareas are written in Python, the rest by the templates.
FORM_RENDERER = "clientdesk.core.rendering.FormRenderer"
WSGI_APPLICATION = "clientdesk.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "clientdesk" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "clientdesk.core.context_processors.portal",
                "clientdesk.backoffice.context_processors.workspace",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{VAR_DIR / 'clientdesk.sqlite3'}"),
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    VAR_DIR.mkdir(parents=True, exist_ok=True)  # a fresh clone has no var/ yet
    # The covering indexes' INCLUDE columns serve PostgreSQL's index-only scans; SQLite
    # builds the same indexes without them, as the warning says, and that is all it needs.
    SILENCED_SYSTEM_CHECKS = ["models.W040"]
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;"
        ),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Rate limits are shared by every process: all in Redis when configured. Without it our own
# counters are a table (core/counters.py), and allauth's, which it keeps in "default" only,
# pass through "default" (each process's memory, read by every page query-free) to
# "limits", the database's cache table (see docs/decisions.md). Past MAX_ENTRIES that cache
# drops a third of its keys, live limits too: far above what an attack could fill.
REDIS_URL = env("REDIS_URL")
CACHES: dict[str, dict[str, object]]
if REDIS_URL:
    _REDIS: dict[str, object] = {
        "BACKEND": "clientdesk.core.cache.RedisCache",
        "LOCATION": REDIS_URL,
    }
    CACHES = {"default": _REDIS, "limits": _REDIS}
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {
        "default": {"BACKEND": "clientdesk.core.cache.LocalWithSharedLimits"},
        "limits": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "clientdesk_limits",
            "OPTIONS": {"MAX_ENTRIES": 1_000_000},
        },
    }

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
PASSWORD_HASHERS = [
    "clientdesk.accounts.hashers.PortalArgon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
# Django's rules in the portal's words (accounts/passwords.py); the common ones are
# Django's list of 20,000.
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "clientdesk.accounts.passwords.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "clientdesk.accounts.passwords.UserAttributeSimilarityValidator"},
    {"NAME": "clientdesk.accounts.passwords.CommonPasswordValidator"},
    {"NAME": "clientdesk.accounts.passwords.NumericPasswordValidator"},
]
# The client's address behind the load balancer (core/actors.client_ip): the number of
# proxies of ours that append to X-Forwarded-For, or the header one of them sets to it
# ("X-Real-IP"). Neither: REMOTE_ADDR, and X-Forwarded-For is ignored. allauth is given the
# same (its rate limits and session list ask the adapter, which asks client_ip).
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
TRUSTED_CLIENT_IP_HEADER = env("TRUSTED_CLIENT_IP_HEADER") or None
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT
ALLAUTH_TRUSTED_CLIENT_IP_HEADER = TRUSTED_CLIENT_IP_HEADER

LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "dashboard"

# django-allauth: e-mail is the identity; verification is mandatory, so an
# unverified address never holds a session and never reaches customer data.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = False
# Signed in by the confirmation link only in the browser that signed up (allauth keeps the
# pending sign-in in that session); a link opened elsewhere confirms and asks to sign in.
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_SIGNUP_FORM_CLASS = "clientdesk.accounts.forms.SignupExtraForm"
ACCOUNT_ADAPTER = "clientdesk.accounts.adapter.AccountAdapter"
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_RATE_LIMITS = {
    # Failed sign-ins from one address: 20 in 15 minutes over all accounts, 5 in 5 for one
    # (the adapter makes allauth's "key", the account alone, the address and the account:
    # else anyone could refuse an account to its owner). allauth counts a wrong second
    # factor here too, per account: 5 in 5 minutes.
    "login_failed": "20/15m/ip,5/5m/key",
    "login": "30/m/ip",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",  # nosec B105  # a rate, not a password
}
# Across addresses an account is not refused: after this many failures within the hour
# (and the next), its password alone no longer signs in, a second factor or an e-mailed
# code must follow (accounts/signin.py).
LOGIN_STEP_UP_AFTER = env_int("LOGIN_STEP_UP_AFTER", 5)
# The code goes through the outbox and the worker: longer than allauth's 3 minutes.
ACCOUNT_LOGIN_BY_CODE_TIMEOUT = 10 * 60
# The browsers a user signed in from, to e-mail them of a new one (accounts/signin.py).
KNOWN_BROWSER_COOKIE_NAME = "clientdesk_browser" if DEBUG else "__Host-clientdesk_browser"
KNOWN_BROWSER_COOKIE_AGE = 400 * 24 * 60 * 60  # the most browsers keep a cookie
# Password changes and resets, address and second-factor changes are e-mailed to the user.
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_FORMS = {"signup": "clientdesk.accounts.signup.SignupForm"}
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
MFA_SUPPORTED_TYPES = ["totp", "webauthn", "recovery_codes"]
MFA_TOTP_ISSUER = "clientdesk"
# Passkeys: a key added as "passwordless" signs in on its own (login page button).
# No MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN: fido2 >= 1.2 accepts http://localhost
# itself, and the setting would switch off the origin check entirely. Browsers
# refuse an IP address as relying party, so in development use localhost, not 127.0.0.1.
MFA_PASSKEY_LOGIN_ENABLED = True
MFA_FORMS = {
    "add_webauthn": "clientdesk.accounts.passkeys.AddPasskeyForm",
    "edit_webauthn": "clientdesk.accounts.passkeys.EditPasskeyForm",
}
# Off: tracking writes the session row on every request (5 queries, one UPDATE);
# the session list still shows where and when each session signed in.
USERSESSIONS_TRACK_ACTIVITY = False

LANGUAGE_CODE = "ro"
LANGUAGES = [("ro", _("Romanian")), ("en", _("English"))]
# Our catalogue first; then corrections of third-party Romanian (allauth's lacks diacritics).
LOCALE_PATHS = [BASE_DIR / "clientdesk" / "locale", BASE_DIR / "clientdesk" / "locale_allauth"]
TIME_ZONE = "Europe/Bucharest"
# One unambiguous day-month-year format per language (docs/decisions.md).
FORMAT_MODULE_PATH = ["clientdesk.formats"]
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# Files browsers ask for at the site's root (/favicon.ico), served by WhiteNoise.
WHITENOISE_ROOT = BASE_DIR / "clientdesk" / "public"
STATICFILES_DIRS = [BASE_DIR / "clientdesk" / "static"]
MEDIA_ROOT = VAR_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# The portal's public address, for links in e-mails sent by the worker (services
# never see a request to take it from). In production it is the first allowed
# host over https unless set; a host pattern (".example.com", "*") names no address.
_FIRST_HOST = ALLOWED_HOSTS[0] if ALLOWED_HOSTS else ""
if DEBUG:
    _DEFAULT_PORTAL_URL = "http://127.0.0.1:8000"
elif _FIRST_HOST.startswith(".") or "*" in _FIRST_HOST:
    _DEFAULT_PORTAL_URL = ""
else:
    _DEFAULT_PORTAL_URL = f"https://{_FIRST_HOST}"
PORTAL_URL = env("PORTAL_URL", _DEFAULT_PORTAL_URL).rstrip("/")
if not DEBUG and not PORTAL_URL.startswith("https://"):
    raise ImproperlyConfigured("DEBUG=0 needs PORTAL_URL, the portal's https:// address.")

EMAIL_URL = env("EMAIL_URL", "")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "portal@clientdesk.example")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
if EMAIL_URL:
    from clientdesk.core.email_url import parse_email_url

    globals().update(parse_email_url(EMAIL_URL))
else:
    # Without a mail server the worker stores nothing further: the staff
    # outbox page shows every message the portal queued.
    EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

# Security headers and cookies.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# A session ends after this many seconds without a request (core/middleware.py), and at
# the latest this many after sign-in.
SESSION_IDLE_TIMEOUT = env_int("SESSION_IDLE_TIMEOUT", 2 * 60 * 60)
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 14 * 24 * 60 * 60)
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    # A load balancer's health check speaks plain HTTP and does not follow redirects.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    # __Host-: the browser keeps these cookies only if Secure, for Path=/ and no Domain,
    # so no sibling subdomain can set or shadow them (plain http in development cannot).
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
    CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# Browser features the portal never uses, denied to it and to anything it frames.
PERMISSIONS_POLICY = {
    feature: ()
    for feature in (
        "accelerometer",
        "autoplay",
        "bluetooth",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "hid",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
}
SECURE_CROSS_ORIGIN_RESOURCE_POLICY = "same-origin"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        # The signing page shows the contract's PDF in a frame of the portal's own URL.
        "frame-src": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# Contracts OnLine: the vendor's signing key and certificate (PEM files named by the
# environment, never in the repository), an optional chain file, and a timestamp
# authority for PAdES B-LTA. Unset in development: manage.py signing_demo_ca writes a
# demo CA under VAR_DIR/signing/, which is used instead (never in production).
SIGNING_KEY_FILE = env("SIGNING_KEY_FILE")
SIGNING_CERT_FILE = env("SIGNING_CERT_FILE")
SIGNING_CHAIN_FILE = env("SIGNING_CHAIN_FILE")
SIGNING_TSA_URL = env("SIGNING_TSA_URL")

# Webhooks go to public addresses only; tests (and a vendor whose ERP sits on its own
# network, knowingly) allow private, loopback and link-local ones.
WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = env_bool("WEBHOOKS_ALLOW_PRIVATE_ADDRESSES", False)
# The integration API: calls per token (counted in the shared cache: Redis when
# configured), and whether its description is open to all in production.
API_RATE_LIMIT = env("API_RATE_LIMIT", "600/m")
API_DOCS_PUBLIC = env_bool("API_DOCS_PUBLIC", False)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    # WeasyPrint narrates every step of a rendering at INFO.
    "loggers": {name: {"level": "WARNING"} for name in ("weasyprint", "fontTools")},
}

# Consent texts are versioned: a change of wording is a new version, and
# every stored consent names the version the user agreed to.
CONSENT_VERSION = "2026-11"
