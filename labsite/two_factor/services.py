"""Devices: set up, confirm, check a code, recovery codes. django-otp keeps them; this module
decides which a person has and what a code proves."""

from django.conf import settings
from django.db import transaction
from django_otp import devices_for_user, match_token
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

RECOVERY_CODES = 10
APP_DEVICE_NAME = "authenticator app"
RECOVERY_DEVICE_NAME = "recovery codes"


def required() -> bool:
    return bool(getattr(settings, "LABSITE_TWO_FACTOR_REQUIRED", False))


def is_set_up(user) -> bool:
    """Whether ``user`` has a confirmed authenticator app or passkey (recovery codes alone do
    not count)."""
    from labsite.two_factor import passkeys

    # One query for both kinds: the admin asks on each request of a session without a second
    # factor yet (labsite.two_factor.middleware).
    apps = TOTPDevice.objects.filter(user=user, confirmed=True).values("pk")
    return bool(apps.union(passkeys.of(user).order_by().values("pk"))[:1])


def has_app(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def pending_app(user) -> TOTPDevice:
    """The unconfirmed app being set up for ``user`` (made on first call, kept until confirmed,
    so reloading the page shows the same QR code)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)
    return device


def confirm_app(user, code: str) -> list[str] | None:
    """Confirm the pending app with a code it shows; the new recovery codes, or None if the code
    is wrong. Any earlier app of ``user`` is replaced."""
    device = pending_app(user)
    if not device.verify_token(_digits(code)):
        return None
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user, confirmed=True).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        return new_recovery_codes(user)


def new_recovery_codes(user) -> list[str]:
    """Ten fresh single-use codes for ``user``; the earlier ones stop working."""
    with transaction.atomic():
        device, _ = StaticDevice.objects.get_or_create(user=user, name=RECOVERY_DEVICE_NAME)
        device.token_set.all().delete()
        codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
        StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def check(user, code: str):
    """The device that accepts ``code`` (an app's six digits or a recovery code), or None."""
    code = code.strip()
    if not code:
        return None
    return match_token(user, _digits(code) if code.replace(" ", "").isdigit() else code.lower())


def switch_off(user) -> None:
    for device in devices_for_user(user, confirmed=None):
        device.delete()


def _digits(code: str) -> str:
    return "".join(character for character in code if character.isdigit())
