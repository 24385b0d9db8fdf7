"""SAML single sign-on against a real identity provider: pysaml2's IdP in its own process,
signing with xmlsec1 (tests/support/identity_providers). The site is Django's test client; the
IdP is spoken to over HTTP, as a browser would (the browser journey is in
tests/browser/test_single_sign_on.py)."""

import pytest
import requests
from django.contrib.auth.models import Group

from labsite.audit.models import AuditEvent, Kind
from labsite.sso.models import ExternalIdentity
from tests.factories import PersonPageFactory
from tests.support.identity_providers import saml

pytestmark = pytest.mark.django_db


@pytest.fixture
def idp(settings, tmp_path):
    running = saml.start(tmp_path, settings, "http://testserver")
    yield running
    running.stop()


def test_first_sign_in_makes_the_account_links_the_person_page_and_maps_roles(client, idp, tree):
    person = PersonPageFactory(parent=tree.people, orcid="0000-0001-5109-3700")
    answer = saml.sign_in(client, idp, "ada", "ada-at-uni", next_url="/admin/pages/")
    assert answer.status_code == 302 and answer["Location"] == "/admin/pages/"
    assert client.get("/admin/").status_code == 200

    link = ExternalIdentity.objects.get(subject="7f3a9c1e-ada")
    user = link.user
    assert (user.email, user.first_name, user.last_name) == (
        "ada.lovelace@uni.example",
        "Ada",
        "Lovelace",
    )
    assert not user.has_usable_password()
    assert link.issuer == f"{idp.base}/metadata" and link.protocol == "saml"
    person.refresh_from_db()
    assert person.member_user == user, "linked to the page with the same ORCID iD"
    assert set(user.groups.values_list("name", flat=True)) == {
        "Site editors",
        "The institution",
        "Members",
    }
    event = AuditEvent.objects.filter(kind=Kind.SIGN_IN, user=user).get()
    assert event.detail == f"through SAML ({idp.base}/metadata)"

    # The next sign-in is the same account, whatever the names say now.
    client.logout()
    saml.sign_in(client, idp, "ada", "ada-at-uni")
    assert ExternalIdentity.objects.count() == 1
    assert type(user).objects.filter(email="ada.lovelace@uni.example").count() == 1


def test_an_existing_account_with_the_address_is_linked_not_duplicated(
    client, idp, django_user_model
):
    existing = django_user_model.objects.create_user(
        "ada-local", "Ada.Lovelace@uni.example", "pw-123456789"
    )
    saml.sign_in(client, idp, "ada", "ada-at-uni")
    assert ExternalIdentity.objects.get().user == existing
    assert client.get("/admin/").status_code == 200


def test_roles_follow_the_provider_without_touching_other_groups(client, idp, django_user_model):
    student = django_user_model.objects.create_user("sam", "sam.student@uni.example")
    student.groups.add(Group.objects.get_or_create(name="Site editors")[0])
    student.groups.add(Group.objects.get_or_create(name="Reviewers")[0])
    saml.sign_in(client, idp, "student", "student-at-uni")
    names = set(student.groups.values_list("name", flat=True))
    assert names == {"Reviewers", "The institution"}, "staff role gone, a hand-made group kept"
    assert AuditEvent.objects.filter(kind=Kind.PERMISSIONS, subject="user sam").exists()


@pytest.mark.parametrize(
    "outcome, words",
    [
        ("wrong-audience", "meant for another service"),
        ("expired", "has expired"),
        ("bad-signature", "not signed with a key this site trusts"),
        ("denied", "did not sign you in (you may have declined"),
    ],
)
def test_a_refused_assertion_gives_a_clear_page_and_signs_nobody_in(client, idp, outcome, words):
    answer = saml.sign_in(client, idp, "ada", "ada-at-uni", outcome=outcome)
    assert answer.status_code == 403
    page = answer.content.decode()
    assert "Sign-in not accepted" in page and words in page, page
    assert "_auth_user_id" not in client.session
    assert not ExternalIdentity.objects.exists()
    assert AuditEvent.objects.filter(kind=Kind.SIGN_IN_FAILED, detail__contains=words).exists()


def test_an_assertion_replayed_is_refused(client, idp):
    started = client.get("/sso/saml/login/?next=/admin/")
    form = saml.hidden_fields(requests.get(started["Location"], timeout=10).text)
    answer = requests.post(f"{idp.base}/sso/login", timeout=30,
                           data={**form, "username": "ada", "password": "ada-at-uni", "outcome": "valid"})  # fmt: skip
    posted = saml.hidden_fields(answer.text)
    assert client.post("/sso/saml/acs/", posted).status_code == 302
    client.logout()
    again = client.post("/sso/saml/acs/", posted)
    assert again.status_code == 403 and "was not asked for" in again.content.decode()


