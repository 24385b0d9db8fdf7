"""Remember in the session how it was signed in: signing out ends the institution's session
too, and a sign-in through the institution counts as two-factor where its provider asks for
one (``LABSITE_SSO_COUNTS_AS_TWO_FACTOR``)."""

from django.contrib.auth.signals import user_logged_in

SESSION_KEY = "labsite_sso"


def remember(sender, request, user, **kwargs):
    protocol = getattr(user, "sso_protocol", "")
    if request is not None and protocol:
        request.session[SESSION_KEY] = protocol


def through(request) -> str:
    session = getattr(request, "session", None)
    return session.get(SESSION_KEY, "") if session is not None else ""


def connect():
    user_logged_in.connect(remember, dispatch_uid="labsite.sso.remember")
