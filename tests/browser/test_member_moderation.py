"""A member edits their bio in the admin and submits it; a site editor approves it."""

import io

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from people.models import PersonPage

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def log_in(page, live_server, username, password):
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")


def test_member_edits_bio_and_editor_approves(page, live_server, django_user_model):
    call_command("invite_member", "kofi@example.org", person="kofi-brandt", stdout=io.StringIO())
    member = django_user_model.objects.get(email="kofi@example.org")
    member.set_password("member-pass-123")
    member.save()
    editor = django_user_model.objects.create_user(
        "editor", "editor@example.org", "editor-pass-123"
    )
    editor.groups.add(Group.objects.get(name="Site editors"))

    log_in(page, live_server, "kofi@example.org", "member-pass-123")
    page.get_by_role("link", name="Edit your page").click()
    page.fill("#id_short_bio", "Builds tiny whale-call detectors and tests them at sea.")
    page.locator("footer .dropdown-toggle, [data-w-dropdown-target='toggle']").last.click()
    page.get_by_role("button", name="Submit to Review by site editors").click()
    page.wait_for_load_state()
    person = PersonPage.objects.get(slug="kofi-brandt")
    assert person.workflow_in_progress
    assert person.short_bio != "Builds tiny whale-call detectors and tests them at sea."

    page.context.clear_cookies()
    log_in(page, live_server, "editor", "editor-pass-123")
    page.goto(f"{live_server.url}/admin/pages/{person.pk}/edit/")
    page.locator("footer .dropdown-toggle, [data-w-dropdown-target='toggle']").last.click()
    page.get_by_role("button", name="Approve").first.click()
    page.wait_for_load_state()
    page.goto(f"{live_server.url}{person.url}")
    assert "Builds tiny whale-call detectors and tests them at sea." in page.content()
