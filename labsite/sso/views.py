"""/sso/…: the SAML and OpenID Connect endpoints (the libraries' views, switched off while
their protocol is not configured), the page a refused sign-in shows, and signing out of the
institution's session too."""

import functools
import logging
from urllib.parse import urlencode

import jwt
import requests
from django.conf import settings
from django.contrib import auth
from django.core.exceptions import SuspiciousOperation
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.decorators import decorator_from_middleware
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from djangosaml2 import views as saml_views
from djangosaml2.middleware import SamlSessionMiddleware
from mozilla_django_oidc import views as oidc_views
from saml2.response import SignatureError, StatusError, UnsolicitedResponse
from saml2.sigver import SigverError
from saml2.validate import ResponseLifetimeExceed, ToEarly
from wagtail.admin.views.account import LogoutView as WagtailLogoutView

from labsite.audit.models import Kind
from labsite.audit.services import record
from labsite.sso import config, oidc
from labsite.sso.signals import SESSION_KEY

logger = logging.getLogger(__name__)


def refused(request, reason: str, status: int = 403, protocol: str = ""):
    """The page of a sign-in the site did not accept: why, and what to do next."""
    record(Kind.SIGN_IN_FAILED, subject=f"sign-in through {protocol or 'the institution'}",
           detail=reason, request=request)  # fmt: skip
    context = {
        "reason": reason,
        "buttons": config.buttons(),
        "admin_login": reverse("wagtailadmin_login"),
    }
    return render(request, "labsite/sso/refused.html", context, status=status)


UNREADABLE_METADATA = gettext_lazy(
    "The description of the institution's sign-in service (its metadata) could not be read, so signing in through it is not possible just now. Try again in a few minutes; if it persists, tell the site's administrators."
)
DECLINED = gettext_lazy(
    "The institution's sign-in service did not sign you in (you may have declined, or it refused). Start again with the button below; if it keeps refusing, ask the institution's IT department."
)


def _saml_reason(exception) -> str:
    if isinstance(exception, (ResponseLifetimeExceed, ToEarly)):
        return _(
            "The answer from the institution's sign-in service has expired (or is dated in the future). Check that this computer's clock is right, then sign in again."
        )
    if isinstance(exception, (SignatureError, SigverError)):
        return _(
            "The answer from the institution's sign-in service is not signed with a key this site trusts, so it was not accepted. If this keeps happening, the site's administrators need the service's current metadata."
        )
    if isinstance(exception, UnsolicitedResponse):
        return _(
            "This sign-in answer was not asked for by this browser (it may have been opened twice, or the sign-in started too long ago). Start again with the button below."
        )
    if isinstance(exception, StatusError):
        # Only the kind of refusal, never the answer's own words: an error answer need not be
        # signed, so its text could be anyone's.
        return DECLINED
    # pysaml2 raises a plain Exception for an audience it does not match; its text says so
    # (tests/labsite/test_single_sign_on_saml.py fails loudly if that changes).
    if "AudienceRestrictions" in str(exception):
        return _(
            "The sign-in answer was meant for another service, not this site. Start again from this site's sign-in page."
        )
    return _("The sign-in answer could not be read. Start again; if it keeps happening, tell the site's administrators (the time is in their log).")  # fmt: skip


def saml_failure(request, exception=None, status=403, **kwargs):
    """djangosaml2's ``SAML_ACS_FAILURE_RESPONSE_FUNCTION``."""
    reason = getattr(request, "sso_refusal", "") or _saml_reason(exception)
    return refused(request, reason, status=status if status < 500 else 403, protocol="SAML")


def needs(enabled):
    """404 while the protocol is not configured: the libraries' views fail on empty settings."""

    def wrap(view):
        @functools.wraps(view)
        def guarded(request, *args, **kwargs):
            if not enabled():
                raise Http404
            return view(request, *args, **kwargs)

        return guarded

    return wrap


#: SAML's own session cookie, only where SAML needs it (not on every page of the site).
saml_session = decorator_from_middleware(SamlSessionMiddleware)


def saml_view(view):
    return needs(config.saml_enabled)(saml_session(_with_metadata(view)))


def _with_metadata(view):
    """A clear page, not a 500, when the provider's metadata cannot be read (its address does
    not answer, the file is missing or is not SAML metadata)."""

    @functools.wraps(view)
    def checked(request, *args, **kwargs):
        from labsite.sso import saml

        try:
            saml.sp_config()
        except Exception as error:  # pysaml2 raises many kinds here, each meaning "unreadable"
            logger.warning(
                "SAML metadata %s unreadable: %r", settings.LABSITE_SAML_IDP_METADATA, error
            )
            return refused(request, UNREADABLE_METADATA, status=503, protocol="SAML")
        return view(request, *args, **kwargs)

    return checked


NO_ACCEPTED_PROVIDER = gettext_lazy(
    "None of the sign-in services described in the institution's metadata is one this site accepts, so signing in through the institution is not possible. Tell the site's administrators (the setting LABSITE_SAML_IDPS)."
)
UNKNOWN_PROVIDER = gettext_lazy(
    "This site does not accept sign-ins from that identity provider. Choose your institution again below, or ask the site's administrators to add it."
)

_saml_login = saml_views.LoginView.as_view()


