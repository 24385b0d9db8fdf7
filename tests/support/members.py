"""Members as the site makes them: a published person page linked to an account by invite_member."""

import io

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command

from tests.factories import PersonPageFactory


def published_person(parent, **fields):
    person = PersonPageFactory(parent=parent, **fields)
    person.save_revision().publish()  # as the admin leaves it: a live page with a revision
    person.refresh_from_db()
    return person


def linked_member(person, email: str):
    """The account ``invite_member`` links to ``person`` (in the Members group)."""
    call_command("invite_member", email, person=person.slug, stdout=io.StringIO())
    person.refresh_from_db()
    return get_user_model().objects.get(email=email)


def site_editor(username: str = "editor"):
    user = get_user_model().objects.create_user(username, f"{username}@example.org", "pw")
    user.groups.add(Group.objects.get(name="Site editors"))
    return user
