"""Production: everything that differs between deployments comes from the environment.

A missing or malformed variable stops start-up with one line naming it (see env.py).
docs/deployment.md lists every variable.
"""

import dj_database_url

from .base import *  # noqa: F403
from .env import _fail, env_bool, env_int, env_list, env_parsed, env_str

DEBUG = False

SECRET_KEY = env_str("SECRET_KEY", "a-long-random-string-of-50-characters-or-more")
if len(SECRET_KEY) < 50:
    _fail(
        "SECRET_KEY",
        "is shorter than 50 characters",
        "$(python -c 'import secrets; print(secrets.token_urlsafe(50))')",
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "lab.example.org,www.lab.example.org")
CSRF_TRUSTED_ORIGINS = env_list(
    "CSRF_TRUSTED_ORIGINS",
    "https://lab.example.org",
    default=[f"https://{h}" for h in ALLOWED_HOSTS],
)


def _parse_database_url(raw: str) -> dict:
    config = dj_database_url.parse(raw, conn_max_age=600, conn_health_checks=True)
    if not config.get("ENGINE"):
        raise ValueError("unknown database scheme")
    if config["ENGINE"].endswith("sqlite3"):
        # A small server on SQLite runs gunicorn's workers and the task worker side by side:
        # without WAL readers wait for each write, and without IMMEDIATE a transaction that
        # reads before it writes fails at once with "database is locked" while another
        # writes, whatever the busy timeout (the embedded default has the same options).
        config["OPTIONS"] = {**SQLITE_OPTIONS, **config.get("OPTIONS", {})}  # noqa: F405
    return config


DATABASES = {
    "default": env_parsed(
        "DATABASE_URL", "postgres://labsite:password@127.0.0.1:5432/labsite", _parse_database_url
    )
}
if "postgresql" in DATABASES["default"]["ENGINE"]:  # noqa: F405
    # Wagtail's search index on PostgreSQL uses its full-text fields, which Django 6.1's checks
    # want registered (postgres.E005).
    INSTALLED_APPS = [*INSTALLED_APPS, "django.contrib.postgres"]  # noqa: F405


def _parse_redis_url(raw: str) -> str:
    if not raw.startswith(("redis://", "rediss://", "unix://")):
        raise ValueError("it must start with redis://, rediss:// or unix://")
    return raw


REDIS_URL = env_parsed("REDIS_URL", "redis://127.0.0.1:6379/0", _parse_redis_url, required=False)
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "labsite", default="labsite"),
        },
        "renditions": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "labsite", default="labsite") + "-renditions",
            # Renditions never change once made (a new focal point makes a new one).
            "TIMEOUT": 30 * 24 * 3600,
        },
        "template_fragments": CACHES["template_fragments"],  # noqa: F405 - process memory
    }

TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}

