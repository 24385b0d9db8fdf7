"""Two-factor sign-in (labsite.two_factor), through HTTP as an editor meets it: the code after
the password, recovery codes, the required setting, django-axes on wrong codes, the audit log."""

import datetime
import re

import pytest
import time_machine
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from labsite.audit.models import AuditEvent, Kind
from labsite.two_factor import services

pytestmark = pytest.mark.django_db

ADMIN = "/admin/"
VERIFY = "/admin/two-factor/verify/"
SETUP = "/admin/two-factor/set-up/"
MANAGE = "/admin/two-factor/"


def code_now(device) -> str:
    device.refresh_from_db()
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser("editor", "editor@example.org", "pw")


@pytest.fixture
def with_app(editor):
    """The editor has set up an app; returns (device, recovery codes)."""
    device = services.pending_app(editor)
    codes = services.confirm_app(editor, code_now(device))
    assert codes is not None
    device.refresh_from_db()
    return device, codes


def test_without_a_second_factor_set_up_the_admin_opens_after_the_password(client, editor):
    client.force_login(editor)
    assert client.get(ADMIN).status_code == 200


def test_with_an_app_the_admin_waits_for_its_code(client, editor, with_app):
    device, _codes = with_app
    client.force_login(editor)
    for address in (ADMIN, "/admin/pages/", MANAGE, "/django-admin/"):
        response = client.get(address)
        assert response.status_code == 302 and response["Location"].startswith(VERIFY), address
    form = client.get(f"{VERIFY}?next=/admin/pages/")
    assert 'autocomplete="one-time-code"' in form.content.decode()
    wrong = client.post(VERIFY, {"code": "000000", "next": "/admin/pages/"})
    assert "That code is not right" in wrong.content.decode()
    with time_machine.travel(timezone.now() + datetime.timedelta(seconds=31)):
        right = client.post(VERIFY, {"code": code_now(device), "next": "/admin/pages/"})
        assert right.status_code == 302 and right["Location"] == "/admin/pages/"
        assert client.get(ADMIN).status_code == 200
    kinds = list(AuditEvent.objects.filter(username="editor").values_list("kind", "detail"))
    assert (Kind.SIGN_IN_FAILED, "") in [(k, "") for k, _d in kinds]
    assert (Kind.SECOND_FACTOR, "authenticator app") in kinds


def test_a_recovery_code_signs_in_once(client, editor, with_app):
    _device, codes = with_app
    client.force_login(editor)
    response = client.post(VERIFY, {"code": codes[0].upper(), "next": ADMIN}, follow=True)
    assert response.status_code == 200
    assert "recovery code: 9 left" in response.content.decode()
    client.logout()
    client.force_login(editor)
    again = client.post(VERIFY, {"code": codes[0], "next": ADMIN})
    assert again.status_code == 200 and "That code is not right" in again.content.decode()


def test_wrong_codes_pause_sign_in_as_wrong_passwords_do(client, editor, with_app, settings):
    device, _codes = with_app
    client.force_login(editor)
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert client.post(VERIFY, {"code": "123456"}).status_code == 200
    paused = client.post(VERIFY, {"code": "123456"})
    assert paused.status_code == 429
    with time_machine.travel(timezone.now() + datetime.timedelta(seconds=31)):
        # Even the right code waits for the pause to end.
        assert client.post(VERIFY, {"code": code_now(device)}).status_code == 429
        assert client.get(ADMIN).status_code == 302


def test_when_required_an_editor_without_it_sets_it_up_first(client, editor, settings):
    settings.LABSITE_TWO_FACTOR_REQUIRED = True
    client.force_login(editor)
    response = client.get("/admin/pages/")
    assert response.status_code == 302 and response["Location"].startswith(SETUP)
    page = client.get(response["Location"]).content.decode()
    assert "<svg" in page and "Type the six digits" in page
    secret = re.search(r'<code class="two-factor-secret">([A-Z2-7 ]+)</code>', page).group(1)
    device = TOTPDevice.objects.get(user=editor, confirmed=False)
    assert secret.replace(" ", "") in device.config_url  # the key the app is given, as text
    refused = client.post(SETUP, {"code": "000000", "next": "/admin/pages/"})
    assert "That code is not right" in refused.content.decode()
    # django-otp slows down guessing after a wrong code: the next try, a moment later.
    with time_machine.travel(timezone.now() + datetime.timedelta(seconds=31)):
        done = client.post(SETUP, {"code": code_now(device), "next": "/admin/pages/"})
        codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", done.content.decode())
        assert len(codes) == services.RECOVERY_CODES
        assert client.get("/admin/pages/").status_code == 200  # verified by the set-up itself
    assert AuditEvent.objects.filter(kind=Kind.SECOND_FACTOR, detail="set up").exists()
    # ...and it cannot be switched off while required.
    client.post(MANAGE, {"action": "off"})
    assert services.is_set_up(editor)


