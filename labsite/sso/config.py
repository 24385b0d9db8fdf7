"""Single sign-on as the settings describe it, read when asked (so a test can switch it on).

Every value comes from the environment in production (labsite/settings/production.py); the
names are in docs/single-sign-on.md."""

from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Button:
    protocol: str
    label: str
    url: str


def saml_enabled() -> bool:
    return bool(getattr(settings, "LABSITE_SAML_IDP_METADATA", ""))


def oidc_enabled() -> bool:
    return bool(getattr(settings, "LABSITE_OIDC_ISSUER", "")) and bool(
        getattr(settings, "LABSITE_OIDC_CLIENT_ID", "")
    )


def enabled() -> bool:
    return saml_enabled() or oidc_enabled()


def buttons() -> list[Button]:
    """The sign-in page's buttons, one per protocol switched on."""
    found = []
    if saml_enabled():
        label = settings.LABSITE_SAML_LABEL or _("Sign in with your institution account")
        found.append(Button("saml", label, reverse("saml2_login")))
    if oidc_enabled():
        label = settings.LABSITE_OIDC_LABEL or _("Sign in with your institution account")
        found.append(Button("oidc", label, reverse("oidc_authentication_init")))
    return found


def base_url() -> str:
    """The site's own address, as identity providers know it (their metadata and redirects)."""
    return (getattr(settings, "LABSITE_SSO_BASE_URL", "") or settings.WAGTAILADMIN_BASE_URL).rstrip(
        "/"
    )


def role_map() -> dict[str, str]:
    """Attribute value -> the group it puts the person in. ``LABSITE_SSO_ROLES`` is
    ``value=Group name;value=Group name`` (values may contain ':' and '=': the last '=' splits)."""
    raw = getattr(settings, "LABSITE_SSO_ROLES", "") or ""
    pairs = {}
    for item in raw.split(";"):
        value, sep, group = item.strip().rpartition("=")
        if sep and value.strip() and group.strip():
            pairs[value.strip()] = group.strip()
    return pairs


def email_domains() -> set[str]:
    """``LABSITE_SSO_EMAIL_DOMAINS``: when set, only addresses in these domains sign in. A
    provider open to everyone (Google, a multi-tenant Entra ID app) needs it, or any of its
    accounts would count as the institution."""
    raw = getattr(settings, "LABSITE_SSO_EMAIL_DOMAINS", "") or ""
    items = raw.split(",") if isinstance(raw, str) else raw
    return {item.strip().lower().lstrip("@") for item in items if item.strip()}


def institution_group() -> str:
    """Everyone who signs in through the institution is in this group: pages made private to
    it are the institution's (docs/visibility.md)."""
    return getattr(settings, "LABSITE_SSO_INSTITUTION_GROUP", "") or "The institution"
