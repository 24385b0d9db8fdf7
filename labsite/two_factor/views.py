"""/admin/two-factor/: give a code, set up an app, new recovery codes, switch off."""

from urllib.parse import urlencode

from axes.handlers.proxy import AxesProxyHandler
from django.contrib import messages
from django.contrib.auth.signals import user_login_failed
from django.shortcuts import redirect, render
from django.urls import include, path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice

from labsite.audit.models import Kind
from labsite.audit.services import record
from labsite.security.logins import locked_out
from labsite.two_factor import passkeys, qr, services
from labsite.two_factor.forms import CodeForm, SetupForm


def _to_verify(request):
    query = urlencode({"next": request.get_full_path()})
    return redirect(f"{reverse('labsite_two_factor_verify')}?{query}")


def _next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return reverse("wagtailadmin_home")


@require_http_methods(["GET", "POST"])
def verify(request):
    """The code after the password."""
    user = request.user
    if user.is_verified() or not services.is_set_up(user):
        return redirect(_next(request))
    credentials = {"username": user.get_username()}
    if not AxesProxyHandler.is_allowed(request, credentials):
        return locked_out(request, credentials=credentials)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = services.check(user, form.cleaned_data["code"])
        if device is not None:
            otp_login(request, device)
            used_recovery = isinstance(device, StaticDevice)
            record(Kind.SECOND_FACTOR, user=user, request=request,
                   detail="recovery code" if used_recovery else "authenticator app")  # fmt: skip
            if used_recovery:
                messages.warning(request, _(
                    "You signed in with a recovery code: %(left)d left. Make new ones, or set up "
                    "your app again, from Account > Two-factor sign-in."
                ) % {"left": services.recovery_codes_left(user)})  # fmt: skip
            return redirect(_next(request))
        # A wrong code counts as a failed sign-in for django-axes (and for the audit log).
        user_login_failed.send(sender=__name__, credentials=credentials, request=request)
        if getattr(request, "axes_locked_out", False):
            return locked_out(request, credentials=credentials)
        form.add_error("code", _("That code is not right. Codes change every 30 seconds: "
                                 "type the one your app shows now, or a recovery code."))  # fmt: skip
    return render(request, "labsite/two_factor/verify.html", {
        "form": form,
        "next": _next(request),
        "has_app": services.has_app(user),
        "has_passkey": passkeys.has_passkey(user),
    })  # fmt: skip


@require_http_methods(["GET", "POST"])
def setup(request):
    """Scan the QR code, type the code it shows, receive recovery codes."""
    user = request.user
    if services.is_set_up(user) and not user.is_verified():
        return _to_verify(request)
    device = services.pending_app(user)
    form = SetupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = services.confirm_app(user, form.cleaned_data["code"])
        if codes is not None:
            device.refresh_from_db()
            otp_login(request, device)
            record(Kind.SECOND_FACTOR, user=user, request=request, detail="set up")
            return render(request, "labsite/two_factor/recovery_codes.html",
                          {"codes": codes, "next": _next(request), "first": True})  # fmt: skip
        form.add_error("code", _("That code is not right. Check that the app's clock is set "
                                 "automatically, then type the code it shows now."))  # fmt: skip
    return render(request, "labsite/two_factor/setup.html", {
        "form": form,
        "qr_svg": qr.svg(device.config_url),
        "secret": qr.secret_in_groups(device),
        "required": services.required(),
        "next": _next(request),
        "after_passkey": f"{reverse('labsite_two_factor_passkey_added')}?{urlencode({'next': _next(request)})}",
    })  # fmt: skip


@require_http_methods(["GET"])
def passkey_added(request):
    """Where the page goes once the browser made a passkey: the first second factor also
    brings recovery codes, as an app does."""
    user = request.user
    if not passkeys.has_passkey(user) or not user.is_verified():
        return redirect("labsite_two_factor_manage")
    if services.recovery_codes_left(user) == 0:
        return render(request, "labsite/two_factor/recovery_codes.html",
                      {"codes": services.new_recovery_codes(user), "next": _next(request), "first": True})  # fmt: skip
    messages.success(request, _("Your passkey is added."))
    return redirect(_next(request))


@require_http_methods(["GET", "POST"])
def manage(request):
    """Account > Two-factor sign-in: its state, new recovery codes, switching it off."""
    user = request.user
    if services.is_set_up(user) and not user.is_verified():
        return _to_verify(request)  # a password alone may not switch the second factor off
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "codes" and services.is_set_up(user):
            record(Kind.SECOND_FACTOR, user=user, request=request, detail="new recovery codes")
            return render(request, "labsite/two_factor/recovery_codes.html",
                          {"codes": services.new_recovery_codes(user), "first": False,
                           "next": reverse("labsite_two_factor_manage")})  # fmt: skip
        if action == "remove-passkey":
            if passkeys.remove(user, request.POST.get("passkey")):
                record(Kind.SECOND_FACTOR, user=user, request=request, detail="passkey removed")
                messages.success(request, _("The passkey is removed."))
            return redirect("labsite_two_factor_manage")
        if action == "off" and not services.required():
            services.switch_off(user)
            record(Kind.SECOND_FACTOR, user=user, request=request, detail="switched off")
            messages.success(request, _("Two-factor sign-in is off for your account."))
            return redirect("labsite_two_factor_manage")
    return render(request, "labsite/two_factor/manage.html", {
        "set_up": services.is_set_up(user),
        "has_app": services.has_app(user),
        "passkeys": passkeys.of(user),
        "codes_left": services.recovery_codes_left(user),
        "required": services.required(),
        "after_passkey": f"{reverse('labsite_two_factor_passkey_added')}?{urlencode({'next': reverse('labsite_two_factor_manage')})}",
    })  # fmt: skip


def admin_urls():
    return [
        path("two-factor/", manage, name="labsite_two_factor_manage"),
        path("two-factor/verify/", verify, name="labsite_two_factor_verify"),
        path("two-factor/set-up/", setup, name="labsite_two_factor_setup"),
        path("two-factor/passkey-added/", passkey_added, name="labsite_two_factor_passkey_added"),
        path("two-factor/passkeys/", include(passkeys.urlpatterns)),
    ]
