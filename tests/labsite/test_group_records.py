"""The permission matrix across two groups: each group's editors list, choose, change and
export only their own group's records (grants, roles, supervision, applications, subscribers),
read the shared ones without changing them, and never reach the install-wide lists; a member
of two groups is one page shown on both groups' people pages."""

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.models import Site

from labsite.models import Grant, Subscriber
from people.applications.models import Application
from people.profiles.models import PersonPage
from people.profiles.snippets import Role
from people.supervision.models import Supervision, SupervisionSupervisor
from tests.factories import ApplicationFactory, PersonPageFactory
from tests.support.groups import group_editor

pytestmark = pytest.mark.django_db


def _index(group, slug):
    return group.home.get_children().get(slug=slug).specific


def _person(group, title, **kwargs):
    index = _index(group, "people")
    return PersonPageFactory(parent=index, title=title, **kwargs)


def _supervision(group, supervisor, student_name):
    record = Supervision(
        site=group.site if group else None, student_name=student_name, degree="phd"
    )
    record.save()
    SupervisionSupervisor.objects.create(supervision=record, person=supervisor, role="main")
    record.save_revision().publish()
    return record


def test_each_groups_editor_sees_and_changes_only_their_own_grants(two_groups, client):
    ocean, glacier = two_groups
    own = Grant.objects.create(site=ocean.site, funder="Ocean Trust")
    other = Grant.objects.create(site=glacier.site, funder="Glacier Fund")
    shared = Grant.objects.create(site=None, funder="Department Fund")
    client.force_login(group_editor(ocean, "ocean"))

    listing = client.get("/admin/snippets/labsite/grant/")
    assert listing.status_code == 200
    assert b"Ocean Trust" in listing.content and b"Department Fund" in listing.content
    assert b"Glacier Fund" not in listing.content

    assert client.get(f"/admin/snippets/labsite/grant/edit/{own.pk}/").status_code == 200
    for record in (other, shared):
        response = client.get(f"/admin/snippets/labsite/grant/edit/{record.pk}/")
        assert response.status_code in (302, 403), record
        assert client.post(f"/admin/snippets/labsite/grant/delete/{record.pk}/").status_code in (
            302,
            403,
        )
    assert Grant.objects.filter(pk__in=[other.pk, shared.pk]).count() == 2

    chooser = client.get("/admin/snippets/choose/labsite/grant/")
    assert chooser.status_code == 200
    assert "Ocean Trust" in chooser.json()["html"] and "Glacier Fund" not in chooser.json()["html"]


def test_a_new_record_belongs_to_its_editors_group_whatever_the_form_says(two_groups, client):
    ocean, glacier = two_groups
    client.force_login(group_editor(ocean, "ocean"))
    form = client.get("/admin/snippets/people/role/add/")
    assert form.status_code == 200 and b'type="hidden" name="site"' in form.content
    client.post(
        "/admin/snippets/people/role/add/",
        {"name": "Field technician", "plural_name": "Field technicians", "sort_order": 50,
         "site": str(ocean.site.pk)},
    )  # fmt: skip
    assert Role.objects.get(name="Field technician").site == ocean.site
    # A forged field changes nothing: a one-group editor's records are their group's.
    client.post(
        "/admin/snippets/people/role/add/",
        {"name": "Glacier guide", "plural_name": "Glacier guides", "sort_order": 50,
         "site": str(glacier.site.pk)},
    )  # fmt: skip
    assert Role.objects.get(name="Glacier guide").site == ocean.site


def test_supervision_records_stay_with_their_group_in_the_admin_and_on_the_site(two_groups, client):
    ocean, glacier = two_groups
    ocean_pi = _person(ocean, "Ada Ocean")
    glacier_pi = _person(glacier, "Gus Glacier")
    own = _supervision(ocean, ocean_pi, "Olive Student")
    other = _supervision(glacier, glacier_pi, "Gale Student")
    client.force_login(group_editor(ocean, "ocean"))

    listing = client.get("/admin/snippets/people/supervision/")
    assert b"Olive Student" in listing.content and b"Gale Student" not in listing.content
    assert client.get(f"/admin/snippets/people/supervision/edit/{own.pk}/").status_code == 200
    assert client.get(f"/admin/snippets/people/supervision/edit/{other.pk}/").status_code in (
        302,
        403,
    )

    from people.supervision.models import SupervisionPage

    for group, shown, hidden in ((ocean, "Olive", "Gale"), (glacier, "Gale", "Olive")):
        page = SupervisionPage(title="Supervision", slug="supervision")
        group.home.add_child(instance=page)
        response = client.get(page.url, HTTP_HOST=group.site.hostname)
        assert response.status_code == 200
        assert shown.encode() in response.content and hidden.encode() not in response.content


