"""egov settings: everything lives here; deployments differ only by environment variables.

Variables use the EGOV_ prefix except DATABASE_URL. Unset DATABASE_URL means SQLite, so a fresh
clone runs with no configuration.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from urllib.parse import urlsplit

import environ
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
env = environ.Env()

DEBUG = env.bool("EGOV_DEBUG", default=False)
SECRET_KEY = env.str("EGOV_SECRET_KEY", default="") or (
    "insecure-development-key-only-used-when-EGOV_DEBUG-is-on" if DEBUG else ""
)
if not SECRET_KEY:
    raise environ.ImproperlyConfigured("Set EGOV_SECRET_KEY (or EGOV_DEBUG=1 for development).")
ALLOWED_HOSTS = env.list("EGOV_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("EGOV_CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("EGOV_SITE_URL", default="http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "egov.common",
    "egov.audit",
    "egov.accounts",
    "egov.jobs",
    "egov.workdays",
    "egov.orgs",
    "egov.integration",
    "egov.workflow",
    "egov.documents",
    "egov.exchange",
    "egov.directives",
    "egov.reporting",
    "egov.meetings",
    "egov.dashboards",
    "egov.feedback",
    "egov.complaints",
    "egov.disclosure",
    "egov.traceability",
    "egov.surveys",
    "egov.onestop",
    "egov.portal",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "egov.common.replica.ReplicaMiddleware",  # read-your-writes with a replica (inert without)
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "egov.accounts.middleware.SessionTimeoutMiddleware",  # idle and absolute session limits
    "egov.audit.middleware.RequestContextMiddleware",
    "axes.middleware.AxesMiddleware",
    "egov.common.input_guard.InputGuardMiddleware",  # NUL characters, oversized API bodies
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "egov" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "egov.portal.context_processors.shell",
            ],
        },
    },
]

# Database: SQLite by default, PostgreSQL when DATABASE_URL is set.
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'var' / 'egov.sqlite3'}")
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite ignores row locks: IMMEDIATE transactions serialize writers instead.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA busy_timeout = 5000; PRAGMA journal_mode = WAL;",
        "transaction_mode": "IMMEDIATE",
    }
    (BASE_DIR / "var").mkdir(exist_ok=True)
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("EGOV_DB_CONN_MAX_AGE", default=60)
    # Server-side prepared statements (opt-in, issue 24): psycopg 3 prepares a query after it
    # ran EGOV_DB_PREPARE_THRESHOLD times on a connection, so the status look-up's join is
    # planned once per connection, not per request. psycopg prepares only with server-side
    # binding, which Django turns off by default, hence both options. Unsafe behind pgbouncer
    # in transaction mode (prepared statements live in a server session the next transaction
    # may not get): leave it unset there. Not on by default: the whole suite has not been run
    # with server-side binding yet.
    if env.bool("EGOV_DB_PREPARED_STATEMENTS", default=False):
        DATABASES["default"].setdefault("OPTIONS", {}).update(
            server_side_binding=True,
            prepare_threshold=env.int("EGOV_DB_PREPARE_THRESHOLD", default=5),
        )
# A streaming replica of the PostgreSQL primary (issue 24, ADR 0029): with
# DATABASE_REPLICA_URL set, the public status look-up, the catalog and the figures pages read
# from it (egov.common.replica), unless it is more than EGOV_REPLICA_MAX_LAG seconds behind or
# unreachable, or the browser wrote within EGOV_REPLICA_READ_YOUR_WRITES_SECONDS (then the
# primary, so a person sees their own change at once). The window must outlast the lag bound.
EGOV_REPLICA_MAX_LAG = env.float("EGOV_REPLICA_MAX_LAG", default=5.0)
EGOV_REPLICA_READ_YOUR_WRITES_SECONDS = env.int("EGOV_REPLICA_READ_YOUR_WRITES_SECONDS", default=15)
if EGOV_REPLICA_MAX_LAG < 0 or EGOV_REPLICA_READ_YOUR_WRITES_SECONDS <= EGOV_REPLICA_MAX_LAG + 1:
    raise environ.ImproperlyConfigured(
        "EGOV_REPLICA_READ_YOUR_WRITES_SECONDS must exceed EGOV_REPLICA_MAX_LAG + 1 (the lag is "
        "measured once a second), and the lag bound is not negative."
    )
DATABASE_ROUTERS: list[str] = []
if env.str("DATABASE_REPLICA_URL", default=""):
    if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        raise environ.ImproperlyConfigured("DATABASE_REPLICA_URL needs a PostgreSQL DATABASE_URL.")
    _replica = env.db_url("DATABASE_REPLICA_URL")
    DATABASES["replica"] = {
        **_replica,
        "CONN_MAX_AGE": DATABASES["default"]["CONN_MAX_AGE"],
        # a persistent connection to a replica that restarted is noticed before the first query
        "CONN_HEALTH_CHECKS": True,
        "OPTIONS": {
            "connect_timeout": 2,
            **DATABASES["default"].get("OPTIONS", {}),
            **_replica.get("OPTIONS", {}),
        },
        "TEST": {"MIRROR": "default"},
    }
    DATABASE_ROUTERS = ["egov.common.replica.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Accounts and login
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "egov.accounts.backends.IdentifierBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
# New passwords: at least EGOV_PASSWORD_MIN_LENGTH characters, not like the account's own
# details, not a common password, not only digits. The length check is egov's own (Django
# 5.2's Vietnamese catalog lacks its message, which then showed in English).
EGOV_PASSWORD_MIN_LENGTH = env.int("EGOV_PASSWORD_MIN_LENGTH", default=12)
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
        "OPTIONS": {"user_attributes": ("full_name", "email", "phone", "citizen_id", "tax_code")},
    },
    {
        "NAME": "egov.accounts.validators.MinimumLengthValidator",
        "OPTIONS": {"min_length": EGOV_PASSWORD_MIN_LENGTH},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "portal:home"
LOGOUT_REDIRECT_URL = "portal:home"
# Login throttling (egov/accounts/throttle.py): failures counted on the normalised identifier
# (limit EGOV_LOGIN_FAILURE_LIMIT) and per client address (EGOV_LOGIN_FAILURE_LIMIT_PER_ADDRESS);
# the first lock lasts EGOV_LOGIN_COOLOFF_HOURS, each further series of failures within a day
# doubles it, up to EGOV_LOGIN_COOLOFF_MAX_HOURS.
AXES_FAILURE_LIMIT = env.int("EGOV_LOGIN_FAILURE_LIMIT", default=5)
EGOV_LOGIN_FAILURE_LIMIT_PER_ADDRESS = env.int("EGOV_LOGIN_FAILURE_LIMIT_PER_ADDRESS", default=30)
EGOV_LOGIN_COOLOFF_HOURS = env.float("EGOV_LOGIN_COOLOFF_HOURS", default=0.25)
EGOV_LOGIN_COOLOFF_MAX_HOURS = env.float("EGOV_LOGIN_COOLOFF_MAX_HOURS", default=24.0)
AXES_HANDLER = "egov.accounts.throttle.LoginThrottleHandler"
AXES_USERNAME_CALLABLE = "egov.accounts.throttle.login_identifier"
AXES_COOLOFF_TIME = "egov.accounts.throttle.login_cool_off"
AXES_LOCKOUT_CALLABLE = "egov.accounts.throttle.lockout_response"
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # LoginThrottleHandler relies on this order
AXES_USE_ATTEMPT_EXPIRATION = True  # each lock expires on its own clock, not the latest request's
AXES_ENABLE_ACCESS_FAILURE_LOG = True  # the history the growing lock is computed from
# Refused attempts (already locked) are not counted: they neither stretch the current pause nor
# count against the other accounts an address-locked client keeps trying.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_FORM_FIELD = "username"
# The client address axes and the rate limits count on is REMOTE_ADDR. Behind a reverse proxy
# set EGOV_TRUSTED_PROXY_COUNT to the number of proxies in front of egov: the address is then
# taken from X-Forwarded-For, that many entries from the right (what the proxies appended, not
# what the client wrote). Leave it 0 when egov is reached directly: a client could otherwise
# choose its own address.
EGOV_TRUSTED_PROXY_COUNT = env.int("EGOV_TRUSTED_PROXY_COUNT", default=0)
AXES_CLIENT_IP_CALLABLE = "egov.common.client.client_address"
RATELIMIT_IP_META_KEY = "egov.common.client.client_address"
# Public registration (egov/accounts/services.py, public_account_register_request): the same
# answer whether or not the details already have an account; at most
# EGOV_REGISTRATIONS_PER_WINDOW registrations per client address in
# EGOV_REGISTRATION_WINDOW_SECONDS; the e-mail address or phone number is confirmed by a link
# valid EGOV_CONTACT_VERIFY_HOURS before a draft dossier can hold files.
EGOV_REGISTRATIONS_PER_WINDOW = env.int("EGOV_REGISTRATIONS_PER_WINDOW", default=5)
EGOV_REGISTRATION_WINDOW_SECONDS = env.int("EGOV_REGISTRATION_WINDOW_SECONDS", default=3600)
EGOV_CONTACT_VERIFY_HOURS = env.int("EGOV_CONTACT_VERIFY_HOURS", default=48)
# One-time codes to a contact without an account (egov/accounts/services_codes.py): valid
# EGOV_ONE_TIME_CODE_MINUTES, at most EGOV_ONE_TIME_CODE_ATTEMPTS wrong tries per code; a new
# code for the same thing at the earliest EGOV_ONE_TIME_CODE_RESEND_SECONDS after the last.
EGOV_ONE_TIME_CODE_MINUTES = env.int("EGOV_ONE_TIME_CODE_MINUTES", default=15)
EGOV_ONE_TIME_CODE_ATTEMPTS = env.int("EGOV_ONE_TIME_CODE_ATTEMPTS", default=5)
EGOV_ONE_TIME_CODE_RESEND_SECONDS = env.int("EGOV_ONE_TIME_CODE_RESEND_SECONDS", default=60)
# Sessions (egov/accounts/middleware.py): an officer is logged out after
# EGOV_OFFICER_SESSION_IDLE_MINUTES without a request, a citizen or business after
# EGOV_PUBLIC_SESSION_IDLE_MINUTES; everyone EGOV_SESSION_ABSOLUTE_HOURS after logging in.
EGOV_OFFICER_SESSION_IDLE_MINUTES = env.int("EGOV_OFFICER_SESSION_IDLE_MINUTES", default=30)
EGOV_PUBLIC_SESSION_IDLE_MINUTES = env.int("EGOV_PUBLIC_SESSION_IDLE_MINUTES", default=120)
EGOV_SESSION_ABSOLUTE_HOURS = env.int("EGOV_SESSION_ABSOLUTE_HOURS", default=12)
SESSION_COOKIE_AGE = EGOV_SESSION_ABSOLUTE_HOURS * 3600
# API tokens: valid EGOV_API_TOKEN_DAYS by default, never longer than EGOV_API_TOKEN_MAX_DAYS.
EGOV_API_TOKEN_DAYS = env.int("EGOV_API_TOKEN_DAYS", default=90)
EGOV_API_TOKEN_MAX_DAYS = env.int("EGOV_API_TOKEN_MAX_DAYS", default=365)
OTP_TOTP_ISSUER = "egov"

# Internationalisation: Vietnamese first, English second; store UTC.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
# Django's Vietnamese formats with digits grouped by three (config/formats/vi); grouping only
# where a template asks for it (intcomma), never USE_THOUSAND_SEPARATOR (ids, years).
FORMAT_MODULE_PATH = ["config.formats"]
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATICFILES_DIRS = [BASE_DIR / "egov" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_ROOT = env.path("EGOV_MEDIA_ROOT", default=BASE_DIR / "var" / "media")

# Audit trail seals (ADR 0002): HMAC keys by id from the environment ("id=key,...") and/or a key
# file (lines "id=key"), never from the database; EGOV_AUDIT_KEY_ID seals new entries (old keys
# stay for `egov audit verify`). None set: a development key derived from the secret key
# (`check --deploy` warns). Checkpoints of the chain head are appended to a file in
# EGOV_AUDIT_CHECKPOINT_DIR: in production a directory on another volume than the database.
EGOV_AUDIT_KEYS = env.dict("EGOV_AUDIT_KEYS", default={})
EGOV_AUDIT_KEY_FILE = env.str("EGOV_AUDIT_KEY_FILE", default="")
EGOV_AUDIT_KEY_ID = env.str("EGOV_AUDIT_KEY_ID", default="")
EGOV_AUDIT_CHECKPOINT_DIR = env.path(
    "EGOV_AUDIT_CHECKPOINT_DIR", default=BASE_DIR / "var" / "audit-checkpoints"
)
# Entries are sealed into the chain after commit (ADR 0030); `check --deploy --database default`
# warns (egov.audit.W003) when one has waited longer than this many seconds: the sealer stopped.
EGOV_AUDIT_SEAL_MAX_AGE = env.int("EGOV_AUDIT_SEAL_MAX_AGE", default=120)

# Background jobs: django-tasks with the database backend; `egov db_worker` runs them.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

EMAIL_BACKEND = env.str(
    "EGOV_EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = env.str("EGOV_DEFAULT_FROM_EMAIL", default="egov <no-reply@localhost>")

# Working-day calendar: office sessions (local time) and the same-day cut-off.
EGOV_OFFICE_SESSIONS = env.list("EGOV_OFFICE_SESSIONS", default=["08:00-12:00", "13:00-17:00"])
EGOV_SAME_DAY_CUTOFF = env.str("EGOV_SAME_DAY_CUTOFF", default="15:00")

# Security: secure by default; local development over plain HTTP turns the HTTPS parts off.
SECURE_HTTPS = env.bool("EGOV_HTTPS", default=not DEBUG)
SESSION_COOKIE_SECURE = SECURE_HTTPS
CSRF_COOKIE_SECURE = SECURE_HTTPS
SECURE_SSL_REDIRECT = SECURE_HTTPS
SECURE_HSTS_SECONDS = 31536000 if SECURE_HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HTTPS
SECURE_HSTS_PRELOAD = SECURE_HTTPS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("EGOV_LOG_LEVEL", default="INFO")},
    "loggers": {
        "axes": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        # httpx logs each request's full URL at INFO: a looked-up citizen ID would land in the
        # logs (egov.integration logs every call, masked, in ConnectorCall instead)
        "httpx": {"level": "WARNING"},
    },
}

# The authority this deployment serves (shown in the header and on printed forms), and the
# place name printed before the date of its forms and press releases.
EGOV_AUTHORITY_NAME = env.str("EGOV_AUTHORITY_NAME", default="UBND Thành phố Hà Nội")
EGOV_FORMS_PLACE = env.str("EGOV_FORMS_PLACE", default="Hà Nội")

# The signature block of the press release (thông cáo báo chí): signed by order of the
# Chairman by the Chief of the Office (Decree 30/2020/NĐ-CP art. 13).
EGOV_PRESS_AUTHORITY = env.str("EGOV_PRESS_AUTHORITY", default="TL. Chủ tịch")
EGOV_PRESS_SIGNER_POSITION = env.str("EGOV_PRESS_SIGNER_POSITION", default="Chánh Văn phòng")
EGOV_PRESS_SIGNER_NAME = env.str("EGOV_PRESS_SIGNER_NAME", default="")

# Meetings (Decision 45/2018/QĐ-TTg): working days the invitation and papers must reach
# participants before the meeting, and whether a later sending is warned about or refused.
EGOV_MEETING_LEAD_WORKDAYS = env.int("EGOV_MEETING_LEAD_WORKDAYS", default=3)
EGOV_MEETING_LEAD_RULE = env.str("EGOV_MEETING_LEAD_RULE", default="warn")
# Share of invitees present a vote needs, unless the meeting says otherwise (unconfirmed:
# the session's own regulation sets it; a setting until it is confirmed).
EGOV_MEETING_QUORUM_PERCENT = env.int("EGOV_MEETING_QUORUM_PERCENT", default=50)
# The majority a vote needs, per meeting kind: "<kind>=<base>:<share>", base "present" (of
# the members present) or "all" (of all members), share "simple" (more than half) or
# "two_thirds" (at least two-thirds). Unconfirmed: the People's Committee's collective
# decisions are recalled to need more than half of all its members (Law on Local Government
# Organisation; not in the domain notes), other meetings a simple majority of those present.
EGOV_MEETING_MAJORITY = env.dict(
    "EGOV_MEETING_MAJORITY",
    default={
        "ubnd_session": "all:simple",
        "working": "present:simple",
        "conference": "present:simple",
        "online_conference": "present:simple",
    },
)
for _kind, _rule in EGOV_MEETING_MAJORITY.items():
    if _rule not in ("present:simple", "present:two_thirds", "all:simple", "all:two_thirds"):
        raise environ.ImproperlyConfigured(
            f"EGOV_MEETING_MAJORITY: {_kind}={_rule} is not <present|all>:<simple|two_thirds>."
        )
# The link of a new online meeting's room on the video conference system the city runs,
# "{room}" replaced by a random room name (a meeting may give its own link). Jitsi-compatible;
# the public Jitsi server by default: the city's own address is unconfirmed, set it here.
EGOV_MEETING_VIDEO_URL = env.str("EGOV_MEETING_VIDEO_URL", default="https://meet.jit.si/{room}")
if not EGOV_MEETING_VIDEO_URL.startswith("https://") or "{room}" not in EGOV_MEETING_VIDEO_URL:
    raise environ.ImproperlyConfigured("EGOV_MEETING_VIDEO_URL is an https URL with {room}.")
# Seconds a speaker is given before the timer shows the turn as over (a setting: unconfirmed).
EGOV_MEETING_SPEAKER_SECONDS = env.int("EGOV_MEETING_SPEAKER_SECONDS", default=300)
# Traceability: the GS1 prefix of the identifiers the platform assigns to products without a
# GTIN of their own (a restricted-circulation prefix 20-29 by default; which prefix a
# Vietnamese platform should use is unconfirmed, shared/domain next-modules e.2).
EGOV_TRACE_PLATFORM_PREFIX = env.str("EGOV_TRACE_PLATFORM_PREFIX", default="29")
if not (EGOV_TRACE_PLATFORM_PREFIX.isdigit() and 2 <= len(EGOV_TRACE_PLATFORM_PREFIX) <= 6):
    raise environ.ImproperlyConfigured("EGOV_TRACE_PLATFORM_PREFIX is 2 to 6 digits.")
if EGOV_MEETING_LEAD_RULE not in ("warn", "refuse"):
    raise environ.ImproperlyConfigured("EGOV_MEETING_LEAD_RULE is 'warn' or 'refuse'.")

# Citizen feedback. Working days to answer a question (not fixed by law: a setting) and a
# report (Decision 766 / DVCQG PAKN rule: processed within 15 working days; a category may set
# its own), calendar days after an answer within which the citizen may reopen a report once,
# the largest photo, and the province's box (south,west,north,east) a pinned place must be in.
EGOV_FEEDBACK_QUESTION_DAYS = env.int("EGOV_FEEDBACK_QUESTION_DAYS", default=10)
EGOV_FEEDBACK_REPORT_DAYS = env.int("EGOV_FEEDBACK_REPORT_DAYS", default=15)
EGOV_FEEDBACK_REOPEN_DAYS = env.int("EGOV_FEEDBACK_REOPEN_DAYS", default=7)
EGOV_FEEDBACK_ESCALATION_DAYS = env.int("EGOV_FEEDBACK_ESCALATION_DAYS", default=5)
if EGOV_FEEDBACK_ESCALATION_DAYS < 1:
    raise environ.ImproperlyConfigured("EGOV_FEEDBACK_ESCALATION_DAYS is at least 1.")
# Feedback on regulations (Decree 20/2008/NĐ-CP art. 9: forward within 5 working days; the
# national portal's PAKN limits: refuse within 2, publish within 2 after processing). The
# receiving unit is unconfirmed (Sở Tư pháp per Decree 48/2013, perhaps the People's
# Committee's office since Decree 92/2017): the abbreviation of a unit, or empty for the issuer.
EGOV_FEEDBACK_FORWARD_DAYS = env.int("EGOV_FEEDBACK_FORWARD_DAYS", default=5)
EGOV_FEEDBACK_REFUSE_DAYS = env.int("EGOV_FEEDBACK_REFUSE_DAYS", default=2)
EGOV_FEEDBACK_PUBLISH_DAYS = env.int("EGOV_FEEDBACK_PUBLISH_DAYS", default=2)
# the national portal's limit for a first request that the sender supplement a report
EGOV_FEEDBACK_SUPPLEMENT_DAYS = env.int("EGOV_FEEDBACK_SUPPLEMENT_DAYS", default=5)
if (
    min(
        EGOV_FEEDBACK_FORWARD_DAYS,
        EGOV_FEEDBACK_REFUSE_DAYS,
        EGOV_FEEDBACK_PUBLISH_DAYS,
        EGOV_FEEDBACK_SUPPLEMENT_DAYS,
    )
    < 1
):
    raise environ.ImproperlyConfigured("The feedback time limits are at least 1 working day.")
EGOV_FEEDBACK_REGULATION_RECEIVER = env.str("EGOV_FEEDBACK_REGULATION_RECEIVER", default="")
# Denunciation data for the national database of citizen reception and complaints (Decree
# 156/2026 art 19a, from 1/7/2026). Its field list is unpublished (unconfirmed): the codes of
# egov.complaints.national.FIELDS to send, empty for all; never the denouncer's identity.
EGOV_COMPLAINTS_NATIONAL_FIELDS = env.list("EGOV_COMPLAINTS_NATIONAL_FIELDS", default=[])
EGOV_COMPLAINTS_NATIONAL_FROM = datetime.date.fromisoformat(
    env.str("EGOV_COMPLAINTS_NATIONAL_FROM", default="2026-07-01")
)
EGOV_FEEDBACK_PHOTO_MAX_BYTES = env.int("EGOV_FEEDBACK_PHOTO_MAX_BYTES", default=5 * 1024 * 1024)
# reports sent from products' scan pages (no login) per client address and hour
EGOV_FEEDBACK_SCAN_REPORTS_PER_HOUR = env.int("EGOV_FEEDBACK_SCAN_REPORTS_PER_HOUR", default=5)
EGOV_FEEDBACK_BOUNDS = tuple(
    env.list("EGOV_FEEDBACK_BOUNDS", cast=float, default=[20.53, 105.28, 21.39, 106.02])
)
if len(EGOV_FEEDBACK_BOUNDS) != 4:
    raise environ.ImproperlyConfigured("EGOV_FEEDBACK_BOUNDS is south,west,north,east.")
# The map of reports (Leaflet, served from static): the tile server's URL template ({z}, {x},
# {y}, optionally {s}) and its attribution. Empty: no tiles, the pins on a plain background.
# The tile server's origin is allowed in the CSP's img-src.
EGOV_MAP_TILE_URL = env.str(
    "EGOV_MAP_TILE_URL", default="https://tile.openstreetmap.org/{z}/{x}/{y}.png"
)
EGOV_MAP_TILE_ATTRIBUTION = env.str(
    "EGOV_MAP_TILE_ATTRIBUTION", default="© OpenStreetMap contributors"
)
if EGOV_MAP_TILE_URL:
    _tiles = urlsplit(EGOV_MAP_TILE_URL.replace("{s}", "tiles"))
    if (
        _tiles.scheme not in ("http", "https")
        or not _tiles.netloc
        or not all(part in EGOV_MAP_TILE_URL for part in ("{z}", "{x}", "{y}"))
    ):
        raise environ.ImproperlyConfigured(
            "EGOV_MAP_TILE_URL is an http(s) URL with {z}, {x} and {y}, or empty."
        )
    _host = urlsplit(EGOV_MAP_TILE_URL).netloc.replace("{s}", "*")
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"].append(f"{_tiles.scheme}://{_host}")

# One-stop shop: uploads, SMS and the public status look-up's rate limits.
EGOV_UPLOAD_MAX_BYTES = env.int("EGOV_UPLOAD_MAX_BYTES", default=10 * 1024 * 1024)
EGOV_DOSSIER_MAX_BYTES = env.int("EGOV_DOSSIER_MAX_BYTES", default=50 * 1024 * 1024)
EGOV_DOSSIER_MAX_FILES = env.int("EGOV_DOSSIER_MAX_FILES", default=50)
# Per public account: at most EGOV_DRAFTS_PER_ACCOUNT drafts at a time, whose files together
# hold at most EGOV_DRAFT_BYTES_PER_ACCOUNT.
EGOV_DRAFTS_PER_ACCOUNT = env.int("EGOV_DRAFTS_PER_ACCOUNT", default=10)
EGOV_DRAFT_BYTES_PER_ACCOUNT = env.int("EGOV_DRAFT_BYTES_PER_ACCOUNT", default=100 * 1024 * 1024)
EGOV_SMS_BACKEND = env.str("EGOV_SMS_BACKEND", default="egov.common.sms.LoggingSmsBackend")
EGOV_TRACK_LOOKUPS_PER_WINDOW = env.int("EGOV_TRACK_LOOKUPS_PER_WINDOW", default=30)
# Satisfaction surveys: answers accepted per client address per hour (a flood is refused).
EGOV_SURVEY_ANSWERS_PER_HOUR = env.int("EGOV_SURVEY_ANSWERS_PER_HOUR", default=20)
# Comments and supports on consulted drafts per account and per client address per hour.
EGOV_DISCLOSURE_COMMENTS_PER_HOUR = env.int("EGOV_DISCLOSURE_COMMENTS_PER_HOUR", default=20)
# Codes sent again for one held comment or support, and from one client address, per hour;
# a comment or support whose code never came back expires EGOV_DISCLOSURE_UNCONFIRMED_HOURS
# after its last code (daily `egov disclosure_unconfirmed_expire`).
EGOV_DISCLOSURE_CODE_RESENDS_PER_HOUR = env.int("EGOV_DISCLOSURE_CODE_RESENDS_PER_HOUR", default=3)
EGOV_DISCLOSURE_UNCONFIRMED_HOURS = env.int("EGOV_DISCLOSURE_UNCONFIRMED_HOURS", default=48)
EGOV_TRACK_MISSES_PER_WINDOW = env.int("EGOV_TRACK_MISSES_PER_WINDOW", default=10)
EGOV_TRACK_WINDOW_SECONDS = env.int("EGOV_TRACK_WINDOW_SECONDS", default=600)
# Hours an online submission's idempotency key is remembered: within them the same key answers
# the same dossier, or a conflict for another draft or unit; after them it may be used again.
EGOV_IDEMPOTENCY_KEY_HOURS = env.int("EGOV_IDEMPOTENCY_KEY_HOURS", default=24)
EGOV_WORKFLOW_NEARLY_DUE_DAYS = env.int("EGOV_WORKFLOW_NEARLY_DUE_DAYS", default=1)
# Directives: days before a task's deadline when its units are reminded.
EGOV_TASK_REMINDER_DAYS = env.int("EGOV_TASK_REMINDER_DAYS", default=3)
# Rate limits count in the cache, which every process must share: Django's database cache
# (table egov_cache, made by `egov createcachetable`, which `egov start` and the test database
# run) unless EGOV_CACHE_URL names another shared one (redis://...). A per-process cache
# (locmemcache://) makes `check --deploy` warn (egov.W001).
CACHES = {"default": env.cache_url("EGOV_CACHE_URL", default="dbcache://egov_cache")}
# The database cache culls a third of its rows, in key order, once it holds more than
# MAX_ENTRIES (Django's default 300), and counts its table on every write: a small cap drops
# live rate-limit counters as soon as a few hundred clients look up at once; a large one makes
# each write count more rows. 20,000 keeps each count near 2 ms (measured in docs/security.md);
# past that, Redis (EGOV_CACHE_URL=redis://...) counts without either cost.
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.db.DatabaseCache":
    CACHES["default"].setdefault("OPTIONS", {}).setdefault(
        "MAX_ENTRIES", env.int("EGOV_CACHE_MAX_ENTRIES", default=20_000)
    )

# Document exchange (QCVN 102:2016 edXML): limits of received packages, outbound HTTP and
# retries. EGOV_EXCHANGE_PEER_TOKENS holds the bearer token this platform presents to each
# peer, by agency code ("000.00.00.G22=secret,..."); it is never stored in the database.
EGOV_EXCHANGE_MAX_BYTES = env.int("EGOV_EXCHANGE_MAX_BYTES", default=40 * 1024 * 1024)
EGOV_EXCHANGE_MAX_ATTACHMENTS = env.int("EGOV_EXCHANGE_MAX_ATTACHMENTS", default=20)
EGOV_EXCHANGE_ATTACHMENT_TYPES = env.list(
    "EGOV_EXCHANGE_ATTACHMENT_TYPES",
    default=[
        "application/pdf",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/vnd.oasis.opendocument.text",
        "image/jpeg",
        "image/png",
    ],
)
# DocumentType.Type values accepted (a public validator allows 1 and 2; meaning unconfirmed).
# DocumentType/Type values accepted: the Decree 30/2020 art. 7 numbers 1-29 (18 = công văn);
# a list narrows it (e.g. "1,2", the two values of the public validator).
EGOV_EXCHANGE_DOCUMENT_TYPES = env.list(
    "EGOV_EXCHANGE_DOCUMENT_TYPES", cast=int, default=list(range(1, 30))
)
EGOV_EXCHANGE_PEER_TOKENS = env.dict("EGOV_EXCHANGE_PEER_TOKENS", default={})
EGOV_EXCHANGE_TIMEOUT_SECONDS = env.float("EGOV_EXCHANGE_TIMEOUT_SECONDS", default=30.0)
EGOV_EXCHANGE_MAX_ATTEMPTS = env.int("EGOV_EXCHANGE_MAX_ATTEMPTS", default=8)
EGOV_EXCHANGE_RETRY_SECONDS = env.int("EGOV_EXCHANGE_RETRY_SECONDS", default=60)
EGOV_EXCHANGE_ALLOW_HTTP = env.bool("EGOV_EXCHANGE_ALLOW_HTTP", default=DEBUG)
EGOV_EXCHANGE_CA_BUNDLE = env.str("EGOV_EXCHANGE_CA_BUNDLE", default="")

# Digital signatures (PAdES). The key store holds one key + certificate per issuing unit
# (units/<unit id>.key.pem and units/<unit id>.pem; see egov/documents/signing/keystore.py);
# never commit it. Signatures are trusted when they chain to a root in EGOV_TRUSTED_ROOTS
# (PEM files; by default the demo root `egov pki_demo_init` makes in the key store).
EGOV_SIGNING_KEY_DIR = Path(env.str("EGOV_SIGNING_KEY_DIR", default=str(BASE_DIR / "var" / "pki")))
EGOV_SIGNING_KEY_PASSPHRASE = env.str("EGOV_SIGNING_KEY_PASSPHRASE", default="")
EGOV_TRUSTED_ROOTS = env.list(
    "EGOV_TRUSTED_ROOTS", default=[str(EGOV_SIGNING_KEY_DIR / "root-ca.pem")]
)

# National integrations (egov.integration, issue 22). Each connector: its base URL and its key
# (sent as the X-Road-style client credential), read from the environment only. With
# EGOV_INTEGRATION_SIMULATORS on (the default under EGOV_DEBUG) the local simulators of the
# national systems answer under /sim/<system>/, and a connector without a URL points at them
# (EGOV_SITE_URL + /sim/<system>/): the real counterparts cannot be reached from a trial machine.
EGOV_INTEGRATION_SIMULATORS = env.bool("EGOV_INTEGRATION_SIMULATORS", default=DEBUG)
EGOV_XROAD_CLIENT = env.str("EGOV_XROAD_CLIENT", default="VN/GOV/000.00.00.H26/EGOV")
EGOV_INTEGRATION_TIMEOUT_SECONDS = env.float("EGOV_INTEGRATION_TIMEOUT_SECONDS", default=5.0)
EGOV_INTEGRATION_RETRIES = env.int("EGOV_INTEGRATION_RETRIES", default=3)
EGOV_INTEGRATION_BREAKER_FAILURES = env.int("EGOV_INTEGRATION_BREAKER_FAILURES", default=5)
EGOV_INTEGRATION_BREAKER_RESET_SECONDS = env.int(
    "EGOV_INTEGRATION_BREAKER_RESET_SECONDS", default=60
)
# The data-sharing API's quota of reads a minute per consumer system when its registry row
# gives none (ShareConsumer.reads_per_minute).
EGOV_SHARE_READS_PER_MINUTE = env.int("EGOV_SHARE_READS_PER_MINUTE", default=120)
EGOV_POPULATION_URL = env.str("EGOV_POPULATION_URL", default="")
EGOV_POPULATION_KEY = env.str("EGOV_POPULATION_KEY", default="")
EGOV_BUSINESS_REGISTRY_URL = env.str("EGOV_BUSINESS_REGISTRY_URL", default="")
EGOV_BUSINESS_REGISTRY_KEY = env.str("EGOV_BUSINESS_REGISTRY_KEY", default="")
EGOV_NATIONAL_PORTAL_URL = env.str("EGOV_NATIONAL_PORTAL_URL", default="")
EGOV_NATIONAL_PORTAL_KEY = env.str("EGOV_NATIONAL_PORTAL_KEY", default="")
# The national reporting system (Hệ thống thông tin báo cáo Chính phủ, Decree 09/2019): the
# city's accepted reports are sent there (egov.reporting); no URL and no simulator: not sent.
EGOV_NATIONAL_REPORTING_URL = env.str("EGOV_NATIONAL_REPORTING_URL", default="")
EGOV_NATIONAL_REPORTING_KEY = env.str("EGOV_NATIONAL_REPORTING_KEY", default="")
# A certification authority's remote-signing service, Cloud Signature Consortium API v2 (the
# base URL ending in /csc/v2/) and our client's bearer token: documents signed from the
# signer's phone (egov.documents); no URL and no simulator: the method is not offered.
EGOV_REMOTE_SIGNING_URL = env.str("EGOV_REMOTE_SIGNING_URL", default="")
EGOV_REMOTE_SIGNING_KEY = env.str("EGOV_REMOTE_SIGNING_KEY", default="")
EGOV_PAYMENT_GATEWAY_URL = env.str("EGOV_PAYMENT_GATEWAY_URL", default="")
EGOV_PAYMENT_MERCHANT = env.str("EGOV_PAYMENT_MERCHANT", default="EGOVHN01")
# The secret the gateway and egov sign payment parameters with (HMAC-SHA512); the development
# value only when EGOV_DEBUG is on.
EGOV_PAYMENT_SECRET = env.str("EGOV_PAYMENT_SECRET", default="") or (
    "development-payment-secret-only-with-EGOV_DEBUG" if DEBUG else ""
)
# National identity login (VNeID over OpenID Connect, Decree 69/2024/NĐ-CP): the provider's
# issuer (its discovery document is ISSUER/.well-known/openid-configuration), our client id
# and secret. No issuer: the local simulator with EGOV_INTEGRATION_SIMULATORS, else no button.
EGOV_VNEID_ISSUER = env.str("EGOV_VNEID_ISSUER", default="")
# The level of assurance a fully online (end-to-end) procedure needs at submission: 2 = a
# level-2 national identity login (Decree 69/2024: using it equals showing the ID card);
# 0 turns the check off (an installation without any national identity provider).
EGOV_FULL_ONLINE_ASSURANCE_LEVEL = env.int("EGOV_FULL_ONLINE_ASSURANCE_LEVEL", default=2)
EGOV_VNEID_CLIENT_ID = env.str("EGOV_VNEID_CLIENT_ID", default="egov-hanoi")
EGOV_VNEID_CLIENT_SECRET = env.str("EGOV_VNEID_CLIENT_SECRET", default="") or (
    "development-vneid-secret-only-with-EGOV_DEBUG" if DEBUG else ""
)
