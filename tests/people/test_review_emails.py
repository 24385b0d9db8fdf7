"""Issue 40, finding 8: an invitation said "Your account on labsite"; an administrator got two
emails for one submission; approval said only "has been updated"; and all went out through
Django's mail at once, lost when the mail server was down. Every review email now goes through
the outbox, once per reviewer, naming the group and saying where to look."""

import io

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from labsite.models import OutboxEmail, SiteSettings
from tests.people.test_member_permissions import edit_url, person_form
from tests.support.members import published_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def group(tree):
    settings = SiteSettings.for_site(tree.home.get_site())
    settings.group_name = "Tidewater Lab"
    settings.save()
    return settings.group_name


@pytest.fixture
def person(tree, group):
    return published_person(tree.people, given_names="Kwame", family_name="Member")


@pytest.fixture
def member(django_user_model, person):
    call_command("invite_member", "kofi@example.org", person=person.slug, stdout=io.StringIO())
    return django_user_model.objects.get(email="kofi@example.org")


@pytest.fixture
def reviewers(django_user_model):
    editor = django_user_model.objects.create_user("editor", "editor@example.org", "pw")
    editor.groups.add(Group.objects.get(name="Site editors"))
    admin = django_user_model.objects.create_superuser("boss", "boss@example.org", "pw")
    admin.groups.add(Group.objects.get(name="Site editors"))  # in the group and an administrator
    return editor, admin


def submit(client, member, person, bio):
    client.force_login(member)
    response = client.post(
        edit_url(person), person_form(person, short_bio=bio, **{"action-submit": "submit"})
    )
    assert response.status_code == 302
    person.refresh_from_db()
    return person.current_workflow_task_state


def test_the_invitation_names_the_group_and_waits_in_the_outbox(member, person):
    row = OutboxEmail.objects.get(purpose="invitation")
    assert row.to == ["kofi@example.org"]
    assert row.subject == "[Tidewater Lab] Your account for editing the group's website"
    assert "on the Tidewater Lab website" in row.text_body
    assert person.get_full_url() in row.text_body
    assert "/admin/password_reset/" in row.text_body


def test_one_email_per_reviewer_for_one_submission_and_none_by_djangos_mail(
    client, member, person, reviewers
):
    editor, admin = reviewers
    mail.outbox.clear()
    submit(client, member, person, "Reviewed bio")
    rows = OutboxEmail.objects.filter(purpose="review_submitted")
    assert sorted(address for row in rows for address in row.to) == [admin.email, editor.email]
    assert mail.outbox == []  # Wagtail's own review emails are not sent
    row = rows.get(to=[editor.email])
    assert row.subject == "[Tidewater Lab] Please review “Kwame Member”"
    assert "Kwame Member asks you to review the person “Kwame Member”" in row.text_body
    assert f"/admin/pages/{person.pk}/edit/" in row.text_body
    assert "&" not in row.text_body.replace("&amp;", "")  # plain text, not HTML-escaped


def test_approval_says_what_was_published_and_where(client, member, person, reviewers):
    editor, _admin = reviewers
    task_state = submit(client, member, person, "Approved bio")
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:workflow_action", args=[person.pk, "approve", task_state.pk])
    assert client.post(url, {"comment": ""}).status_code in (200, 302)
    row = OutboxEmail.objects.get(purpose="review_approved")
    assert row.to == [member.email]
    assert row.subject == "[Tidewater Lab] Published: “Kwame Member”"
    assert "editor approved your person “Kwame Member”. It is now on the Tidewater Lab site:" in (
        row.text_body
    )
    assert person.get_full_url() in row.text_body


def test_a_request_for_changes_carries_the_reviewers_comment(client, member, person, reviewers):
    editor, _admin = reviewers
    task_state = submit(client, member, person, "Too long a bio")
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:workflow_action", args=[person.pk, "reject", task_state.pk])
    client.post(url, {"comment": "Please shorten it to two sentences & add your ORCID."})
    row = OutboxEmail.objects.get(purpose="review_rejected")
    assert row.to == [member.email]
    assert row.subject == "[Tidewater Lab] Changes asked for: “Kwame Member”"
    assert "Please shorten it to two sentences & add your ORCID." in row.text_body


def test_a_reviewer_who_turned_submissions_off_gets_none(client, member, person, reviewers):
    from wagtail.users.models import UserProfile

    editor, admin = reviewers
    profile = UserProfile.get_for_user(admin)
    profile.submitted_notifications = False
    profile.save()
    submit(client, member, person, "Quiet bio")
    rows = OutboxEmail.objects.filter(purpose="review_submitted")
    assert [row.to for row in rows] == [[editor.email]]


def test_a_supervision_record_sent_for_review_links_to_its_own_form(client, tree, reviewers, group):
    from people.supervision.models import Supervision, SupervisionSupervisor
    from tests.people.test_member_supervision import url
    from tests.support.admin_forms import form_data
    from tests.support.members import linked_member

    person = published_person(tree.people, given_names="Nadia", family_name="Okafor")
    member = linked_member(person, "nadia@example.org")
    record = Supervision(student_name="Ada Student", degree="phd", topic="Sea ice")
    record.supervisors = [SupervisionSupervisor(person=person, role="main")]
    record.save()
    record.save_revision().publish()
    client.force_login(member)
    page = client.get(url("edit", record.pk)).content.decode()
    data = form_data(page, form_id=None, topic="Sea ice and tides", **{"action-submit": "1"})
    assert client.post(url("edit", record.pk), data).status_code == 302
    row = OutboxEmail.objects.filter(purpose="review_submitted").first()
    assert row is not None and url("edit", record.pk) in row.text_body


def test_an_editor_invites_a_member_from_their_page_in_the_admin(
    client, person, reviewers, django_user_model
):
    """A member's first day started on the command line; the person page's header now has
    *Invite to edit this page*."""
    editor, _admin = reviewers
    client.force_login(editor)
    edit = client.get(edit_url(person)).content.decode()
    invite = reverse("people_invite_member", args=[person.pk])
    assert invite in edit and "Invite to edit this page" in edit
    assert client.get(invite).status_code == 200
    refused = client.post(invite, {"email": "not an address"})
    assert refused.status_code == 200 and "Enter a valid email address." in refused.content.decode()
    assert not OutboxEmail.objects.filter(purpose="invitation").exists()
    response = client.post(invite, {"email": "Kwame@Example.org"})
    assert response.status_code == 302 and response["Location"] == edit_url(person)
    user = django_user_model.objects.get(email="kwame@example.org")
    person.refresh_from_db()
    assert person.member_user == user and user.groups.filter(name="Members").exists()
    row = OutboxEmail.objects.get(purpose="invitation")
    assert row.to == ["kwame@example.org"] and "[Tidewater Lab]" in row.subject
    # Linked now: the button says so, and a second address is refused with the reason.
    assert "Invite again" in client.get(edit_url(person)).content.decode()
    again = client.post(invite, {"email": "other@example.org"})
    assert "already linked to kwame@example.org" in again.content.decode()


def test_a_member_cannot_invite_anyone(client, member, person):
    client.force_login(member)
    invite = reverse("people_invite_member", args=[person.pk])
    assert "Invite to edit this page" not in client.get(edit_url(person)).content.decode()
    response = client.post(invite, {"email": "friend@example.org"})
    assert response.status_code in (302, 403)
    assert not OutboxEmail.objects.filter(to=["friend@example.org"]).exists()
