"""Visitor statistics, chosen in the group settings and loaded with the visitor's consent where
the law asks for it.

Editors pick a service and type its site ID: no script, no HTML. What each service needs is
known here:

- Plausible, Umami and Matomo (run without cookies) keep nothing on the visitor's device, so
  they load unless the browser asks not to be tracked (Global Privacy Control or Do Not Track).
- Google Analytics sets cookies: it loads only after the visitor accepts in the consent
  banner, and never when the browser asks not to be tracked. The choice is kept in the
  browser's local storage (not a cookie), and "Privacy choices" in the footer changes it.

The page carries one script of the site's own (``static/js/analytics.js``) with the service's
settings in data attributes; it adds the service's script itself. The content security policy
of the page admits exactly the service's origin (``allowed_origins``).
"""

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

NONE, PLAUSIBLE, UMAMI, MATOMO, GOOGLE = "", "plausible", "umami", "matomo", "google"
PROVIDERS = [
    (NONE, _("No visitor statistics")),
    (PLAUSIBLE, _("Plausible (no cookies)")),
    (UMAMI, _("Umami (no cookies)")),
    (MATOMO, _("Matomo, without cookies (your own Matomo server)")),
    (GOOGLE, _("Google Analytics 4 (uses cookies: visitors are asked first)")),
]
NEEDS_CONSENT = {GOOGLE}
HOSTED = {PLAUSIBLE: "https://plausible.io"}
GOOGLE_ORIGINS = [
    "https://www.googletagmanager.com",
    "https://*.google-analytics.com",
    "https://*.analytics.google.com",
]

_ID_RULES = {
    PLAUSIBLE: (
        re.compile(r"^[a-z0-9.-]+\.[a-z]{2,}$"),
        _("For Plausible, type your site's domain as Plausible knows it, like lab.example.org."),
    ),
    UMAMI: (
        re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"),
        _("For Umami, copy the website ID from Umami's settings, like 94db1cb1-74f4-4a40-ad6c-962362670409."),
    ),
    MATOMO: (re.compile(r"^[0-9]{1,6}$"), _("For Matomo, type the site's number, like 3.")),
    GOOGLE: (
        re.compile(r"^G-[A-Z0-9]{4,12}$"),
        _("For Google Analytics, copy the measurement ID, like G-AB12CD34EF."),
    ),
}  # fmt: skip


@dataclass(frozen=True)
class Analytics:
    provider: str
    site_id: str
    server: str  # origin and path the service's files come from, without a trailing slash

    @property
    def needs_consent(self) -> bool:
        return self.provider in NEEDS_CONSENT

    def allowed_origins(self) -> list[str]:
        if self.provider == GOOGLE:
            return GOOGLE_ORIGINS
        parts = urlsplit(self.server)
        return [f"{parts.scheme}://{parts.netloc}"]


def validate(provider: str, site_id: str, server: str) -> None:
    """Raise ValidationError (by field) for settings that could not work."""
    if provider == NONE:
        return
    errors = {}
    pattern, message = _ID_RULES[provider]
    if not pattern.match(site_id.strip()):
        errors["analytics_id"] = message
    if provider in (UMAMI, MATOMO) and not server:
        errors["analytics_server"] = _(
            "Give the address of your own server, like https://stats.example.org."
        )
    if server and not server.startswith("https://"):
        errors["analytics_server"] = _("Use the server's https:// address.")
    if errors:
        raise ValidationError(errors)


def configured(settings) -> Analytics | None:
    """The group's statistics settings, or None when it collects none (or they are incomplete)."""
    provider = getattr(settings, "analytics_provider", NONE)
    if provider == NONE:
        return None
    site_id = (settings.analytics_id or "").strip()
    server = (settings.analytics_server or HOSTED.get(provider, "")).rstrip("/")
    try:
        validate(provider, site_id, server)
    except ValidationError:
        return None
    return Analytics(provider, site_id, server)
