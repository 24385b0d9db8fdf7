"""`manage.py invite_member` creates and links an account and emails a set-password link."""

import io

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from people.models import PersonPage
from tests.factories import PersonPageFactory


@pytest.fixture
def person(tree):
    return PersonPageFactory(parent=tree.people, given_names="Ines", family_name="Newcomer")


@pytest.mark.django_db
def test_invite_creates_a_linked_member_and_emails_a_link(
    client, django_user_model, person, django_capture_on_commit_callbacks
):
    out = io.StringIO()
    # The email waits in the outbox; its delivery is queued when the invitation commits.
    with django_capture_on_commit_callbacks(execute=True):
        call_command("invite_member", "Ines@Example.org", person=person.slug, stdout=out)
    user = django_user_model.objects.get(email="ines@example.org")
    assert not user.has_usable_password()
    assert user.groups.filter(name="Members").exists()
    assert PersonPage.objects.get(pk=person.pk).member_user == user
    assert "emailed to ines@example.org" in out.getvalue()
    message = mail.outbox[-1]
    link = next(
        line for line in message.body.splitlines() if "/admin/password_reset/" in line
    ).strip()
    response = client.get(link.replace("http://testserver", ""), follow=True)
    assert response.status_code == 200
    assert b"new_password1" in response.content


@pytest.mark.django_db
def test_inviting_twice_is_harmless(django_user_model, person):
    for _ in range(2):
        call_command("invite_member", "kofi@example.org", person=person.slug, stdout=io.StringIO())
    assert django_user_model.objects.filter(email="kofi@example.org").count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("email", "slug", "message"),
    [
        ("not-an-email", "ines-newcomer", "is not an email address"),
        ("x@example.org", "nobody-here", "No person page has the slug 'nobody-here'"),
    ],
)
def test_invite_with_bad_input_says_what_is_wrong(person, email, slug, message):
    with pytest.raises(CommandError) as error:
        call_command("invite_member", email, person=slug, stdout=io.StringIO())
    assert message in str(error.value)


@pytest.mark.django_db
def test_a_page_already_linked_to_someone_else_is_refused(person):
    call_command("invite_member", "first@example.org", person=person.slug, stdout=io.StringIO())
    with pytest.raises(CommandError, match="already linked"):
        call_command(
            "invite_member", "second@example.org", person=person.slug, stdout=io.StringIO()
        )
