"""SAML 2.0 through djangosaml2: this site's service-provider configuration, built from
settings when asked (``SAML_CONFIG_LOADER``), and the authentication backend that turns an
assertion's attributes into an Identity."""

import shutil
import time

from django.conf import settings
from django.urls import reverse
from djangosaml2.backends import Saml2Backend
from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT
from saml2.config import SPConfig
from saml2.saml import NAMEID_FORMAT_PERSISTENT

from labsite.sso import config, services
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
    metadata = settings.LABSITE_SAML_IDP_METADATA
    source = (
        {"remote": [{"url": metadata}]}
        if metadata.startswith(("https://", "http://"))
        else {"local": [metadata]}
    )
    signing = bool(settings.LABSITE_SAML_KEY_FILE and settings.LABSITE_SAML_CERT_FILE)
    description = {
        "entityid": f"{base}{reverse('saml2_metadata')}",
        "xmlsec_binary": shutil.which("xmlsec1"),
        "allow_unknown_attributes": True,
        "metadata": source,
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
            user = services.sign_in(identity_from(session_info))
        except SignInRefused as refusal:
            # Django's authenticate() keeps no reason; the failure page (labsite.sso.views)
            # reads it from the request.
            request.sso_refusal = str(refusal)
            return None
        return user if self.user_can_authenticate(user) else None
