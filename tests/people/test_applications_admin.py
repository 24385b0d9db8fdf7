"""Supervisors' side: who sees which application, the CV download, status, notes and export."""

import csv
import io

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from people.models import Application, OpeningPage
from tests.factories import ApplicationFactory, PersonPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(django_user_model, tree):
    """Two supervisors with member accounts and a site editor."""
    members = Group.objects.get(name="Members")
    editors = Group.objects.get(name="Site editors")
    users = {}
    for key in ("maren", "tomasz"):
        user = django_user_model.objects.create_user(key, f"{key}@example.org", "pw")
        user.groups.add(members)
        users[key] = user
    maren = PersonPageFactory(
        parent=tree.people,
        given_names="Maren",
        family_name="Supervisor",
        member_user=users["maren"],
    )
    tomasz = PersonPageFactory(
        parent=tree.people, given_names="Tomasz", family_name="Other", member_user=users["tomasz"]
    )
    editor = django_user_model.objects.create_user("ed", "ed@example.org", "pw")
    editor.groups.add(editors)
    users["editor"] = editor
    users["maren_page"], users["tomasz_page"] = maren, tomasz
    return users


@pytest.fixture
def applications(people):
    to_maren = ApplicationFactory(name="For Maren", supervisors=[people["maren_page"]])
    to_tomasz = ApplicationFactory(name="For Tomasz", supervisors=[people["tomasz_page"]])
    general = ApplicationFactory(name="Nobody chosen")
    return to_maren, to_tomasz, general


def listing(client, user, query=""):
    client.force_login(user)
    response = client.get(reverse("applications:index") + query)
    assert response.status_code == 200
    return response.content.decode()


def test_supervisors_see_only_applications_addressed_to_them(client, people, applications):
    html = listing(client, people["maren"])
    assert "For Maren" in html and "For Tomasz" not in html and "Nobody chosen" not in html


def test_site_editors_see_every_application(client, people, applications):
    html = listing(client, people["editor"])
    assert all(name in html for name in ("For Maren", "For Tomasz", "Nobody chosen"))


def test_the_listing_filters_by_status_and_supervisor_and_searches(client, people, applications):
    to_maren, to_tomasz, general = applications
    to_tomasz.status = "shortlisted"
    to_tomasz.save()
    html = listing(client, people["editor"], "?status=shortlisted")
    assert "For Tomasz" in html and "For Maren" not in html
    html = listing(client, people["editor"], f"?supervisor={people['maren_page'].pk}")
    assert "For Maren" in html and "For Tomasz" not in html
    html = listing(client, people["editor"], f"?q={general.reference}")
    assert "Nobody chosen" in html and "For Maren" not in html


def test_another_supervisors_application_is_not_found(client, people, applications):
    client.force_login(people["maren"])
    url = reverse("applications:edit", args=[applications[1].pk])
    assert client.get(url).status_code == 404


def test_opening_an_application_marks_it_read_and_shows_everything(client, people, applications):
    to_maren = applications[0]
    client.force_login(people["maren"])
    html = client.get(reverse("applications:edit", args=[to_maren.pk])).content.decode()
    assert to_maren.reference in html and "sparse sensing" in html
    assert reverse("applications:cv", args=[to_maren.pk]) in html
    to_maren.refresh_from_db()
    assert to_maren.status == "read"


def test_a_site_editor_opening_it_does_not_mark_it_read(client, people, applications):
    client.force_login(people["editor"])
    client.get(reverse("applications:edit", args=[applications[0].pk]))
    applications[0].refresh_from_db()
    assert applications[0].status == "new"


def test_status_and_internal_notes_are_saved(client, people, applications):
    to_maren = applications[0]
    client.force_login(people["maren"])
    response = client.post(
        reverse("applications:edit", args=[to_maren.pk]),
        {"status": "shortlisted", "internal_notes": "Strong signal processing."},
    )
    assert response.status_code == 302
    to_maren.refresh_from_db()
    assert (to_maren.status, to_maren.internal_notes) == (
        "shortlisted",
        "Strong signal processing.",
    )
    assert to_maren.name == "For Maren"  # the applicant's own answers are not editable


def test_staff_cannot_create_applications_in_the_admin(client, people):
    client.force_login(people["editor"])
    assert client.get("/admin/applications/new/").status_code == 404