def test_applications_and_their_export_are_per_group(two_groups, client):
    ocean, glacier = two_groups
    ApplicationFactory(site=ocean.site, name="Oona Applicant")
    ApplicationFactory(site=glacier.site, name="Gil Applicant")
    client.force_login(group_editor(ocean, "ocean"))
    listing = client.get("/admin/applications/")
    assert listing.status_code == 200
    assert b"Oona Applicant" in listing.content and b"Gil Applicant" not in listing.content
    export = client.get("/admin/applications/?export=csv")
    body = b"".join(export.streaming_content) if export.streaming else export.content
    assert b"Oona Applicant" in body and b"Gil Applicant" not in body
    gil = Application.objects.get(name="Gil Applicant")
    assert client.get(f"/admin/applications/edit/{gil.pk}/").status_code in (302, 403, 404)


def test_subscribers_are_per_group_and_the_install_wide_lists_are_for_administrators(
    two_groups, client
):
    ocean, glacier = two_groups
    now = timezone.now()
    Subscriber.objects.create(site=ocean.site, email="reader@ocean.example", confirmed_at=now)
    theirs = Subscriber.objects.create(
        site=glacier.site, email="reader@glacier.example", confirmed_at=now
    )
    client.force_login(group_editor(ocean, "ocean"))
    listing = client.get("/admin/subscribers/")
    assert listing.status_code == 200
    assert b"reader@ocean.example" in listing.content
    assert b"reader@glacier.example" not in listing.content
    export = client.get("/admin/subscribers/?export=csv")
    body = b"".join(export.streaming_content) if export.streaming else export.content
    assert b"reader@ocean.example" in body and b"reader@glacier.example" not in body
    assert client.get(f"/admin/subscribers/inspect/{theirs.pk}/").status_code in (302, 403, 404)
    assert client.post(f"/admin/subscribers/delete/{theirs.pk}/").status_code in (302, 403, 404)
    assert Subscriber.objects.filter(pk=theirs.pk).exists()
    for install_wide in ("/admin/outbox/", "/admin/suppressions/"):
        assert client.get(install_wide).status_code in (302, 403), install_wide


def test_a_member_of_two_groups_is_one_page_listed_by_both(two_groups, client):
    ocean, glacier = two_groups
    role = Role.objects.create(name="Professor", plural_name="Professors", sort_order=10)
    joint = _person(ocean, "Jo Joint", role=role)
    _person(glacier, "Gus Glacier", role=role)
    joint.also_in_groups.add(glacier.site)
    joint.save_revision().publish()

    glacier_people = client.get("/people/", HTTP_HOST="glacier.localhost")
    assert b"Gus Glacier" in glacier_people.content and b"Jo Joint" in glacier_people.content
    # The card links to the one page, on its own group's address.
    assert b"http://ocean.localhost/people/jo-joint/" in glacier_people.content
    ocean_people = client.get("/people/", HTTP_HOST="ocean.localhost")
    assert b"Jo Joint" in ocean_people.content and b"Gus Glacier" not in ocean_people.content
    api = client.get("/api/v2/people/", HTTP_HOST="glacier.localhost").json()
    assert {item["name"] for item in api["items"]} == {"Gus Glacier", "Jo Joint"}
    assert PersonPage.objects.filter(title="Jo Joint").count() == 1


def test_one_group_installs_scope_nothing(tree, client):
    """The default install: an editor with rights on the home page keeps every record."""
    assert Site.objects.count() == 1
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import GroupPagePermission

    editors = Group.objects.create(name="Lab editors")
    editors.permissions.add(*Permission.objects.filter(codename__in=["access_admin", "view_grant",
                                                                     "change_grant"]))  # fmt: skip
    GroupPagePermission.objects.create(
        group=editors, page=tree.home, permission=Permission.objects.get(codename="change_page")
    )
    user = get_user_model().objects.create_user("solo", "solo@example.org", "pw-12345678")
    user.groups.add(editors)
    grant = Grant.objects.create(funder="Only Trust")
    client.force_login(user)
    assert b"Only Trust" in client.get("/admin/snippets/labsite/grant/").content
    assert client.get(f"/admin/snippets/labsite/grant/edit/{grant.pk}/").status_code == 200
