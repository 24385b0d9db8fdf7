"""No admin page for a signed-in person who still owes their second factor.

After ``django_otp.middleware.OTPMiddleware`` (which says whether this session's sign-in was
verified by a device). A person with an authenticator app who has not given a code in this
session is sent to give one; where two-factor sign-in is required, a person without one is
sent to set it up. Their password is already checked: the pages they may still reach are
signing out, these two and Wagtail's static files."""

import contextlib
from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.urls import NoReverseMatch, reverse

from labsite.sso import signals as sso_signals
from labsite.two_factor import services

#: The parts of the admin a half-signed-in person may reach, besides the two-factor pages (the
#: icon sprite and the script catalogue are fetched by every admin page, these included).
OPEN = ("login/", "logout/", "password_reset/", "jsi18n/", "sprite/")


class SecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        detour = self._detour(request)
        return detour if detour is not None else self.get_response(request)

    def _detour(self, request):
        path = request.path_info
        for admin in _admin_prefixes():
            if path.startswith(admin):
                inside = path[len(admin) :]
                break
        else:
            return None
        if inside.startswith(OPEN) or inside.startswith("two-factor/"):
            return None
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or user.is_verified():
            return None
        if sso_signals.through(request) and settings.LABSITE_SSO_COUNTS_AS_TWO_FACTOR:
            return None  # the institution's provider asked for its own second factor
        if services.is_set_up(user):
            target = "labsite_two_factor_verify"
        elif services.required():
            target = "labsite_two_factor_setup"
        else:
            return None
        return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")


def _admin_prefixes() -> list[str]:
    """Where Wagtail's admin and Django's are mounted (none in a URLconf without them)."""
    prefixes = []
    for name in ("wagtailadmin_home", "admin:index"):
        with contextlib.suppress(NoReverseMatch):
            prefixes.append(reverse(name))
    return prefixes
