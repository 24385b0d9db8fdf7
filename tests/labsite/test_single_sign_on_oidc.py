"""OpenID Connect single sign-on against a real provider: the npm package oidc-provider under
Node, in its own process (tests/support/identity_providers/oidc_provider). The site is Django's
test client; the provider is spoken to over HTTP as a browser would."""

import html
import re

import pytest
from django.contrib.auth.models import Group

from labsite.audit.models import AuditEvent, Kind
from labsite.sso import oidc as site_oidc
from labsite.sso.models import ExternalIdentity
from tests.factories import PersonPageFactory
from tests.support.identity_providers import oidc

pytestmark = pytest.mark.django_db
SITE = "http://testserver"


@pytest.fixture
def provider(settings, tmp_path):
    running = oidc.launch(tmp_path, SITE)
    oidc.configure(settings, running, SITE)
    yield running
    running.stop()


def test_first_sign_in_makes_the_account_links_the_page_and_maps_groups(client, provider, tree):
    person = PersonPageFactory(parent=tree.people, orcid="0000-0001-5109-3700")
    answer = oidc.sign_in(client, provider, "ada", "ada-at-uni", next_url="/admin/pages/")
    assert answer.status_code == 302 and answer["Location"] == "/admin/pages/", answer.content[:500]
    assert client.get("/admin/").status_code == 200
    link = ExternalIdentity.objects.get()
    assert (link.protocol, link.issuer, link.subject) == ("oidc", provider.issuer, "ada")
    user = link.user
    assert (user.email, user.first_name, user.last_name) == (
        "ada.lovelace@uni.example",
        "Ada",
        "Lovelace",
    )
    person.refresh_from_db()
    assert person.member_user == user
    assert set(user.groups.values_list("name", flat=True)) == {
        "Site editors",
        "The institution",
        "Members",
    }
    assert (
        AuditEvent.objects.get(kind=Kind.SIGN_IN, user=user).detail
        == f"through OpenID Connect ({provider.issuer})"
    )


def test_an_unverified_address_never_takes_over_an_account(client, provider, django_user_model):
    chief = django_user_model.objects.create_superuser("chief", "chief@example.org", "pw-123456789")
    oidc.sign_in(client, provider, "mallory", "mallory-at-uni")
    link = ExternalIdentity.objects.get()
    assert link.user != chief and link.user.email == "" and not link.user.is_staff
    assert client.get("/admin/").status_code in (302, 403)


def test_refusing_at_the_provider_gives_a_clear_page(client, provider):
    answer = oidc.sign_in(client, provider, "ada", "ada-at-uni", answer="refuse")
    assert answer.status_code == 403
    page = answer.content.decode()
    assert "Sign-in not accepted" in page and "did not sign you in (you may have declined" in page
    assert "The user refused" not in page, "the words in the address are not shown"
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(kind=Kind.SIGN_IN_FAILED).exists()


def test_an_expired_id_token_is_refused(client, settings, tmp_path):
    # The provider's clock two hours behind: every token it signs has expired on arrival.
    late = oidc.launch(tmp_path, SITE, clock_offset_seconds=-7200, name="late")
    try:
        oidc.configure(settings, late, SITE)
        answer = oidc.sign_in(client, late, "ada", "ada-at-uni")
    finally:
        late.stop()
    assert answer.status_code == 403 and "has expired" in answer.content.decode()
    assert not ExternalIdentity.objects.exists()


def test_a_token_signed_with_keys_the_site_was_not_given_is_refused(
    client, provider, settings, tmp_path
):
    other = oidc.launch(tmp_path, SITE, name="other")
    try:
        document = site_oidc.discovery()
        # The site holds the keys of another provider (a stale or swapped key set).
        document["jwks_uri"] = f"{other.issuer}/jwks"
        answer = oidc.sign_in(client, provider, "ada", "ada-at-uni")
    finally:
        other.stop()
    assert answer.status_code == 403
    assert "could not be verified" in answer.content.decode()


def test_an_answer_from_another_issuer_is_refused(client, provider, settings):
    site_oidc.discovery()  # read from the provider, then the site expects someone else
    site_oidc._documents[f"{provider.issuer}-expected"] = site_oidc._documents[provider.issuer]
    settings.LABSITE_OIDC_ISSUER = f"{provider.issuer}-expected"
    answer = oidc.sign_in(client, provider, "ada", "ada-at-uni")
    assert answer.status_code == 403 and f"came from {provider.issuer}" in answer.content.decode()


def test_a_code_opened_twice_is_refused(client, provider):
    started = client.get("/sso/oidc/authenticate/?next=/admin/")
    callback = oidc.at_provider(started["Location"], SITE, "ada", "ada-at-uni")
    assert client.get(callback).status_code == 302
    client.logout()
    again = client.get(callback)
    assert again.status_code == 403 and "Start again" in again.content.decode()


def test_signing_out_ends_the_provider_session_too(client, provider):
    oidc.sign_in(client, provider, "ada", "ada-at-uni")
    out = client.post("/admin/logout/")
    target = html.unescape(
        re.search(r'id="sign-out-continue" href="([^"]+)"', out.content.decode()).group(1)
    )
    assert out.status_code == 200 and target.startswith(f"{provider.issuer}/session/end?")
    assert "id_token_hint=" in target and "post_logout_redirect_uri=" in target
    assert "_auth_user_id" not in client.session


def test_a_provider_that_does_not_answer_gives_a_clear_page(client, settings):
    site_oidc._documents.clear()
    settings.LABSITE_OIDC_ISSUER = "http://127.0.0.1:9"  # nothing listens there
    settings.LABSITE_OIDC_CLIENT_ID = "labsite"
    answer = client.get("/sso/oidc/authenticate/")
    assert answer.status_code == 503
    assert "did not answer as expected" in answer.content.decode()
    assert Group.objects.filter(name="The institution").exists()


def test_only_the_institutions_addresses_when_the_provider_is_open_to_everyone(
    client, provider, settings
):
    settings.LABSITE_SSO_EMAIL_DOMAINS = "med.uni.example, @uni.example"
    assert oidc.sign_in(client, provider, "ada", "ada-at-uni").status_code == 302
    client.logout()
    settings.LABSITE_SSO_EMAIL_DOMAINS = "med.uni.example"
    answer = oidc.sign_in(client, provider, "ada", "ada-at-uni")
    assert (
        answer.status_code == 403
        and "accepts accounts of med.uni.example only" in answer.content.decode()
    )
