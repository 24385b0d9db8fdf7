"""Settings shared by every environment. Environment-specific files import this and override."""

import datetime
import os
from pathlib import Path

from csp.constants import NONE, SELF

from labsite.settings.env import env_list, env_parsed
from labsite.settings.media import media_origin, s3_storage

BASE_DIR = Path(__file__).resolve().parent.parent.parent

# A group's own templates and static files, searched before labsite's (docs/upgrading.md): a
# file there with the same path as one of labsite's replaces it, and survives every upgrade.
OVERRIDES_DIR = Path(os.environ.get("LABSITE_OVERRIDES", BASE_DIR / "var" / "overrides"))

INSTALLED_APPS = [
    "labsite",
    "people",
    "research",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.redirects",
    "wagtail.api.v2",
    "rest_framework",
    # Not "wagtail.contrib.frontend_cache": its app purges each published page's addresses
    # through the task queue, behind any backlog. labsite purges the changed sites' hosts at
    # commit through that package's backends (labsite/pagecache/purge.py).
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
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
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "axes",
    "csp",
    # Two-factor sign-in (labsite.two_factor): authenticator apps and recovery codes.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_otp_webauthn",  # passkeys
    # Single sign-on through SAML (labsite.sso): its templates for logout errors.
    "djangosaml2",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Compressed HTML (Django's version pads against BREACH; stored pages arrive compressed).
    "django.middleware.gzip.GZipMiddleware",
    # ETag and 304 Not Modified: browsers check back on every visit (see labsite/pagecache).
    "django.middleware.http.ConditionalGetMiddleware",
    # Serves stored pages before any middleware below does its work, and stores a page with
    # the headers they add (security policies, language) but no visitor's own (cookies).
    "labsite.pagecache.middleware.PageCacheMiddleware",
    "labsite.security.headers.ContentSecurityPolicyMiddleware",
    "labsite.security.headers.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # The address's language (/de/...) or the site's own; never the browser's (labsite/languages).
    "labsite.languages.URLLanguageMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Whether this session's sign-in was confirmed by a second factor, and no admin page for
    # one that owes it (labsite.two_factor).
    "django_otp.middleware.OTPMiddleware",
    "labsite.two_factor.middleware.SecondFactorMiddleware",
    # Who changes a permission, and from where, for the audit log (labsite/audit).
    "labsite.audit.middleware.RememberRequest",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "labsite.middleware.AdminFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, so it sees a failed sign-in's response and turns it into the "paused" page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "labsite.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [OVERRIDES_DIR / "templates", BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "labsite.wsgi.application"

# WAL lets readers and one writer work at once; NORMAL sync is safe with WAL and makes
# each commit (one per imported publication) cheap. IMMEDIATE avoids "database is locked".
SQLITE_OPTIONS = {
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
    "transaction_mode": "IMMEDIATE",
}
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": BASE_DIR / "db.sqlite3",
        "OPTIONS": SQLITE_OPTIONS,
    }
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Login throttling (django-axes) for every login form: the Wagtail admin's and Django admin's.
# After AXES_FAILURE_LIMIT wrong passwords for one username from one client address, sign-in
# for that pair pauses for AXES_COOLOFF_TIME; other people and other addresses are unaffected.
# The client address is the one the rate limits use, so the trusted-proxy count applies.
# Unlock at once: `manage.py axes_reset_username NAME` (or axes_reset_ip ADDRESS, axes_reset).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Django's password check, refusing staff when their passwords are switched off.
    "labsite.sso.passwords.LocalPasswordBackend",
    # The institution's accounts (labsite.sso): each answers only its own protocol's sign-in.
    "labsite.sso.saml.SamlBackend",
    "labsite.sso.oidc.OidcBackend",
]
# The admin's password reset queues its email from a task: the answer takes as long whether or
# not the address has an account (labsite/password_reset.py).
WAGTAILADMIN_USER_PASSWORD_RESET_FORM = "labsite.password_reset.QueuedPasswordResetForm"
AXES_FAILURE_LIMIT = 5  # wrong passwords and wrong second-factor codes alike
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "labsite.ratelimit.client_ip"
AXES_LOCKOUT_CALLABLE = "labsite.security.logins.locked_out"
AXES_VERBOSE = False

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
# The languages a group may publish in (wagtail-localize translates pages and snippets). The
# first is the site's own: its pages keep their addresses; the others' are under /<code>/.
# LABSITE_LANGUAGES="en-gb,de,fr" adds French; "en-gb" alone turns translations off.
LANGUAGE_NAMES = {
    "en-gb": "English", "en": "English", "de": "Deutsch", "fr": "Français", "es": "Español",
    "it": "Italiano", "nl": "Nederlands", "pt": "Português", "sv": "Svenska", "da": "Dansk",
    "nb": "Norsk bokmål", "fi": "Suomi", "pl": "Polski", "cy": "Cymraeg", "ga": "Gaeilge",
}  # fmt: skip
LANGUAGES = WAGTAIL_CONTENT_LANGUAGES = [
    (code, LANGUAGE_NAMES.get(code, code))
    for code in env_list("LABSITE_LANGUAGES", "en-gb,de", default=["en-gb", "de"])
]
LANGUAGE_CODE = LANGUAGES[0][0]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [
    *([OVERRIDES_DIR / "static"] if (OVERRIDES_DIR / "static").is_dir() else []),
    BASE_DIR / "static",
]
STATIC_ROOT = BASE_DIR / "var" / "static"
STATIC_URL = "/static/"

MEDIA_ROOT = BASE_DIR / "var" / "media"
MEDIA_URL = "/media/"

# Applicants' CVs: outside MEDIA_ROOT and without a URL, so only a permission-checked view
# can hand them out.
PRIVATE_MEDIA_ROOT = BASE_DIR / "var" / "private"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Media on S3-compatible storage when AWS_STORAGE_BUCKET_NAME is set (labsite.settings.media).
S3_MEDIA = s3_storage(os.environ)
if S3_MEDIA:
    STORAGES["default"] = S3_MEDIA

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "labsite",
        # Stored pages are compressed (a few KB each): a thousand is a few MB per process.
        "OPTIONS": {"MAX_ENTRIES": 1000},
    },
    # Wagtail looks renditions up here before the database (its documented "renditions"
    # cache): lists of images then cost no query once warm, where prefetching each list's
    # renditions cost one query per list on every request. Its own store, so stored pages
    # never push the renditions out.
    "renditions": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "labsite-renditions",
        "TIMEOUT": None,
        "OPTIONS": {"MAX_ENTRIES": 20000},
    },
    # List entries rendered once per version of their record ({% record_fragment %},
    # labsite/templatetags/fragment_tags.py). Always this process's memory, Redis or not:
    # a restart (a deployment) starts afresh, and reading it costs no network round trip.
    "template_fragments": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "labsite-fragments",
        # A few KB an entry: a few MB per process at most.
        "OPTIONS": {"MAX_ENTRIES": 2000},
    },
}

