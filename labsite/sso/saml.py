"""SAML 2.0 through djangosaml2: this site's service-provider configuration, built from
settings when asked (``SAML_CONFIG_LOADER``), and the authentication backend that turns an
assertion's attributes into an Identity."""

import shutil
import time
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _
from djangosaml2.backends import Saml2Backend
from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT
from saml2.config import SPConfig
from saml2.saml import NAMEID_FORMAT_PERSISTENT

from labsite.sso import config, metadata, services
from labsite.sso.identity import Identity, SignInRefused

#: Attributes (their friendly names in pysaml2's maps) read for each part of an identity, the
#: first present winning: eduPerson and the common LDAP names cover Shibboleth, SimpleSAMLphp,
#: ADFS/Entra ID (through their URI names) and Keycloak.
EMAIL = ("mail", "email", "emailAddress")
GIVEN = ("givenName",)
FAMILY = ("sn", "surname")
ORCID = ("eduPersonOrcid",)

#: A built configuration per settings, for an hour: remote metadata is fetched again then.
_built: dict[tuple, tuple[float, SPConfig]] = {}
METADATA_MAX_AGE = 3600


def sp_config(request=None) -> SPConfig:
    """djangosaml2's ``SAML_CONFIG_LOADER``."""
    key = (
        settings.LABSITE_SAML_IDP_METADATA,
        getattr(settings, "LABSITE_SAML_METADATA_CERT", ""),
        settings.LABSITE_SAML_KEY_FILE,
        settings.LABSITE_SAML_CERT_FILE,
        config.base_url(),
    )
    built = _built.get(key)
    if built is None or time.monotonic() - built[0] > METADATA_MAX_AGE:
        conf = SPConfig()
        conf.load(_description())
        built = _built[key] = (time.monotonic(), conf)
    return built[1]


def _description() -> dict:
    base = config.base_url()
    signing = bool(settings.LABSITE_SAML_KEY_FILE and settings.LABSITE_SAML_CERT_FILE)
    description = {
        "entityid": f"{base}{reverse('saml2_metadata')}",
        "xmlsec_binary": shutil.which("xmlsec1"),
        "allow_unknown_attributes": True,
        # Read (and its signature checked) by labsite.sso.metadata, not by pysaml2.
        "metadata": {"inline": [metadata.current()]},
        "service": {
            "sp": {
                "name": settings.WAGTAIL_SITE_NAME,
                "endpoints": {
                    "assertion_consumer_service": [
                        (f"{base}{reverse('saml2_acs')}", BINDING_HTTP_POST)
                    ],
                    "single_logout_service": [
                        (f"{base}{reverse('saml2_ls')}", BINDING_HTTP_REDIRECT),
                        (f"{base}{reverse('saml2_ls_post')}", BINDING_HTTP_POST),
                    ],
                },
                "name_id_format": [NAMEID_FORMAT_PERSISTENT],
                # Refuse what the provider did not sign, or sent without being asked.
                "want_response_signed": False,
                "want_assertions_signed": True,
                "allow_unsolicited": False,
                "authn_requests_signed": signing,
                "logout_requests_signed": signing,
            }
        },
    }
    if signing:
        description["key_file"] = settings.LABSITE_SAML_KEY_FILE
        description["cert_file"] = settings.LABSITE_SAML_CERT_FILE
        description["encryption_keypairs"] = [
            {
                "key_file": settings.LABSITE_SAML_KEY_FILE,
                "cert_file": settings.LABSITE_SAML_CERT_FILE,
            }
        ]
    return description


def accepted_providers() -> set[str]:
    """``LABSITE_SAML_IDPS``: the entity IDs of the identity providers whose sign-ins count
    here. Empty: every IdP in the metadata, right for one university's own IdP, wrong for a
    federation's aggregate (every member institution's people would sign in)."""
    raw = getattr(settings, "LABSITE_SAML_IDPS", "") or ""
    items = raw.replace(",", " ").split() if isinstance(raw, str) else raw
    return {item.strip() for item in items if item.strip()}


def accepts(entity_id: str) -> bool:
    allowed = accepted_providers()
    return not allowed or entity_id in allowed


def _display_name(store, entity_id: str, language: str) -> str:
    """The name a person knows their institution by: the metadata's display name (mdui) in
    the page's language, else in English, else any; the organisation's name; the address."""
    for lang in (language, "en", None):
        for name in store.mdui_uiinfo_display_name(entity_id, lang):
            if name and name.strip():
                return name.strip()
    for lang in (language, "en"):
        name = store.name(entity_id, lang)
        if name and name.strip():
            return name.strip()
    return urlsplit(entity_id).hostname or entity_id


def offers(entity_id: str) -> bool:
    """Whether ``entity_id`` is an IdP of the metadata this site accepts (no names looked up:
    a federation's aggregate has thousands)."""
    return accepts(entity_id) and entity_id in sp_config().metadata.with_descriptor("idpsso")


def identity_providers(language: str = "en", accepted=True) -> list[tuple[str, str]]:
    """(entity ID, name) of every IdP in the metadata (this site accepts), by name."""
    store = sp_config().metadata
    found = [
        (entity_id, _display_name(store, entity_id, language))
        for entity_id in store.with_descriptor("idpsso")
        if accepts(entity_id) or not accepted
    ]
    return sorted(found, key=lambda item: (item[1].casefold(), item[0]))


def _first(attributes: dict, names: tuple[str, ...]) -> str:
    for name in names:
        values = attributes.get(name) or []
        if values and str(values[0]).strip():
            return str(values[0]).strip()
    return ""


def identity_from(session_info: dict) -> Identity:
    attributes = session_info.get("ava") or {}
    name_id = session_info.get("name_id")
    orcid = _first(attributes, ORCID).rstrip("/").rsplit("/", 1)[-1]
    role_attribute = settings.LABSITE_SAML_ROLE_ATTRIBUTE
    roles = frozenset(str(v).strip() for v in attributes.get(role_attribute, []) if str(v).strip())
    return Identity(
        protocol="saml",
        issuer=str(session_info.get("issuer") or ""),
        subject=str(getattr(name_id, "text", "") or ""),
        email=_first(attributes, EMAIL),
        given_name=_first(attributes, GIVEN),
        family_name=_first(attributes, FAMILY),
        orcid=orcid,
        roles=roles,
    )


class SamlBackend(Saml2Backend):
    """The account an assertion signs in (djangosaml2's ACS view calls ``authenticate``)."""

    def authenticate(
        self, request, session_info=None, attribute_mapping=None, create_unknown_user=True,
        assertion_info=None, **kwargs,
    ):  # fmt: skip
        if session_info is None or "ava" not in session_info:
            return None
        try:
            identity = identity_from(session_info)
            if not accepts(identity.issuer):
                # A federation's metadata vouches for every member's IdP; this site takes
                # sign-ins from the ones the deployer named only.
                raise SignInRefused(
                    _(
                        "This site does not accept sign-ins from that identity provider. "
                        "Sign in through your own institution's, or ask the site's "
                        "administrators to add it."
                    )
                )
            user = services.sign_in(identity)
        except SignInRefused as refusal:
            # Django's authenticate() keeps no reason; the failure page (labsite.sso.views)
            # reads it from the request.
            request.sso_refusal = str(refusal)
            return None
        return user if self.user_can_authenticate(user) else None