MEDIA_ROOT = env_str("MEDIA_ROOT", "/srv/labsite/media", default=str(MEDIA_ROOT))  # noqa: F405
STATIC_ROOT = env_str("STATIC_ROOT", "/srv/labsite/static", default=str(STATIC_ROOT))  # noqa: F405
PRIVATE_MEDIA_ROOT = env_str(
    "PRIVATE_MEDIA_ROOT",
    "/srv/labsite/private",
    default=str(PRIVATE_MEDIA_ROOT),  # noqa: F405
)
STORAGES = {
    **STORAGES,  # noqa: F405
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

WAGTAILADMIN_BASE_URL = env_str(
    "WAGTAILADMIN_BASE_URL", "https://lab.example.org", default=CSRF_TRUSTED_ORIGINS[0]
)

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = env_str("EMAIL_HOST", "smtp.example.org", default="localhost")
EMAIL_PORT = env_int("EMAIL_PORT", "587", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "labsite", default="")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "secret", default="")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", "10", 10)
DEFAULT_FROM_EMAIL = env_str(
    "DEFAULT_FROM_EMAIL", "Lab website <web@lab.example.org>", default="webmaster@localhost"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_RETRY_BASE_SECONDS = env_int("EMAIL_RETRY_BASE_SECONDS", "60", 60)
EMAIL_MAX_ATTEMPTS = env_int("EMAIL_MAX_ATTEMPTS", "10", 10)

LABSITE_TRUSTED_PROXY_COUNT = env_int("LABSITE_TRUSTED_PROXY_COUNT", "1", 0)
APPLICATION_RATE_LIMIT = (env_int("APPLICATION_RATE_LIMIT_PER_HOUR", "12", 12), 3600)
APPLICATION_MIN_FILL_SECONDS = env_int("APPLICATION_MIN_FILL_SECONDS", "5", 5)

# HTTPS everywhere; a proxy in front (nginx, Caddy) sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", "31536000", 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
if SECURE_SSL_REDIRECT:
    # Any http:// link left in old content loads over https instead of being blocked as mixed.
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["upgrade-insecure-requests"] = True  # noqa: F405

# LOG_FORMAT=json: one JSON object per line (labsite.logs), for a log collector; text otherwise.
LOG_FORMAT = env_str("LOG_FORMAT", "json", default="text")
if LOG_FORMAT not in ("json", "text"):
    _fail("LOG_FORMAT", f"is '{LOG_FORMAT}', not 'json' or 'text'", "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "labsite.logs.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
    },
    "filters": {"quiet_autosave": {"()": "labsite.logs.QuietAutosaveRefusals"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO", default="INFO")},
    "loggers": {"django.request": {"filters": ["quiet_autosave"]}},
}

LABSITE_TWO_FACTOR_REQUIRED = env_bool("LABSITE_TWO_FACTOR_REQUIRED", False)
# Passkeys answer pages of the site's own HTTPS addresses (the admin's among them).
OTP_WEBAUTHN_ALLOWED_ORIGINS = CSRF_TRUSTED_ORIGINS

# Single sign-on (docs/single-sign-on.md): each setting of labsite/settings/base.py's block
# from the variable of the same name; both protocols stay off while their provider is unset.
for _name in (
    "LABSITE_SAML_IDP_METADATA", "LABSITE_SAML_KEY_FILE", "LABSITE_SAML_CERT_FILE",
    "LABSITE_SAML_LABEL", "LABSITE_SAML_ROLE_ATTRIBUTE", "LABSITE_SAML_METADATA_CERT",
    "LABSITE_SAML_IDPS", "LABSITE_SAML_DISCOVERY_URL", "LABSITE_OIDC_ISSUER",
    "LABSITE_OIDC_CLIENT_ID", "LABSITE_OIDC_CLIENT_SECRET", "LABSITE_OIDC_LABEL",
    "LABSITE_OIDC_SCOPES", "LABSITE_OIDC_SIGN_ALGORITHM", "LABSITE_OIDC_ROLE_CLAIM",
    "LABSITE_SSO_BASE_URL", "LABSITE_SSO_ROLES", "LABSITE_SSO_INSTITUTION_GROUP",
    "LABSITE_SSO_EMAIL_DOMAINS",
):  # fmt: skip
    globals()[_name] = env_str(_name, "", default=globals()[_name])
LABSITE_SSO_CREATE_ACCOUNTS = env_bool("LABSITE_SSO_CREATE_ACCOUNTS", True)
LABSITE_SSO_COUNTS_AS_TWO_FACTOR = env_bool("LABSITE_SSO_COUNTS_AS_TWO_FACTOR", True)
LABSITE_STAFF_LOCAL_PASSWORDS = env_bool("LABSITE_STAFF_LOCAL_PASSWORDS", True)
LABSITE_LOCAL_PASSWORD_ACCOUNTS = env_list("LABSITE_LOCAL_PASSWORD_ACCOUNTS", "admin", default=[])
if LABSITE_OIDC_ISSUER and not (LABSITE_OIDC_CLIENT_ID and LABSITE_OIDC_CLIENT_SECRET):  # noqa: F405
    _fail(
        "LABSITE_OIDC_CLIENT_ID",
        "and LABSITE_OIDC_CLIENT_SECRET must be set with LABSITE_OIDC_ISSUER",
        "labsite",
    )
if LABSITE_SAML_IDP_METADATA and bool(LABSITE_SAML_KEY_FILE) != bool(LABSITE_SAML_CERT_FILE):  # noqa: F405
    _fail(
        "LABSITE_SAML_CERT_FILE", "and LABSITE_SAML_KEY_FILE go together", "/etc/labsite/saml.crt"
    )
# The provider posts its SAML answer from its own site, over HTTPS.
SAML_SESSION_COOKIE_SAMESITE = "None"
