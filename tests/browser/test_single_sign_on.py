"""Single sign-on in Chromium through both real identity providers the tests start: pysaml2's
SAML IdP and Node's oidc-provider. Sign in from the admin's sign-in page, land where the
editor was going, sign out (the provider's session too), and a refused answer's page; axe
checks the pages of ours. Each journey prints its time."""

import time

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from labsite.sso.models import ExternalIdentity
from tests.support.identity_providers import oidc, saml

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def no_axe_violations(page):
    violations = Axe().run(page).response["violations"]
    assert not violations, [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations]


def log_out(page):
    """The admin's own "Log out", in the account menu at the foot of the sidebar."""
    page.locator(".sidebar-footer__account").click()
    page.get_by_role("button", name="Log out").click()


def at_the_provider(page, username, password, answer=None):
    page.get_by_label("User name").fill(username)
    page.get_by_label("Password").fill(password)
    if answer is not None:
        page.get_by_label("Answer with").select_option(answer)
    page.get_by_role("button", name="Sign in").click()


def test_saml_sign_in_sign_out_and_a_refused_answer(page, live_server, settings, tmp_path):
    idp = saml.start(tmp_path, settings, live_server.url, host="localhost")
    settings.LABSITE_SAML_LABEL = "Sign in with Test University"
    try:
        page.goto(f"{live_server.url}/admin/login/?next=/admin/pages/")
        no_axe_violations(page)
        started = time.monotonic()
        page.get_by_role("link", name="Sign in with Test University").click()
        expect(page.get_by_role("heading", name="Test university")).to_be_visible()
        at_the_provider(page, "ada", "ada-at-uni")
        page.wait_for_url(f"{live_server.url}/admin/pages/")
        signed_in = time.monotonic() - started
        assert ExternalIdentity.objects.get().user.email == "ada.lovelace@uni.example"

        started = time.monotonic()
        page.goto(f"{live_server.url}/admin/")
        log_out(page)
        page.wait_for_url(f"{live_server.url}/admin/login/")
        signed_out = time.monotonic() - started
        page.goto(f"{live_server.url}/admin/")
        page.wait_for_url(f"{live_server.url}/admin/login/?next=/admin/")

        page.get_by_role("link", name="Sign in with Test University").click()
        at_the_provider(page, "ada", "ada-at-uni", answer="expired")
        expect(page.get_by_role("heading", name="Sign-in not accepted")).to_be_visible()
        expect(page.get_by_role("alert")).to_contain_text("has expired")
        no_axe_violations(page)
    finally:
        idp.stop()
    print(
        f"\nSAML in Chromium: sign-in {signed_in:.2f} s, sign-out through the IdP {signed_out:.2f} s"
    )


def test_openid_connect_sign_in_sign_out_and_a_refusal(page, live_server, settings, tmp_path):
    provider = oidc.launch(tmp_path, live_server.url)
    oidc.configure(settings, provider, live_server.url)
    try:
        page.goto(f"{live_server.url}/admin/login/?next=/admin/pages/")
        started = time.monotonic()
        page.get_by_role("link", name="Sign in with Test University").click()
        at_the_provider(page, "ada", "ada-at-uni")
        page.wait_for_url(f"{live_server.url}/admin/pages/")
        signed_in = time.monotonic() - started

        started = time.monotonic()
        log_out(page)
        # oidc-provider asks whether to sign out of the provider too, then comes back.
        page.get_by_role("button", name="Yes, sign me out").click()
        page.wait_for_url(f"{live_server.url}/admin/login/")
        signed_out = time.monotonic() - started

        page.get_by_role("link", name="Sign in with Test University").click()
        page.get_by_label("User name").fill("ada")
        page.get_by_label("Password").fill("ada-at-uni")
        page.get_by_role("button", name="Refuse").click()
        expect(page.get_by_role("heading", name="Sign-in not accepted")).to_be_visible()
        expect(page.get_by_role("alert")).to_contain_text("did not sign you in")
        no_axe_violations(page)
    finally:
        provider.stop()
    print(f"\nOpenID Connect in Chromium: sign-in {signed_in:.2f} s, sign-out {signed_out:.2f} s")
