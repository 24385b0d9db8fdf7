"""Issue 41, GDPR for applicants: every look at an application and its CV is recorded and shown;
the notice the applicant agreed to is kept with the application; their data leaves as one zip
and is erased (CV file and emails included), each action recorded."""

import io
import json
import zipfile

import pytest
from django.urls import reverse

from labsite.models import OutboxEmail
from people.applicant_data.models import ApplicationAccess
from people.applications.emails import notify
from people.applications.models import Application

pytestmark = pytest.mark.django_db


def test_each_view_and_cv_download_is_recorded_and_shown(client, people, applications):
    application = applications[0]
    client.force_login(people["maren"])
    client.get(reverse("applications:edit", args=[application.pk]))
    client.get(reverse("applications:cv", args=[application.pk]))
    client.force_login(people["editor"])
    page = client.get(reverse("applications:edit", args=[application.pk])).content.decode()
    rows = list(ApplicationAccess.objects.filter(application=application).order_by("at", "pk"))
    assert [(r.username, r.action) for r in rows] == [
        ("maren", "viewed"), ("maren", "cv"), ("ed", "viewed")
    ]  # fmt: skip
    assert "Who opened it" in page and "maren — Downloaded the CV" in page
    # A refused download leaves no record of a look that did not happen.
    client.force_login(people["tomasz"])
    assert client.get(reverse("applications:cv", args=[application.pk])).status_code == 403
    assert not ApplicationAccess.objects.filter(username="tomasz").exists()


def test_the_notice_agreed_to_is_kept_with_the_application(client, tree):
    from labsite.models import SiteSettings  # noqa: F401
    from people.applications.models import ApplicationSettings
    from people.applications.views import consent_as_shown

    site = tree.home.get_site()
    first_text, first_version = consent_as_shown(site)
    assert "seen only by the supervisors you address" in first_text
    assert "We delete applications and CVs 12 months after they arrive." in first_text
    settings = ApplicationSettings.for_site(site)
    settings.privacy_notice = "<p>The Ocean Lab keeps applications.</p><p>Ask us anything.</p>"
    settings.retention_months = 6
    settings.save()
    text, version = consent_as_shown(site)
    assert text.splitlines() == [
        "The Ocean Lab keeps applications.",
        "Ask us anything.",
        "We delete applications and CVs 6 months after they arrive.",
    ]
    assert version != first_version and len(version) == 12


def test_an_application_sent_through_the_form_carries_its_notice(
    client, tree, django_capture_on_commit_callbacks
):
    from tests.people.test_apply_form import APPLY, valid_data

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(APPLY, valid_data())
    assert response.status_code == 302, response.content.decode()[:1500]
    application = Application.objects.get(email="ana@example.org")
    assert "We delete applications and CVs" in application.consent_text
    assert application.consent_version


def test_export_gives_everything_held_and_is_recorded(client, people, applications):
    application = applications[0]
    notify(application)
    client.force_login(people["editor"])
    response = client.get(reverse("applications:export", args=[application.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    bundle = zipfile.ZipFile(io.BytesIO(response.content))
    names = set(bundle.namelist())
    assert {"application.json", "emails.json", "access-record.json"} <= names
    assert any(name.startswith("cv-") for name in names)
    data = json.loads(bundle.read("application.json"))
    assert data["name"] == "For Maren" and data["reference"] == application.reference
    assert json.loads(bundle.read("emails.json")), "the emails about the application"
    assert ApplicationAccess.objects.filter(application=application, action="exported").exists()


def test_supervisors_may_read_but_not_export_or_erase(client, people, applications):
    application = applications[0]
    client.force_login(people["maren"])
    page = client.get(reverse("applications:edit", args=[application.pk])).content.decode()
    assert "Erase the applicant" not in page
    assert client.get(reverse("applications:export", args=[application.pk])).status_code == 403
    assert client.post(reverse("applications:erase", args=[application.pk])).status_code == 403
    assert Application.objects.filter(pk=application.pk).exists()


def test_erasure_leaves_nothing_of_the_applicant_but_the_record_that_it_was_erased(
    client, people, applications, django_capture_on_commit_callbacks
):
    application = applications[0]
    notify(application)
    cv_name, source, reference = (
        application.cv.name,
        application.outbox_source,
        application.reference,
    )
    assert application.cv.storage.exists(cv_name)
    assert OutboxEmail.objects.filter(source=source).exists()
    client.force_login(people["editor"])
    confirm = client.get(reverse("applications:erase", args=[application.pk]))
    assert confirm.status_code == 200 and "It cannot be undone." in confirm.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("applications:erase", args=[application.pk]))
    assert response.status_code == 302
    assert not Application.objects.filter(reference=reference).exists()
    assert not OutboxEmail.objects.filter(source=source).exists()
    assert not application.cv.storage.exists(cv_name), "the CV file is gone"
    rows = ApplicationAccess.objects.filter(reference=reference)
    assert [(r.action, r.username, r.application_id) for r in rows.filter(action="erased")] == [
        ("erased", "ed", None)
    ]
    from labsite.audit.models import AuditEvent

    logged = AuditEvent.objects.get(kind="applicant_data", subject=f"application {reference}")
    assert logged.username == "ed" and "erased" in logged.detail
    # Nothing of the applicant in what remains: no name, no email, anywhere in the record.
    for row in rows:
        assert "For Maren" not in str(row.__dict__) and "@" not in row.username + row.reference
