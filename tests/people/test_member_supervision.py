"""Members keep the supervision records that name them, through review like their profile.

| who          | record naming them     | other records | add a record                  | publish |
|--------------|------------------------|---------------|-------------------------------|---------|
| member       | list, edit, submit     | not listed, refused | a draft naming them      | no      |
| site editor  | everything             | everything    | live                          | yes     |
"""

import pytest
from django.urls import reverse

from people.supervision.models import Supervision, SupervisionSupervisor
from tests.support.admin_forms import form_data
from tests.support.members import linked_member, published_person, site_editor

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(tree):
    return published_person(tree.people, given_names="Nadia", family_name="Okafor")


@pytest.fixture
def other(tree):
    return published_person(tree.people, given_names="Tomas", family_name="Lindqvist")


@pytest.fixture
def member(person):
    return linked_member(person, "nadia@example.org")


def supervision(supervisor, student_name: str, **fields) -> Supervision:
    record = Supervision(student_name=student_name, degree="phd", topic="Sea ice", **fields)
    record.supervisors = [SupervisionSupervisor(person=supervisor, role="main")]
    record.save()
    record.save_revision().publish()
    record.refresh_from_db()
    return record


def url(name: str, *args) -> str:
    return reverse(f"wagtailsnippets_people_supervision:{name}", args=args)


def test_the_listing_shows_a_member_only_the_records_naming_them(client, member, person, other):
    own = supervision(person, "Ada Student")
    supervision(other, "Bea Elsewhere")
    client.force_login(member)
    html = client.get(url("list")).content.decode()
    assert "Ada Student" in html and "Bea Elsewhere" not in html
    assert own.pk


def test_a_member_corrects_their_record_through_review(client, member, person, tree):
    record = supervision(person, "Ada Student")
    client.force_login(member)
    page = client.get(url("edit", record.pk))
    assert page.status_code == 200
    data = form_data(
        page.content.decode(), form_id=None, topic="Sea ice and tides", **{"action-submit": "1"}
    )
    response = client.post(url("edit", record.pk), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    record.refresh_from_db()
    assert record.topic == "Sea ice", "the published record waits for the editor"
    assert record.workflow_in_progress
    # The public page still shows the published topic.
    assert "Sea ice and tides" not in client.get(person.url).content.decode()

    client.force_login(site_editor())
    task_state = record.current_workflow_task_state
    approve = url("workflow_action", record.pk, "approve", task_state.pk)
    assert client.post(approve, {"comment": ""}).status_code in (200, 302)
    record.refresh_from_db()
    assert record.topic == "Sea ice and tides" and not record.workflow_in_progress
    assert [c["person"] for c in record.credits] == [person.pk]


def test_a_member_cannot_publish_or_open_anothers_record(client, member, person, other):
    own = supervision(person, "Ada Student")
    theirs = supervision(other, "Bea Elsewhere")
    client.force_login(member)
    assert client.get(url("edit", theirs.pk)).status_code in (302, 403)
    data = form_data(
        client.get(url("edit", own.pk)).content.decode(),
        form_id=None,
        topic="Published by the member?",
        **{"action-publish": "1"},
    )
    client.post(url("edit", own.pk), data)
    own.refresh_from_db()
    assert own.topic == "Sea ice"


def test_a_member_adds_a_record_naming_themselves_as_a_draft(client, member, person, other):
    client.force_login(member)
    page = client.get(url("add"))
    assert page.status_code == 200
    base = form_data(
        page.content.decode(),
        form_id=None,
        student_name="Cleo New",
        degree="msc",
        topic="Fjords",
        **{
            "supervisors-TOTAL_FORMS": "1",
            "supervisors-0-person": str(other.pk),
            "supervisors-0-external": "",
            "supervisors-0-role": "main",
            "supervisors-0-ORDER": "1",
            "supervisors-0-id": "",
            "supervisors-0-DELETE": "",
            "action-submit": "1",
        },
    )
    refused = client.post(url("add"), base)
    assert refused.status_code == 200
    assert "Add yourself as a supervisor" in refused.content.decode()
    assert not Supervision.objects.filter(student_name="Cleo New").exists()

    response = client.post(url("add"), {**base, "supervisors-0-person": str(person.pk)})
    assert response.status_code == 302, response.content.decode()[:3000]
    record = Supervision.objects.get(student_name="Cleo New")
    assert not record.live and record.workflow_in_progress
    assert "Cleo New" not in client.get(person.url).content.decode()


def test_the_dashboard_links_a_member_to_their_supervision_records(client, member):
    client.force_login(member)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert url("list") in html and "Your supervision records" in html