# Page types the *Cite a group publication* block offers (labsite.blocks.CitationBlock): the
# core names no domain app, the settings compose them.
LABSITE_CITABLE_PAGE_TYPES = ["research.PublicationPage"]

# The page cache (labsite/pagecache/): anonymous visitors get a stored copy of a public page
# for at most this long; any change to content drops every copy at once.
PAGE_CACHE_SECONDS = 600
PAGE_CACHE_STORE = True
# With the local-memory cache, the processes of one machine learn of a change from this file.
PAGE_CACHE_STAMP_FILE = BASE_DIR / "var" / "pagecache-generation"


def _parse_purge_url(raw: str) -> str:
    if not raw.startswith(("http://", "https://")):
        raise ValueError("it must be the proxy's address, starting with http:// or https://")
    return raw.rstrip("/")


# A reverse proxy in front (Varnish, docs/deployment.md) is purged on every change when its
# address is given; without it nothing is purged and no proxy may keep a page.
FRONTEND_CACHE_URL = env_parsed(
    "FRONTEND_CACHE_URL", "http://127.0.0.1:6081", _parse_purge_url, required=False
)
if FRONTEND_CACHE_URL:
    WAGTAILFRONTENDCACHE = {
        "proxy": {
            # Wagtail's HTTPBackend with a timeout, failures retried (labsite/pagecache/purge.py).
            "BACKEND": "labsite.pagecache.purge.ProxyBackend",
            "LOCATION": FRONTEND_CACHE_URL,
            "TIMEOUT": 1.0,
        }
    }

# In the embedded default a task runs in the request that enqueues it; production
# switches to the database backend and a `manage.py db_worker` process.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# Outside sources (citation counts, DataCite, Software Heritage): OpenAlex requires a free API
# key since February 2026; the contact address puts our requests in Crossref's and OpenAlex's
# polite pools. A pause between requests keeps the weekly refresh gentle.
OPENALEX_API_KEY = os.environ.get("OPENALEX_API_KEY", "").strip()
OUTSIDE_SOURCES_EMAIL = os.environ.get("OUTSIDE_SOURCES_EMAIL", "").strip()
CITATION_REQUEST_PAUSE = 0.2

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = "labsite <noreply@localhost>"
# Failed sends retry after 1, 2, 4 ... times this many seconds, up to EMAIL_MAX_ATTEMPTS tries.
EMAIL_RETRY_BASE_SECONDS = 60
EMAIL_MAX_ATTEMPTS = 10
EMAIL_TIMEOUT = 20
# A sender holds an email this long (longer than any SMTP conversation); one that died after
# handing it to the mail server leaves it "maybe sent", never sent twice (labsite/mail/delivery.py).
EMAIL_CLAIM_SECONDS = 300

