"""Two-factor sign-in in Chromium: where it is required, an editor sets up an app on first
sign-in (QR code, code, recovery codes) and lands where they were going; the next sign-in asks
for the app's code after the password; axe finds nothing on either page."""

import re
import time

import pytest
from axe_playwright_python.sync_playwright import Axe
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def code_for(device, ahead: int = 0) -> str:
    """The app's code now, or ``ahead`` steps of 30 s later (within django-otp's tolerance)."""
    device.refresh_from_db()
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=device.drift + ahead):06d}"


def sign_in_with_password(page, live_server, goal):
    page.goto(f"{live_server.url}/admin/login/?next={goal}")
    page.fill("#id_username", "chief")
    page.fill("#id_password", "chief-pass-123")
    page.click("button[type=submit]")


def no_axe_violations(page):
    violations = Axe().run(page).response["violations"]
    assert not violations, [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations]


def test_an_editor_sets_up_an_app_then_signs_in_with_its_code(
    page, live_server, django_user_model, settings
):
    settings.LABSITE_TWO_FACTOR_REQUIRED = True
    user = django_user_model.objects.create_superuser("chief", "c@example.org", "chief-pass-123")
    started = time.monotonic()
    sign_in_with_password(page, live_server, "/admin/pages/")
    expect(page.get_by_role("heading", name="Set up two-factor sign-in")).to_be_visible()
    expect(page.locator(".two-factor-qr svg")).to_be_visible()
    no_axe_violations(page)
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    page.get_by_label("Code from the app").fill(code_for(device))
    page.get_by_role("button", name="Turn on").click()
    expect(page.get_by_role("heading", name="Your recovery codes")).to_be_visible()
    assert page.locator(".two-factor-codes code").count() == 10
    page.get_by_role("link", name="I have kept them: continue").click()
    page.wait_for_url(f"{live_server.url}/admin/pages/")
    set_up = time.monotonic() - started

    # The next sign-in: the password, then the app's next code.
    page.context.clear_cookies()
    started = time.monotonic()
    sign_in_with_password(page, live_server, "/admin/")
    expect(page.get_by_role("heading", name="One more step")).to_be_visible()
    no_axe_violations(page)
    page.get_by_label("Code").fill("000000")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("status").get_by_text("That code is not right")).to_be_visible()
    # A code is good once (the one used at set-up is refused): the app's next one, which
    # django-otp accepts for a step either side of now.
    time.sleep(1.1)  # django-otp slows down guessing: a second after a wrong code
    page.get_by_label("Code").fill(code_for(device, ahead=1))
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(f"{live_server.url}/admin/")
    print(
        f"\nset up (password, QR code, code, recovery codes) {set_up:.1f} s; "
        f"sign-in with a wrong code, then the right one {time.monotonic() - started:.1f} s"
    )


def test_a_passkey_instead_of_an_app_in_chromiums_virtual_authenticator(
    page, live_server, django_user_model, settings
):
    from labsite.audit.models import AuditEvent, Kind

    settings.LABSITE_TWO_FACTOR_REQUIRED = True
    settings.WAGTAILADMIN_BASE_URL = live_server.url  # the passkey belongs to "localhost"
    settings.OTP_WEBAUTHN_ALLOWED_ORIGINS = [live_server.url]
    django_user_model.objects.create_superuser("chief", "c@example.org", "chief-pass-123")
    # Chromium's own WebAuthn test authenticator (DevTools protocol): a platform passkey that
    # says yes, as a fingerprint would.
    devtools = page.context.new_cdp_session(page)
    devtools.send("WebAuthn.enable")
    devtools.send("WebAuthn.addVirtualAuthenticator", {"options": {
        "protocol": "ctap2", "transport": "internal", "hasResidentKey": True,
        "hasUserVerification": True, "isUserVerified": True, "automaticPresenceSimulation": True,
    }})  # fmt: skip

    started = time.monotonic()
    sign_in_with_password(page, live_server, "/admin/pages/")
    expect(page.get_by_role("heading", name="Set up two-factor sign-in")).to_be_visible()
    page.get_by_role("button", name="Add a passkey").click()
    expect(page.get_by_role("heading", name="Your recovery codes")).to_be_visible()
    assert page.locator(".two-factor-codes code").count() == 10
    page.get_by_role("link", name="I have kept them: continue").click()
    page.wait_for_url(f"{live_server.url}/admin/pages/")
    set_up = time.monotonic() - started

    page.context.clear_cookies()
    started = time.monotonic()
    sign_in_with_password(page, live_server, "/admin/")
    expect(page.get_by_role("heading", name="One more step")).to_be_visible()
    no_axe_violations(page)
    page.get_by_role("button", name="Use your passkey").click()
    page.wait_for_url(f"{live_server.url}/admin/")
    signed_in = time.monotonic() - started

    page.goto(f"{live_server.url}/admin/two-factor/")
    expect(page.get_by_role("heading", name="Passkeys")).to_be_visible()
    expect(page.get_by_role("button", name=re.compile("^Remove "))).to_have_count(1)
    details = set(
        AuditEvent.objects.filter(kind=Kind.SECOND_FACTOR).values_list("detail", flat=True)
    )
    assert {"passkey added", "passkey"} <= details
    print(f"\npasskey: set up {set_up:.1f} s; sign-in with password and passkey {signed_in:.1f} s")
