"""Local passwords switched off for staff once the institution signs them in
(``LABSITE_STAFF_LOCAL_PASSWORDS=false``): an account that may open the admin signs in through
the institution, except the emergency accounts named in ``LABSITE_LOCAL_PASSWORD_ACCOUNTS``
(for the day the institution's service is down)."""

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm


def password_allowed(user) -> bool:
    if getattr(settings, "LABSITE_STAFF_LOCAL_PASSWORDS", True):
        return True
    if user.get_username() in getattr(settings, "LABSITE_LOCAL_PASSWORD_ACCOUNTS", ()):
        return True
    staff = user.is_staff or user.is_superuser or user.has_perm("wagtailadmin.access_admin")
    return not staff


class LocalPasswordBackend(ModelBackend):
    """Django's password check, refusing staff whose passwords are switched off. Only someone
    who typed the right password learns why (the request says so to the form below), so the
    message does not tell strangers which names are staff."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is not None and not password_allowed(user):
            if request is not None:
                request.sso_password_refused = True
            return None
        return user


class AdminLoginForm(LoginForm):
    """Wagtail's sign-in form (``WAGTAILADMIN_USER_LOGIN_FORM``), saying when a password is
    right but staff sign in through the institution."""

    def clean(self):
        try:
            return super().clean()
        except ValidationError:
            if getattr(self.request, "sso_password_refused", False):
                raise ValidationError(
                    _("Staff sign in with their institution account: use the button above. Passwords are switched off for staff on this site."),
                    code="use_institution",
                ) from None  # fmt: skip
            raise