def test_signing_out_ends_the_session_at_the_provider_too(client, idp):
    saml.sign_in(client, idp, "ada", "ada-at-uni")
    out = client.post("/admin/logout/")
    assert out.status_code == 200 and 'href="/sso/saml/logout/"' in out.content.decode()
    to_idp = client.get("/sso/saml/logout/")
    assert to_idp["Location"].startswith(f"{idp.base}/slo/redirect?SAMLRequest=")
    assert "_auth_user_id" not in client.session
    back = requests.get(to_idp["Location"], allow_redirects=False, timeout=10)
    assert back.status_code == 302 and "/sso/saml/ls/?SAMLResponse=" in back.headers["Location"]
    path = back.headers["Location"].removeprefix("http://testserver")
    done = client.get(path)
    assert done.status_code == 302 and done["Location"] == "/admin/login/"
    assert client.get("/admin/").status_code == 302


def test_the_sign_in_pages_offer_the_institution_button(client, idp, settings):
    settings.LABSITE_SAML_LABEL = "Sign in with Test University"
    page = client.get("/admin/login/?next=/admin/pages/").content.decode()
    assert (
        'href="/sso/saml/login/?next=/admin/pages/"' in page
        and "Sign in with Test University" in page
    )
    assert (
        client.get("/_util/login/?next=/x/").content.decode().count("Sign in with Test University")
        == 1
    )
    metadata = client.get("/sso/saml/metadata/")
    assert metadata.status_code == 200 and b"AssertionConsumerService" in metadata.content


def test_sso_off_means_no_button_and_no_saml_address(client):
    assert client.get("/sso/saml/login/").status_code == 404
    assert client.get("/sso/saml/metadata/").status_code == 404
    assert client.get("/sso/oidc/authenticate/").status_code == 404
    assert "institution account" not in client.get("/admin/login/").content.decode()


def test_a_sign_in_through_the_institution_needs_no_second_factor_here(client, idp, settings):
    settings.LABSITE_TWO_FACTOR_REQUIRED = True
    saml.sign_in(client, idp, "ada", "ada-at-uni")
    assert client.get("/admin/").status_code == 200
    settings.LABSITE_SSO_COUNTS_AS_TWO_FACTOR = False
    assert client.get("/admin/")["Location"].startswith("/admin/two-factor/set-up/")


def test_staff_passwords_switched_off_say_so_and_keep_the_emergency_account(
    client, settings, django_user_model
):
    settings.LABSITE_STAFF_LOCAL_PASSWORDS = False
    settings.LABSITE_LOCAL_PASSWORD_ACCOUNTS = ["emergency"]
    django_user_model.objects.create_user(
        "editor", "e@example.org", "editor-pass-123", is_staff=True
    )
    django_user_model.objects.create_superuser("emergency", "x@example.org", "emergency-pass-123")
    django_user_model.objects.create_user("reader", "r@example.org", "reader-pass-123")

    refused = client.post("/admin/login/", {"username": "editor", "password": "editor-pass-123"})
    assert (
        refused.status_code == 200
        and "Staff sign in with their institution account" in refused.content.decode()
    )
    assert "_auth_user_id" not in client.session
    wrong = client.post("/admin/login/", {"username": "editor", "password": "not-it"})
    assert "Staff sign in" not in wrong.content.decode(), "only the right password learns why"

    assert (
        client.post(
            "/admin/login/", {"username": "emergency", "password": "emergency-pass-123"}
        ).status_code
        == 302
    )
    client.logout()
    # Someone without the admin signs in for the institution's pages as before.
    assert (
        client.post(
            "/_util/login/", {"username": "reader", "password": "reader-pass-123"}
        ).status_code
        == 302
    )


def test_a_page_for_the_institution_opens_only_to_its_accounts(
    client, idp, tree, django_user_model
):
    from wagtail.models import PageViewRestriction

    from tests.factories import StandardPageFactory

    page = StandardPageFactory(parent=tree.home, title="Internal seminar notes", slug="internal")
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([Group.objects.get(name="The institution")])

    assert client.get("/internal/").status_code == 302, "a visitor is sent to sign in"
    django_user_model.objects.create_user("guest", "guest@example.org", "guest-pass-123")
    client.post("/_util/login/", {"username": "guest", "password": "guest-pass-123"})
    assert client.get("/internal/").status_code == 302, "a local account is not the institution"
    client.logout()
    saml.sign_in(client, idp, "student", "student-at-uni", next_url="/internal/")
    opened = client.get("/internal/")
    assert opened.status_code == 200 and "Internal seminar notes" in opened.content.decode()


@pytest.mark.parametrize(
    "metadata", ["http://127.0.0.1:9/metadata", "/no/such/idp.xml", "README.md"]
)
def test_metadata_that_cannot_be_read_gives_a_clear_page(client, settings, metadata):
    settings.LABSITE_SAML_IDP_METADATA = metadata
    answer = client.get("/sso/saml/login/?next=/admin/")
    assert answer.status_code == 503
    assert "its metadata) could not be read" in answer.content.decode()