# Email subscriptions: confirmation links expire after this many days; one address is sent at
# most this many links a day; digests queue this many recipients per transaction and keep a
# sent copy this many days.
SUBSCRIPTION_CONFIRM_DAYS = 3
SUBSCRIPTION_CONFIRMATIONS_PER_DAY = 3
DIGEST_BATCH_SIZE = 500
DIGEST_KEEP_DAYS = 30

# The applicant contact form (people.applications.views): limits against abuse.
APPLICATION_MAX_CV_BYTES = 10 * 1024 * 1024
APPLICATION_MIN_FILL_SECONDS = 5
APPLICATION_RATE_LIMIT = (12, 3600)  # submissions per client address per window of seconds
# How many reverse proxies in front of the site append to X-Forwarded-For (0: use REMOTE_ADDR).
LABSITE_TRUSTED_PROXY_COUNT = 0
# Networks that member-supplied addresses may reach although they are not public (CIDR
# ranges, e.g. a publisher mirror on the university network); none by default.
LABSITE_OUTBOUND_ALLOWED_NETWORKS = []

WAGTAIL_SITE_NAME = "labsite"
WAGTAIL_ADMIN_PATH_PREFIX = "/admin/"
WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8000"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILIMAGES_IMAGE_MODEL = "wagtailimages.Image"
WAGTAILDOCS_EXTENSIONS = ["csv", "pdf", "txt", "zip", "pptx", "odp", "key", "bib", "ris"]
WAGTAIL_I18N_ENABLED = len(LANGUAGES) > 1
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAIL_ENABLE_UPDATE_CHECK = False

X_FRAME_OPTIONS = "DENY"

# Where the videos that editors embed come from (wagtail.embeds); frames from anywhere else
# are refused by the Content-Security-Policy.
LABSITE_EMBED_FRAME_SOURCES = [
    "https://www.youtube-nocookie.com",
    "https://www.youtube.com",
    "https://player.vimeo.com",
]
# Public pages: nothing inline but what a template allows by hash (labsite.security.headers),
# KaTeX and fonts from the site's own static files.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *filter(None, [media_origin(S3_MEDIA)])],
        "font-src": [SELF],
        "connect-src": [SELF],
        "media-src": [SELF],
        "frame-src": LABSITE_EMBED_FRAME_SOURCES,
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# The Wagtail admin still writes inline scripts and styles of its own, and shows embed
# thumbnails from their providers; it frames its own previews.
LABSITE_ADMIN_PATH_PREFIXES = ["/admin/", "/django-admin/"]
LABSITE_ADMIN_CONTENT_SECURITY_POLICY = {
    "default-src": [SELF],
    # Wagtail 8's page editor still writes inline <script> blocks (measured: 4 on a page's edit
    # view), so the admin allows inline script; it is reachable only after signing in.
    "script-src": [SELF, "'unsafe-inline'"],
    "style-src": [SELF, "'unsafe-inline'"],
    "img-src": [SELF, "data:", "blob:", "https:"],
    "font-src": [SELF, "data:"],
    "connect-src": [SELF],
    "media-src": [SELF, "blob:"],
    "frame-src": [SELF, *LABSITE_EMBED_FRAME_SOURCES],
    "object-src": [NONE],
    "base-uri": [SELF],
    "form-action": [SELF],
    "frame-ancestors": [SELF],
}
# Browser features no page uses, switched off for every page and anything it embeds.
LABSITE_PERMISSIONS_POLICY = {
    "accelerometer": [],
    "camera": [],
    "geolocation": [],
    "gyroscope": [],
    "magnetometer": [],
    "microphone": [],
    "payment": [],
    "usb": [],
}
# Avatars in the admin come from the site, not a third party.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"quiet_autosave": {"()": "labsite.logs.QuietAutosaveRefusals"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    # Only the filter: its lines still go to the root's handler.
    "loggers": {"django.request": {"filters": ["quiet_autosave"]}},
}


# The open read API (/api/v2/, docs/api.md): JSON only, read-only, throttled per client address
# (signed-in users per account). Rates are per minute; a client over them gets 429 with
# Retry-After.
REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_THROTTLE_CLASSES": [
        # The client's address as every other limit computes it (labsite/api/throttling.py).
        "labsite.api.throttling.ClientAnonRateThrottle",
        "labsite.api.throttling.ClientUserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {"anon": "120/minute", "user": "600/minute"},
}
WAGTAILAPI_LIMIT_MAX = 100

