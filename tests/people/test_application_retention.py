"""Applications and their CVs are deleted after the site's retention period, by a cron command."""

import datetime
import io
import os

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Site

from labsite.models import OutboxEmail
from people.applications.models import cv_upload_to, private_storage, retention_cutoff
from people.models import Application, ApplicationSettings
from tests.factories import ApplicationFactory, pdf_bytes

pytestmark = pytest.mark.django_db


def aged(months_ago: int, **kwargs) -> Application:
    site = Site.objects.get(is_default_site=True)
    created = timezone.now() - datetime.timedelta(days=round(months_ago * 30.5))
    application = ApplicationFactory(site=site, created_at=created, **kwargs)
    OutboxEmail.objects.create(
        subject="x",
        from_email="a@b.c",
        to=["x@example.org"],
        text_body="x",
        source=application.outbox_source,
    )
    return application


def purge(*args) -> str:
    out = io.StringIO()
    call_command("purge_applications", *args, stdout=out)
    return out.getvalue()


def test_old_applications_go_with_their_files_and_emails(django_capture_on_commit_callbacks):
    old, recent = aged(13), aged(11)
    old_file = old.cv.name
    with django_capture_on_commit_callbacks(execute=True):
        output = purge()
    assert f"Deleting {old.reference}" in output
    assert list(Application.objects.filter(pk__in=[old.pk, recent.pk])) == [recent]
    assert not private_storage().exists(old_file)
    assert private_storage().exists(recent.cv.name)
    assert not OutboxEmail.objects.filter(source=old.outbox_source).exists()
    assert OutboxEmail.objects.filter(source=recent.outbox_source).exists()


def test_the_retention_period_comes_from_the_site_settings():
    settings_ = ApplicationSettings.for_site(Site.objects.get(is_default_site=True))
    settings_.retention_months = 6
    settings_.save()
    older, newer = aged(7), aged(5)
    assert "Deleted 1 application(s)" in purge()
    assert list(Application.objects.filter(pk__in=[older.pk, newer.pk])) == [newer]


def test_a_dry_run_deletes_nothing():
    old = aged(24)
    output = purge("--dry-run")
    assert f"Would delete {old.reference}" in output
    assert Application.objects.filter(pk=old.pk).exists()
    assert private_storage().exists(old.cv.name)


def test_cvs_left_by_forms_never_sent_are_deleted_after_a_day():
    storage = private_storage()
    stale = storage.save(cv_upload_to(None, "x.pdf"), ContentFile(pdf_bytes()))
    fresh = storage.save(cv_upload_to(None, "y.pdf"), ContentFile(pdf_bytes()))
    two_days_ago = (timezone.now() - datetime.timedelta(days=2)).timestamp()
    os.utime(storage.path(stale), (two_days_ago, two_days_ago))
    kept = aged(1)
    os.utime(storage.path(kept.cv.name), (two_days_ago, two_days_ago))
    assert "1 unclaimed CV file(s)" in purge()
    assert not storage.exists(stale)
    assert storage.exists(fresh) and storage.exists(kept.cv.name)


@pytest.mark.parametrize(
    "now, months, expected",
    [
        ("2026-03-31T12:00:00+00:00", 1, "2026-02-28T12:00:00+00:00"),
        ("2026-11-25T08:00:00+00:00", 12, "2025-11-25T08:00:00+00:00"),
        ("2026-01-15T00:00:00+00:00", 1, "2025-12-15T00:00:00+00:00"),
    ],
)
def test_the_cutoff_is_in_calendar_months(now, months, expected):
    moment = datetime.datetime.fromisoformat(now)
    assert retention_cutoff(months, moment) == datetime.datetime.fromisoformat(expected)


def test_purging_with_nothing_expired_deletes_nothing():
    before = Application.objects.count()
    assert "Deleted 0 application(s) and 0 unclaimed CV file(s)." in purge()
    assert Application.objects.count() == before


def test_an_opening_keeps_applications_for_its_own_period_and_applicants_are_told(client):
    from people.applications.emails import notify
    from people.openings.models import OpeningPage

    opening = OpeningPage.objects.live().order_by("pk").first()
    opening.retention_months = 36
    opening.save_revision().publish()
    # The form's privacy notice states the group's period and the opening's own.
    html = " ".join(client.get("/apply/").content.decode().split())
    assert "We delete applications and CVs 12 months after they arrive." in html
    assert f"<li>{opening.title}: 36 months</li>" in html
    for_opening, for_nobody, long_ago = (
        aged(13, opening=opening),
        aged(13),
        aged(37, opening=opening),
    )
    purge()
    remaining = Application.objects.filter(pk__in=[for_opening.pk, for_nobody.pk, long_ago.pk])
    assert list(remaining) == [for_opening]
    # The applicant's confirmation states the period that applies to them.
    notify(for_opening)
    confirmation = OutboxEmail.objects.filter(
        source=for_opening.outbox_source, to=[for_opening.email]
    ).latest("pk")
    assert "We keep enquiries and CVs for 36 months, then delete them." in " ".join(
        confirmation.text_body.split()
    )