def test_an_editor_switches_it_off_only_after_giving_a_code(client, editor, with_app):
    device, _codes = with_app
    client.force_login(editor)
    assert client.post(MANAGE, {"action": "off"}).status_code == 302
    assert services.is_set_up(editor)  # a password alone did not switch it off
    with time_machine.travel(timezone.now() + datetime.timedelta(seconds=31)):
        client.post(VERIFY, {"code": code_now(device)})
        client.post(MANAGE, {"action": "off"})
    assert not services.is_set_up(editor)
    assert AuditEvent.objects.filter(kind=Kind.SECOND_FACTOR, detail="switched off").exists()


def test_the_account_page_links_it(client, editor):
    client.force_login(editor)
    html = client.get("/admin/account/").content.decode()
    assert MANAGE in html and "Two-factor sign-in" in html


def a_passkey(user, name="Laptop"):
    """A passkey as django-otp-webauthn stores one (the browser ceremony itself is in
    tests/browser/test_two_factor.py, with Chromium's virtual authenticator)."""
    from django_otp_webauthn.models import WebAuthnCredential

    return WebAuthnCredential.objects.create(
        user=user, name=name, confirmed=True, credential_id=name.encode(),
        public_key=b"key", sign_count=0,
    )  # fmt: skip


def test_a_passkey_alone_is_a_second_factor_the_admin_asks_for(client, editor):
    a_passkey(editor)
    client.post("/admin/login/", {"username": "editor", "password": "pw"})
    assert client.get(ADMIN)["Location"].startswith(VERIFY)
    page = client.get(VERIFY).content.decode()
    assert "passkey-verification-placeholder" in page and 'id="otp_webauthn_config"' in page
    assert "/admin/two-factor/passkeys/authentication/begin/" in page
    # Recovery codes still sign in without the passkey at hand.
    codes = services.new_recovery_codes(editor)
    answer = client.post(VERIFY, {"code": codes[0], "next": "/admin/"})
    assert answer.status_code == 302 and client.get(ADMIN).status_code == 200


def test_removing_a_passkey_is_audited_and_only_ones_own(client, editor, django_user_model):
    mine = a_passkey(editor)
    other = a_passkey(django_user_model.objects.create_user("other", "o@example.org", "pw"), "Key")
    client.force_login(editor)
    client.get("/admin/")  # unverified: to the code page
    codes = services.new_recovery_codes(editor)
    client.post(VERIFY, {"code": codes[0], "next": "/admin/"})
    page = client.get(MANAGE).content.decode()
    assert "Laptop, added" in page and "Remove Laptop" in page
    client.post(MANAGE, {"action": "remove-passkey", "passkey": other.pk})
    client.post(MANAGE, {"action": "remove-passkey", "passkey": mine.pk})
    assert not type(mine).objects.filter(pk=mine.pk).exists()
    assert type(other).objects.filter(pk=other.pk).exists()
    assert (
        AuditEvent.objects.filter(
            kind=Kind.SECOND_FACTOR, user=editor, detail="passkey removed"
        ).count()
        == 1
    )


def test_the_passkeys_relying_party_is_the_admins_host(rf, settings):
    from labsite.two_factor.passkeys import relying_party_id

    settings.WAGTAILADMIN_BASE_URL = "https://lab.uni.example"
    assert relying_party_id(rf.get("/", HTTP_HOST="other.example")) == "lab.uni.example"
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8000"  # browsers refuse an address
    assert relying_party_id(rf.get("/", HTTP_HOST="localhost:8000")) == "localhost"