@pytest.mark.parametrize(
    "who, expected",
    [("anonymous", 302), ("tomasz", 403), ("maren", 200), ("editor", 200)],
)
def test_cv_download_permissions(client, people, applications, who, expected):
    if who != "anonymous":
        client.force_login(people[who])
    response = client.get(reverse("applications:cv", args=[applications[0].pk]))
    assert response.status_code == expected
    if expected == 302:
        assert "/admin/login/" in response["Location"]
    if expected == 200:
        assert response["Content-Disposition"].startswith("attachment;")
        assert response["Content-Type"] == "application/pdf"
        assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_a_member_without_applications_gets_403_not_a_file(client, django_user_model, applications):
    user = django_user_model.objects.create_user("stranger", "s@example.org", "pw")
    user.groups.add(Group.objects.get(name="Members"))
    client.force_login(user)
    assert client.get(reverse("applications:cv", args=[applications[0].pk])).status_code == 403


def test_a_missing_application_answers_as_one_not_addressed_to_you(client, people, applications):
    """No enumeration of references or ids: the same refusal, naming nothing of the application
    (finding 9: the 403 page named the application's reference)."""
    client.force_login(people["tomasz"])
    refused = client.get(reverse("applications:cv", args=[applications[0].pk]))
    missing = client.get(reverse("applications:cv", args=[999999]))
    assert refused.status_code == missing.status_code == 403
    assert applications[0].reference not in refused.content.decode()
    assert "For Maren" not in refused.content.decode()


def test_the_filters_list_only_openings_and_supervisors_of_applications_you_see(
    client, people, applications, tree
):
    """Finding 9: the applications filter listed other groups' openings and supervisors."""
    from tests.factories import OpeningPageFactory

    OpeningPageFactory(parent=OpeningPage.objects.first().get_parent(), title="Not for Tomasz")
    html = listing(client, people["tomasz"])
    assert "Tomasz" in html and "Not for Tomasz" not in html
    assert 'value="{}"'.format(people["maren_page"].pk) not in html


def test_csv_export_has_only_the_filtered_visible_rows_and_defuses_formulas(
    client, people, applications
):
    ApplicationFactory(name='=HYPERLINK("http://evil")', supervisors=[people["maren_page"]])
    client.force_login(people["maren"])
    response = client.get(reverse("applications:index") + "?export=csv")
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    names = {row["Name"] for row in rows}
    assert {'\'=HYPERLINK("http://evil")', "For Maren"} <= names
    assert not names & {"For Tomasz", "Nobody chosen", '=HYPERLINK("http://evil")'}
    client.force_login(people["editor"])
    response = client.get(reverse("applications:index") + "?export=csv&status=new")
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert len(rows) == Application.objects.filter(status="new").count() >= 4


def test_xlsx_export_defuses_formulas_too(client, people, applications):
    from openpyxl import load_workbook

    ApplicationFactory(
        name='=HYPERLINK("http://evil")',
        institution="@SUM(1+1)",
        supervisors=[people["maren_page"]],
    )
    client.force_login(people["maren"])
    response = client.get(reverse("applications:index") + "?export=xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    values = {
        row[header.index("Name")]: row[header.index("Current institution")] for row in rows[1:]
    }
    assert values['\'=HYPERLINK("http://evil")'] == "'@SUM(1+1)"
    for row in sheet.iter_rows():
        for cell in row:
            assert cell.data_type != "f", cell.value


def test_each_row_of_the_listing_links_to_its_application(client, people, applications):
    html = listing(client, people["editor"])
    for application in applications:
        edit_url = reverse("applications:edit", args=[application.pk])
        assert f'href="{edit_url}"' in html
        assert client.get(edit_url).status_code == 200


def test_deleting_an_application_removes_its_cv_file(
    client, people, applications, django_capture_on_commit_callbacks
):
    application = applications[0]
    storage, name = application.cv.storage, application.cv.name
    assert storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        application.delete()
    assert not storage.exists(name)


def test_admin_screens_render_for_a_superuser(admin_client_logged_in, applications):
    from labsite.models import OutboxEmail

    application = applications[0]
    row = OutboxEmail.objects.create(
        subject="Hello", from_email="a@b.c", to=["x@example.org"], text_body="Hi"
    )
    for url in (
        reverse("applications:index"),
        reverse("applications:edit", args=[application.pk]),
        reverse("outbox:index"),
        reverse("outbox:inspect", args=[row.pk]),
        reverse("wagtailsettings:edit", args=["people", "applicationsettings"]),
    ):
        assert admin_client_logged_in.get(url, follow=True).status_code == 200, url
