"""Passkeys (WebAuthn) as a second factor, through django-otp-webauthn: its ceremonies' views
with the audit log added (``complete_auth`` and ``post`` are the hooks its documentation
offers), the relying party named after this site, and a person's passkeys."""

from django.conf import settings
from django.urls import path
from django.views.i18n import JavaScriptCatalog
from django_otp_webauthn import views as webauthn
from django_otp_webauthn.models import WebAuthnCredential

from labsite.audit.models import Kind
from labsite.audit.services import record


def relying_party_id(request) -> str:
    """``OTP_WEBAUTHN_RP_ID_CALLABLE``: the admin's host name. A passkey belongs to it, so
    ``WAGTAILADMIN_BASE_URL`` (production: the site's address) decides, not each request;
    browsers refuse an IP address, so with one (the development server's 127.0.0.1) the
    address the browser opened decides (http://localhost:8000 works)."""
    import ipaddress
    from urllib.parse import urlsplit

    host = urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname or ""
    try:
        ipaddress.ip_address(host)
    except ValueError:
        if host:
            return host
    return request.get_host().rsplit(":", 1)[0]


def relying_party_name(request) -> str:
    """``OTP_WEBAUTHN_RP_NAME_CALLABLE``: what the browser shows beside the passkey."""
    return settings.WAGTAIL_SITE_NAME


def of(user):
    return WebAuthnCredential.objects.filter(user=user, confirmed=True).order_by("created_at")


def has_passkey(user) -> bool:
    return of(user).exists()


def remove(user, pk) -> bool:
    deleted, _ = of(user).filter(pk=pk).delete()
    return bool(deleted)


class CompleteRegistration(webauthn.CompleteCredentialRegistrationView):
    def post(self, *args, **kwargs):
        response = super().post(*args, **kwargs)
        if response.status_code == 200:
            record(Kind.SECOND_FACTOR, user=self.request.user, request=self.request,
                   detail="passkey added")  # fmt: skip
        return response


class CompleteAuthentication(webauthn.CompleteCredentialAuthenticationView):
    def complete_auth(self, device):
        super().complete_auth(device)
        record(Kind.SECOND_FACTOR, user=device.user, request=self.request, detail="passkey")


#: Under /admin/two-factor/passkeys/, open to a half-signed-in session like the rest of
#: two-factor; the names are the library's (its template tags reverse them).
urlpatterns = (
    [
        path("registration/begin/", webauthn.BeginCredentialRegistrationView.as_view(),
             name="credential-registration-begin"),
        path("registration/complete/", CompleteRegistration.as_view(),
             name="credential-registration-complete"),
        path("authentication/begin/", webauthn.BeginCredentialAuthenticationView.as_view(),
             name="credential-authentication-begin"),
        path("authentication/complete/", CompleteAuthentication.as_view(),
             name="credential-authentication-complete"),
        path("jsi18n/", JavaScriptCatalog.as_view(packages=["django_otp_webauthn"]),
             name="js-i18n-catalog"),
    ],
    "otp_webauthn",
)  # fmt: skip
