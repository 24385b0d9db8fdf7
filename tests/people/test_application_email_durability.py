"""An application is committed before any email is tried; failed emails retry until delivered."""

import datetime
import io

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from labsite.models import OutboxEmail
from people.models import Application
from tests.people.test_apply_form import APPLY, valid_data
from tests.support.mail_backends import FlakySMTPBackend

pytestmark = pytest.mark.django_db


@pytest.fixture
def smtp(settings):
    settings.EMAIL_BACKEND = "tests.support.mail_backends.FlakySMTPBackend"
    settings.EMAIL_RETRY_BASE_SECONDS = 60
    settings.EMAIL_MAX_ATTEMPTS = 4
    FlakySMTPBackend.down = True
    FlakySMTPBackend.attempts = 0
    yield FlakySMTPBackend
    FlakySMTPBackend.down = False


def submit(client, capture, **changes):
    with capture(execute=True):
        response = client.post(APPLY, valid_data(**changes))
    assert response.status_code == 302
    return Application.objects.get(email="ana@example.org")


def run_worker():
    call_command(
        "db_worker", batch=True, startup_delay=False, stdout=io.StringIO(), stderr=io.StringIO()
    )


def test_smtp_down_keeps_the_application_and_schedules_retries(
    client, smtp, django_capture_on_commit_callbacks
):
    application = submit(client, django_capture_on_commit_callbacks)
    assert Application.objects.filter(pk=application.pk).exists()
    rows = OutboxEmail.objects.filter(source=application.outbox_source)
    assert rows.count() == 2  # supervisors' inbox and the applicant
    assert {row.status for row in rows} == {"retrying"}
    assert all(row.attempts == 1 and "SMTPConnectError" in row.last_error for row in rows)
    assert mail.outbox == []


def test_in_process_tasks_leave_retries_to_the_cron_command(
    client, smtp, django_capture_on_commit_callbacks
):
    submit(client, django_capture_on_commit_callbacks)
    out = io.StringIO()
    call_command("send_queued_email", stdout=out)
    assert "No email is due." in out.getvalue()  # the backoff has not elapsed
    smtp.down = False
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=2)):
        call_command("send_queued_email", stdout=out)
    assert "2 sent" in out.getvalue()
    assert "ana@example.org" in [m.to[0] for m in mail.outbox] and len(mail.outbox) == 2
    call_command("send_queued_email", stdout=out)  # nothing is sent twice
    assert len(mail.outbox) == 2


def test_the_worker_retries_with_backoff_and_delivers_when_smtp_returns(
    client, smtp, database_tasks, django_capture_on_commit_callbacks
):
    application = submit(client, django_capture_on_commit_callbacks)
    assert OutboxEmail.objects.filter(status="queued").count() == 2  # stored, nothing tried yet
    run_worker()
    rows = list(OutboxEmail.objects.filter(source=application.outbox_source))
    assert {row.status for row in rows} == {"retrying"}
    first_retry = min(row.next_attempt_at for row in rows)
    waiting = DBTaskResult.objects.filter(status="READY", run_after__isnull=False)
    assert waiting.count() == 2 and {t.run_after for t in waiting} == {
        r.next_attempt_at for r in rows
    }

    run_worker()  # too early: the retry waits for its time
    assert OutboxEmail.objects.filter(status="retrying", attempts=1).count() == 2

    with time_machine.travel(first_retry + datetime.timedelta(seconds=1)):
        run_worker()  # still down: second failure, longer wait
    rows = list(OutboxEmail.objects.filter(source=application.outbox_source))
    assert {row.attempts for row in rows} == {2}
    assert all(row.next_attempt_at - first_retry >= datetime.timedelta(seconds=110) for row in rows)

    smtp.down = False
    with time_machine.travel(
        max(row.next_attempt_at for row in rows) + datetime.timedelta(seconds=1)
    ):
        run_worker()
    assert {row.status for row in OutboxEmail.objects.all()} == {"sent"}
    assert len(mail.outbox) == 2


def test_email_that_keeps_failing_is_marked_failed_and_shown_to_editors(
    client, smtp, admin_client_logged_in, django_capture_on_commit_callbacks
):
    submit(client, django_capture_on_commit_callbacks)
    moment = timezone.now()
    for _ in range(5):
        moment += datetime.timedelta(hours=7)
        with time_machine.travel(moment):
            call_command("send_queued_email", stdout=io.StringIO())
    assert {row.status for row in OutboxEmail.objects.all()} == {"failed"}
    assert all(row.attempts == 4 for row in OutboxEmail.objects.all())
    dashboard = admin_client_logged_in.get("/admin/").content.decode()
    assert "2 emails gave up after every retry." in dashboard
    listing = admin_client_logged_in.get(reverse("outbox:index") + "?status=failed")
    assert "we received your enquiry" in listing.content.decode()

    smtp.down = False
    row = OutboxEmail.objects.first()
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client_logged_in.post(reverse("outbox:retry", args=[row.pk]))
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.status == "sent" and len(mail.outbox) == 1


def test_a_delivery_task_for_an_already_sent_email_sends_nothing(
    client, django_capture_on_commit_callbacks
):
    from labsite.mail import delivery as outbox

    submit(client, django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 2
    for row in OutboxEmail.objects.all():
        assert outbox.deliver(row.pk) == "sent"
    assert len(mail.outbox) == 2


def test_a_sender_that_died_mid_send_is_taken_over_after_its_claim_expires(
    client, database_tasks, django_capture_on_commit_callbacks
):
    from labsite.mail import delivery as outbox

    submit(client, django_capture_on_commit_callbacks)
    row = OutboxEmail.objects.first()
    OutboxEmail.objects.filter(pk=row.pk).update(
        status="sending", claimed_until=timezone.now() + datetime.timedelta(minutes=5)
    )
    assert outbox.deliver(row.pk) == "sending"  # someone else holds it
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=6)):
        assert outbox.send_due() == {"sent": 2}


@pytest.mark.django_db
def test_sending_uses_no_deprecated_mail_api():
    """Django 6.1 deprecates ``get_connection()`` (removed in 2028): the outbox opens its
    connection the way each supported line expects, so no upgrade breaks sending."""
    import warnings

    from labsite.mail.delivery import deliver_many, queue_message

    row = queue_message(to=["ana@example.org"], subject="Hello", text="Hi.")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert deliver_many([row.pk]) == {"skipped": 0, "sent": 1}
    assert not [w for w in caught if "get_connection() is deprecated" in str(w.message)]
    assert [m.to for m in mail.outbox] == [["ana@example.org"]]