# Two-factor sign-in (labsite.two_factor): anyone may set it up; True makes it compulsory for
# everyone who signs in to the admin (production: LABSITE_TWO_FACTOR_REQUIRED=1).
LABSITE_TWO_FACTOR_REQUIRED = False
# The name authenticator apps show beside the code.
OTP_TOTP_ISSUER = "labsite"
# Passkeys (django-otp-webauthn) as a second factor only: a password (or the institution)
# first. They belong to the admin's host name (WAGTAILADMIN_BASE_URL; browsers refuse an IP
# address, so on this machine open the admin at http://localhost:8000), and answer only pages
# from these origins (production: CSRF_TRUSTED_ORIGINS).
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False
OTP_WEBAUTHN_RP_ID_CALLABLE = "labsite.two_factor.passkeys.relying_party_id"
OTP_WEBAUTHN_RP_NAME_CALLABLE = "labsite.two_factor.passkeys.relying_party_name"
OTP_WEBAUTHN_ALLOWED_ORIGINS = ["http://localhost:8000"]

# Single sign-on (labsite.sso, docs/single-sign-on.md): off until an identity provider is
# named. Production reads every LABSITE_SAML_*, LABSITE_OIDC_* and LABSITE_SSO_* from the
# environment (labsite/settings/production.py).
LABSITE_SAML_IDP_METADATA = (
    ""  # the IdP's (or federation's) metadata: a file or an https:// address
)
LABSITE_SAML_KEY_FILE = ""  # this site's SAML key and certificate (signed requests, encryption)
LABSITE_SAML_CERT_FILE = ""
LABSITE_SAML_LABEL = ""  # the button's words; empty: "Sign in with your institution account"
LABSITE_SAML_ROLE_ATTRIBUTE = "eduPersonAffiliation"
# A federation's aggregate (InCommon, eduGAIN, a national federation): its signing certificate,
# the IdPs whose sign-ins count here (entity IDs; empty: every IdP in the metadata), and a
# discovery service to choose among many (e.g. https://service.seamlessaccess.org/ds/).
LABSITE_SAML_METADATA_CERT = ""
LABSITE_SAML_IDPS = ""
LABSITE_SAML_DISCOVERY_URL = ""
LABSITE_OIDC_ISSUER = ""  # e.g. https://login.microsoftonline.com/<tenant>/v2.0
LABSITE_OIDC_CLIENT_ID = ""
LABSITE_OIDC_CLIENT_SECRET = ""
LABSITE_OIDC_LABEL = ""
LABSITE_OIDC_SCOPES = "openid email profile"
LABSITE_OIDC_SIGN_ALGORITHM = "RS256"
LABSITE_OIDC_ROLE_CLAIM = "groups"
LABSITE_SSO_BASE_URL = ""  # empty: WAGTAILADMIN_BASE_URL
LABSITE_SSO_ROLES = ""  # "value=Group name;value=Group name": attribute values -> groups
LABSITE_SSO_INSTITUTION_GROUP = "The institution"  # everyone signed in through the institution
LABSITE_SSO_CREATE_ACCOUNTS = True  # False: only people with an account already may sign in
LABSITE_SSO_EMAIL_DOMAINS = ""  # "uni.example,med.uni.example": only these addresses sign in
LABSITE_SSO_COUNTS_AS_TWO_FACTOR = True  # the institution's provider does its own second factor
LABSITE_STAFF_LOCAL_PASSWORDS = True  # False: staff sign in through the institution only
LABSITE_LOCAL_PASSWORD_ACCOUNTS: list[str] = []  # emergency accounts that keep their password
# djangosaml2, configured from the settings above when a sign-in asks (labsite/sso/saml.py).
SAML_CONFIG_LOADER = "labsite.sso.saml.sp_config"
SAML_ACS_FAILURE_RESPONSE_FUNCTION = "labsite.sso.views.saml_failure"
SAML_DEFAULT_BINDING = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"
SAML_LOGOUT_REQUEST_PREFERRED_BINDING = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"
SAML_IGNORE_LOGOUT_ERRORS = True  # signing out here never waits for the provider's answer
SAML_CSP_HANDLER = ""  # redirects only: no page of ours posts a form to the provider
# The provider posts its answer from its own site: over HTTPS the SAML cookie must travel
# cross-site (production sets "None"); over plain HTTP browsers refuse "None" without Secure.
SAML_SESSION_COOKIE_SAMESITE = "Lax"
ACS_DEFAULT_REDIRECT_URL = "/admin/"
LOGOUT_REDIRECT_URL = "/admin/login/"
# The sign-in page of private pages, with the institution's button (labsite.sso).
WAGTAIL_FRONTEND_LOGIN_TEMPLATE = "labsite/sso/frontend_login.html"
WAGTAILADMIN_USER_LOGIN_FORM = "labsite.sso.passwords.AdminLoginForm"
