"""OpenID Connect through mozilla-django-oidc: the provider's endpoints come from its discovery
document (``LABSITE_OIDC_ISSUER``), and the ID token's issuer and audience are checked, which
the library leaves to the site. Its views and backend read settings through ``get_settings``;
ours answer from labsite's settings and the discovery document."""

import time

import requests
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import SuspiciousOperation
from django.utils.translation import gettext as _
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import import_from_settings

from labsite.sso import config, services
from labsite.sso.identity import Identity, SignInRefused


class AnswerRefused(SuspiciousOperation):
    """An ID token this site does not accept; the message says why, in words."""


class ProviderUnavailable(Exception):
    """The provider's discovery document could not be read; the message says so in words."""


#: mozilla-django-oidc's setting -> the discovery document's key.
DISCOVERED = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
    "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
}
#: Discovery documents by issuer, with when they were read; read again after an hour.
_documents: dict[str, tuple[float, dict]] = {}
DOCUMENT_MAX_AGE = 3600


def issuer() -> str:
    return settings.LABSITE_OIDC_ISSUER.rstrip("/")


def discovery() -> dict:
    found = _documents.get(issuer())
    if found is not None and time.monotonic() - found[0] < DOCUMENT_MAX_AGE:
        return found[1]
    url = f"{issuer()}/.well-known/openid-configuration"
    try:
        response = requests.get(url, timeout=10)
        response.raise_for_status()
        document = response.json()
        missing = [key for key in DISCOVERED.values() if not document.get(key)]
        if missing:
            raise ValueError(f"it names no {', '.join(missing)}")
    except (requests.RequestException, ValueError) as error:
        raise ProviderUnavailable(
            _("The institution's sign-in service (%(url)s) did not answer as expected: %(error)s. Try again in a few minutes; if it persists, tell the site's administrators.")
            % {"url": url, "error": error}
        ) from error  # fmt: skip
    _documents[issuer()] = (time.monotonic(), document)
    return document


def setting(name, *default):
    """mozilla-django-oidc's settings, from labsite's."""
    if name in DISCOVERED:
        return discovery()[DISCOVERED[name]]
    own = {
        "OIDC_RP_CLIENT_ID": lambda: settings.LABSITE_OIDC_CLIENT_ID,
        "OIDC_RP_CLIENT_SECRET": lambda: settings.LABSITE_OIDC_CLIENT_SECRET,
        "OIDC_RP_SIGN_ALGO": lambda: settings.LABSITE_OIDC_SIGN_ALGORITHM,
        "OIDC_RP_SCOPES": lambda: settings.LABSITE_OIDC_SCOPES,
        "OIDC_USE_PKCE": lambda: True,
        "OIDC_STORE_ID_TOKEN": lambda: True,  # the hint its sign-out page asks for
        "OIDC_TIMEOUT": lambda: 10,
        "LOGIN_REDIRECT_URL_FAILURE": lambda: "/",
    }
    if name in own:
        return own[name]()
    return import_from_settings(name, *default)


def end_session_url(id_token: str, after: str) -> str | None:
    """Where the provider ends its own session, if it says (RP-initiated logout)."""
    from urllib.parse import urlencode

    endpoint = discovery().get("end_session_endpoint")
    if not endpoint:
        return None
    query = {"client_id": settings.LABSITE_OIDC_CLIENT_ID, "post_logout_redirect_uri": after}
    if id_token:
        query["id_token_hint"] = id_token
    return f"{endpoint}?{urlencode(query)}"


def identity_from(claims: dict) -> Identity:
    role_claim = settings.LABSITE_OIDC_ROLE_CLAIM
    roles = claims.get(role_claim) or []
    if isinstance(roles, str):
        roles = roles.split()
    orcid = str(claims.get("orcid") or "").rstrip("/").rsplit("/", 1)[-1]
    return Identity(
        protocol="oidc",
        issuer=str(claims.get("iss") or issuer()),
        subject=str(claims.get("sub") or ""),
        email=str(claims.get("email") or "").strip(),
        # Absent means the provider does not say; Entra ID, for one, sends no such claim.
        email_verified=claims.get("email_verified", True) not in (False, "false"),
        given_name=str(claims.get("given_name") or "").strip(),
        family_name=str(claims.get("family_name") or "").strip(),
        orcid=orcid,
        roles=frozenset(str(role).strip() for role in roles if str(role).strip()),
    )


def _from(name):
    return property(lambda self: setting(name))


class OidcBackend(OIDCAuthenticationBackend):
    """Django instantiates every backend for every sign-in, passwords included: the provider's
    endpoints are read when an OpenID Connect sign-in uses them, not here."""

    get_settings = staticmethod(setting)
    OIDC_OP_TOKEN_ENDPOINT = _from("OIDC_OP_TOKEN_ENDPOINT")
    OIDC_OP_USER_ENDPOINT = _from("OIDC_OP_USER_ENDPOINT")
    OIDC_OP_JWKS_ENDPOINT = _from("OIDC_OP_JWKS_ENDPOINT")
    OIDC_RP_CLIENT_ID = _from("OIDC_RP_CLIENT_ID")
    OIDC_RP_CLIENT_SECRET = _from("OIDC_RP_CLIENT_SECRET")
    OIDC_RP_SIGN_ALGO = _from("OIDC_RP_SIGN_ALGO")
    OIDC_RP_IDP_SIGN_KEY = None  # the keys come from the provider's jwks_uri

    def __init__(self, *args, **kwargs):
        self.UserModel = get_user_model()

    def authenticate(self, request, **kwargs):
        if not config.oidc_enabled() or request is None or "nonce" not in kwargs:
            return None
        return super().authenticate(request, **kwargs)

    def verify_token(self, token, **kwargs):
        claims = super().verify_token(token, **kwargs)
        if kwargs.get("nonce") is None:  # a signed userinfo answer, not the ID token
            return claims
        if str(claims.get("iss", "")).rstrip("/") != issuer():
            raise AnswerRefused(
                _("The sign-in answer came from %(got)s, not from %(expected)s.")
                % {"got": claims.get("iss"), "expected": issuer()}
            )
        audience = claims.get("aud")
        audience = [audience] if isinstance(audience, str) else list(audience or [])
        if settings.LABSITE_OIDC_CLIENT_ID not in audience:
            raise AnswerRefused(
                _("The sign-in answer was meant for another service (%(audience)s), not this site.")
                % {"audience": ", ".join(audience)}
            )  # fmt: skip
        self._id_claims = claims
        return claims

    def get_or_create_user(self, access_token, id_token, payload):
        userinfo = self.get_userinfo(access_token, id_token, payload)
        if userinfo.get("sub") != payload.get("sub"):
            raise AnswerRefused(_("The provider described someone else than it signed in."))
        claims = {**userinfo, "iss": payload.get("iss"), "sub": payload.get("sub")}
        try:
            user = services.sign_in(identity_from(claims))
        except SignInRefused as refusal:
            self.request.sso_refusal = str(refusal)
            return None
        return user if self.user_can_authenticate(user) else None