def saml_login(request):
    """djangosaml2's sign-in, the institution chosen first where the metadata describes more
    than one IdP (a federation's aggregate): ``?idp=`` names it (checked against the ones this
    site accepts), a discovery service picks it (``LABSITE_SAML_DISCOVERY_URL``), or the
    visitor does, on a page listing them; with one, straight there."""
    from labsite.sso import saml

    chosen = request.GET.get("idp", "")
    if chosen:
        if not saml.offers(chosen):
            return refused(request, UNKNOWN_PROVIDER, protocol="SAML")
        return _saml_login(request)
    providers = saml.identity_providers(get_language() or "en")
    if not providers:
        source = settings.LABSITE_SAML_IDP_METADATA
        if not saml.identity_providers(accepted=False):
            # pysaml2 leaves out, with an error in the log, what it cannot read.
            logger.warning("SAML: %s describes no identity provider pysaml2 could read", source)
            return refused(request, UNREADABLE_METADATA, status=503, protocol="SAML")
        logger.warning("SAML: no IdP in %s is in LABSITE_SAML_IDPS", source)
        return refused(request, NO_ACCEPTED_PROVIDER, status=503, protocol="SAML")
    if len(providers) == 1:
        request.GET = request.GET.copy()
        request.GET["idp"] = providers[0][0]
        return _saml_login(request)
    next_url = request.GET.get("next", "")
    discovery = getattr(settings, "LABSITE_SAML_DISCOVERY_URL", "")
    if discovery:
        # The SAML Identity Provider Discovery protocol: the service answers at `return`
        # with the entity ID chosen in the parameter `returnIDParam` names.
        back = f"{config.base_url()}{reverse('saml2_login')}?{urlencode({'next': next_url})}"
        query = urlencode(
            {"entityID": saml.sp_config().entityid, "return": back, "returnIDParam": "idp"}
        )
        return HttpResponseRedirect(f"{discovery}{'&' if '?' in discovery else '?'}{query}")
    wanted = request.GET.get("q", "").strip()
    shown = [p for p in providers if wanted.casefold() in p[1].casefold()] if wanted else providers
    choices = [
        (name, f"{reverse('saml2_login')}?{urlencode({'idp': entity_id, 'next': next_url})}")
        for entity_id, name in shown
    ]
    context = {"choices": choices, "wanted": wanted, "next": next_url, "total": len(providers)}
    return render(request, "labsite/sso/choose_provider.html", context)


class OidcStart(oidc_views.OIDCAuthenticationRequestView):
    get_settings = staticmethod(oidc.setting)

    def __init__(self, *args, **kwargs):
        self.unavailable = None
        try:
            super().__init__(*args, **kwargs)
        except oidc.ProviderUnavailable as error:
            self.unavailable = error

    def get(self, request):
        if self.unavailable is not None:
            return refused(request, str(self.unavailable), status=503, protocol="OpenID Connect")
        return super().get(request)


class OidcCallback(oidc_views.OIDCAuthenticationCallbackView):
    get_settings = staticmethod(oidc.setting)

    def get(self, request):
        try:
            return super().get(request)
        except oidc.ProviderUnavailable as error:
            return refused(request, str(error), status=503, protocol="OpenID Connect")
        except jwt.ExpiredSignatureError:
            reason = _("The answer from the institution's sign-in service has expired. Check that this computer's clock is right, then sign in again.")  # fmt: skip
        except oidc.AnswerRefused as error:
            reason = str(error)
        except (jwt.InvalidTokenError, SuspiciousOperation) as error:
            # mozilla-django-oidc's own refusals: a signature or key that does not match, a
            # nonce or state of another browser session.
            logger.warning("OpenID Connect sign-in refused: %s", error)
            reason = _("The answer from the institution's sign-in service could not be verified (its signature, or the browser session it belongs to, did not match). Start again; if it keeps happening, the site's administrators should check the provider's keys.")  # fmt: skip
        except requests.RequestException as error:
            logger.warning("OpenID Connect provider refused the code: %s", error)
            reason = _("The institution's sign-in service did not confirm the sign-in (it may have been used already, or started too long ago). Start again with the button below.")  # fmt: skip
        return refused(request, reason, protocol="OpenID Connect")

    def login_failure(self):
        request = self.request
        if getattr(request, "sso_refusal", ""):
            reason = request.sso_refusal
        elif request.GET.get("error"):
            # The provider's error code only: the address, and so any text in it, can be
            # anyone's link.
            reason = DECLINED
        else:
            reason = _("The sign-in could not be completed in this browser (its session was lost or the answer was opened twice). Start again with the button below.")  # fmt: skip
        return refused(request, reason, protocol="OpenID Connect")


def sign_out(request):
    """The admin's "Log out": also ends the institution's session where it began there.

    The admin's form posts here; a redirect from a form to the provider would be stopped by
    the admin's Content-Security-Policy (``form-action 'self'`` covers redirects), so the way
    on is a page that moves on by itself (a refresh, no script) with a link as well."""
    through = request.session.get(SESSION_KEY) if request.method == "POST" else None
    if through == "saml" and config.saml_enabled():
        # djangosaml2's logout view signs out here, then sends the logout request.
        return _moving_on(request, reverse("saml2_logout"))
    if through == "oidc" and config.oidc_enabled():
        id_token = request.session.get("oidc_id_token", "")
        auth.logout(request)
        after = f"{config.base_url()}{reverse('wagtailadmin_login')}"
        try:
            target = oidc.end_session_url(id_token, after)
        except oidc.ProviderUnavailable:
            target = None
        return _moving_on(request, target or reverse("wagtailadmin_login"))
    return WagtailLogoutView.as_view()(request)


def _moving_on(request, target: str):
    return render(request, "labsite/sso/signing_out.html", {"target": target})
