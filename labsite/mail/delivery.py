"""Durable email: store the message with the data it is about, send it from a task, retry.

`queue_email()` writes an `OutboxEmail` row in the caller's transaction and enqueues delivery
only once that transaction commits, so an email never goes out about something that was rolled
back, and a mail server that is down never loses the thing the email is about. `deliver()`
claims a row, sends it and records the outcome; a failure schedules a retry with exponential
backoff until `EMAIL_MAX_ATTEMPTS`, after which the row shows as failed in the admin.

At most once, as recipients see it:
- every row has its own Message-ID, sent by every attempt, so a copy that does arrive twice is
  the same message to the recipient's mail system;
- a sender holds a row under a lease (``claimed_until``) with a token of its own
  (``claimed_by``, the fencing token): each of its later writes names the token, so a sender
  whose lease ran out and was taken over changes nothing;
- right before giving the message to the mail server it records ``handed_over_at``. A row whose
  lease ran out without it was never handed over and is simply sent again; one whose lease ran
  out with it (the sender died after the server may have accepted the message, before it could
  write "sent") is not sent again by itself but marked *Maybe sent* for an editor to check
  (its *Retry* sends it again, with the same Message-ID).
"""

import contextlib
import datetime
import logging
import secrets
import smtplib
from email.utils import make_msgid
from functools import partial

from django.conf import settings
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Q
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import timezone
from django_tasks import task

from labsite.mail.models import OutboxEmail, Suppression

logger = logging.getLogger(__name__)


def claim_seconds() -> int:
    """How long a sender holds a row: longer than any SMTP conversation (``EMAIL_TIMEOUT``)."""
    return getattr(settings, "EMAIL_CLAIM_SECONDS", 300)


def new_message_id() -> str:
    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2].strip("<> ") or "localhost"
    return make_msgid(domain=domain)


def retry_base_seconds() -> int:
    return settings.EMAIL_RETRY_BASE_SECONDS


def max_attempts() -> int:
    return settings.EMAIL_MAX_ATTEMPTS


def retry_delay(attempts: int) -> datetime.timedelta:
    """1, 2, 4 … times the base delay, capped at six hours."""
    return datetime.timedelta(seconds=min(retry_base_seconds() * 2 ** (attempts - 1), 6 * 3600))


def render_email(template: str, context: dict) -> tuple[str, str]:
    """The text body from ``template.txt`` and, if it exists, the HTML from ``template.html``."""
    text = render_to_string(f"{template}.txt", context)
    try:
        html = render_to_string(f"{template}.html", context)
    except TemplateDoesNotExist:
        html = ""
    return text, html


def queue_email(
    *,
    to: list[str],
    subject: str,
    template: str,
    context: dict,
    source: str = "",
    purpose: str = "",
    reply_to: list[str] | None = None,
    headers: dict | None = None,
) -> OutboxEmail:
    text, html = render_email(template, context)
    return queue_message(
        to=to,
        subject=subject,
        text=text,
        html=html,
        source=source,
        purpose=purpose,
        reply_to=reply_to,
        headers=headers,
    )


def queue_message(
    *,
    to: list[str],
    subject: str,
    text: str,
    html: str = "",
    source: str = "",
    purpose: str = "",
    reply_to: list[str] | None = None,
    headers: dict | None = None,
) -> OutboxEmail:
    """``queue_email`` for a message already rendered."""
    row = OutboxEmail.objects.create(
        message_id=new_message_id(),
        to=list(to),
        subject=" ".join(subject.split())[:255],
        from_email=settings.DEFAULT_FROM_EMAIL,
        reply_to=list(reply_to or []),
        headers=headers or {},
        text_body=text,
        html_body=html,
        source=source,
        purpose=purpose,
    )
    transaction.on_commit(partial(enqueue_delivery, row.pk))
    return row


def suppress(addresses, reason: str, note: str = "") -> None:
    """Never email these addresses again (until an editor lifts it in the admin)."""
    for address in addresses:
        Suppression.objects.get_or_create(
            email=address.strip().lower(), defaults={"reason": reason, "note": note[:300]}
        )


@task()
def deliver_email(pk: int) -> str:
    """The task: send one stored email; a failure schedules its own retry."""
    return deliver(pk)


@task()
def deliver_emails(pks: list[int]) -> dict:
    """The task: send a batch of stored emails over one connection (digests)."""
    return deliver_many(pks)


def enqueue_delivery(pk: int, when: datetime.datetime | None = None) -> None:
    task = deliver_email
    if when is not None:
        if not task.get_backend().supports_defer:
            return  # in-process tasks cannot wait: `send_queued_email` from cron retries it
        task = task.using(run_after=when)
    try:
        task.enqueue(pk)
    except Exception:
        # The row is safe in the outbox; `send_queued_email` picks it up later.
        logger.exception("Could not enqueue delivery of outgoing email %s", pk)


def enqueue_batch(pks: list[int]) -> None:
    """Deliver many rows in one task over one SMTP connection (digests)."""
    if not pks:
        return
    try:
        deliver_emails.enqueue(pks)
    except Exception:
        logger.exception("Could not enqueue delivery of %s outgoing emails", len(pks))


def _abandoned(now: datetime.datetime) -> Q:
    """Held by a sender whose lease ran out before it wrote the outcome."""
    return Q(status=OutboxEmail.Status.SENDING, claimed_until__lt=now)


def _claimable(now: datetime.datetime) -> Q:
    waiting = Q(status__in=[OutboxEmail.Status.QUEUED, OutboxEmail.Status.RETRYING]) | (
        _abandoned(now) & Q(handed_over_at__isnull=True)  # never reached the mail server
    )
    return waiting & (Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))


def mark_uncertain(now: datetime.datetime | None = None) -> int:
    """Rows whose sender died after handing them to the mail server: maybe delivered, so
    never sent again by themselves. Returns how many."""
    count = OutboxEmail.objects.filter(
        _abandoned(now or timezone.now()), handed_over_at__isnull=False
    ).update(status=OutboxEmail.Status.UNCERTAIN, claimed_until=None)
    if count:
        logger.warning("%s outgoing email(s) may have been sent by a sender that died", count)
    return count


def _claim_rows(pks: list[int], now: datetime.datetime) -> list[OutboxEmail]:
    """Mark the rows as being sent by us, unless sent already or held by another sender.

    One UPDATE for the whole batch; the token tells our rows from rows another sender claimed
    a moment earlier."""
    token = secrets.token_hex(8)
    OutboxEmail.objects.filter(_claimable(now), pk__in=pks).update(
        status=OutboxEmail.Status.SENDING,
        claimed_until=now + datetime.timedelta(seconds=claim_seconds()),
        claimed_by=token,
    )
    return list(
        OutboxEmail.objects.filter(
            pk__in=pks, claimed_by=token, status=OutboxEmail.Status.SENDING
        ).order_by("pk")
    )


def build_message(row: OutboxEmail, connection=None) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        connection=connection,
        subject=row.subject,
        body=row.text_body,
        from_email=row.from_email,
        to=row.to,
        reply_to=row.reply_to or None,
        headers={**(row.headers or {}), "Message-ID": row.message_id or new_message_id()},
    )
    if row.html_body:
        message.attach_alternative(row.html_body, "text/html")
    return message


def _refused_for_good(error: Exception) -> bool:
    """Every recipient refused with a permanent (5xx) code: retrying cannot help."""
    if not isinstance(error, smtplib.SMTPRecipientsRefused) or not error.recipients:
        return False
    return all(code >= 500 for code, _message in error.recipients.values())


def deliver(pk: int, now: datetime.datetime | None = None, connection=None) -> str:
    """Send one outbox row; returns its status afterwards."""
    rows = _claim_rows([pk], now or timezone.now())
    if not rows:
        status = OutboxEmail.objects.filter(pk=pk).values_list("status", flat=True).first()
        return status or "missing"
    return _send_claimed(rows[0], connection, _suppressed_among(rows))


def _send_claimed(row: OutboxEmail, connection, suppressed: set[str]) -> str:
    if row.purpose == "digest" and suppressed.intersection(a.lower() for a in row.to):
        row.status = OutboxEmail.Status.FAILED
        row.last_error = "Not sent: the address was suppressed after this email was queued."
        row.claimed_until = None
        row.save(update_fields=["status", "last_error", "claimed_until"])
        return row.status
    row.attempts += 1
    if not row.message_id:  # queued before rows had one
        row.message_id = new_message_id()
    ours = OutboxEmail.objects.filter(pk=row.pk, claimed_by=row.claimed_by)
    # Recorded before the mail server hears of it; written only while the lease is still ours.
    if not ours.update(handed_over_at=timezone.now(), message_id=row.message_id):
        return OutboxEmail.Status.SENDING  # taken over by another sender: theirs now
    try:
        build_message(row, connection).send(fail_silently=False)
    except (smtplib.SMTPException, OSError) as error:
        if connection is not None:
            connection.close()  # the next message opens a fresh one
        return _record_failure(row, error)
    # One UPDATE per message, so a crash mid-batch leaves at most the message in flight
    # unsettled (it becomes "maybe sent", never sent twice by itself).
    ours.update(
        status=OutboxEmail.Status.SENT,
        sent_at=timezone.now(),
        attempts=row.attempts,
        claimed_until=None,
        next_attempt_at=None,
    )
    return OutboxEmail.Status.SENT


def _record_failure(row: OutboxEmail, error: Exception) -> str:
    row.last_error = f"{type(error).__name__}: {error}"[:2000]
    if _refused_for_good(error):
        row.status = OutboxEmail.Status.FAILED
        row.next_attempt_at = None
        suppress(row.to, "bounce", row.last_error)
        logger.warning("Email %s refused for good; suppressed %s", row.pk, row.to)
    elif row.attempts >= max_attempts():
        row.status = OutboxEmail.Status.FAILED
        row.next_attempt_at = None
        logger.error("Gave up sending email %s after %s attempts: %s", row.pk, row.attempts, error)
    else:
        row.status = OutboxEmail.Status.RETRYING
        row.next_attempt_at = timezone.now() + retry_delay(row.attempts)
    # The server refused or was not reached: it was not handed over after all.
    OutboxEmail.objects.filter(pk=row.pk, claimed_by=row.claimed_by).update(
        attempts=row.attempts,
        last_error=row.last_error,
        status=row.status,
        next_attempt_at=row.next_attempt_at,
        claimed_until=None,
        handed_over_at=None,
    )
    if row.status == OutboxEmail.Status.RETRYING:
        enqueue_delivery(row.pk, row.next_attempt_at)
    return row.status


def _suppressed_among(rows: list[OutboxEmail]) -> set[str]:
    """The suppressed addresses among the digest rows' recipients (one query, none if no digests)."""
    addresses = {a.lower() for row in rows if row.purpose == "digest" for a in row.to}
    if not addresses:
        return set()
    return set(Suppression.objects.filter(email__in=addresses).values_list("email", flat=True))


def _mail_connection():
    """The default mail backend: Django 6.1's ``mailers.default`` where there is one (its
    ``get_connection()`` is deprecated, see "Migrating email to mailers"), else Django 5.2's
    ``get_connection()``. Both read the EMAIL_* settings while MAILERS is not set."""
    mailers = getattr(mail, "mailers", None)
    return mailers.default if mailers is not None else mail.get_connection()


def deliver_many(pks: list[int]) -> dict[str, int]:
    """Send several rows over one SMTP connection; returns a count per outcome."""
    outcomes: dict[str, int] = {}
    rows = _claim_rows(pks, timezone.now())
    outcomes["skipped"] = len(pks) - len(rows)  # already sent, or another sender has them
    suppressed = _suppressed_among(rows)
    connection = _mail_connection()
    # If it cannot open, each message tries for itself and records its failure and retry.
    with contextlib.suppress(smtplib.SMTPException, OSError):
        connection.open()
    try:
        for row in rows:
            status = _send_claimed(row, connection, suppressed)
            outcomes[status] = outcomes.get(status, 0) + 1
    finally:
        connection.close()
    return outcomes


def due_queryset(now: datetime.datetime | None = None):
    """Rows that should be sent now: queued or due to retry, or stuck with a dead sender."""
    now = now or timezone.now()
    waiting = Q(status__in=[OutboxEmail.Status.QUEUED, OutboxEmail.Status.RETRYING]) & (
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    )
    stuck = _abandoned(now) & Q(handed_over_at__isnull=True)
    return OutboxEmail.objects.filter(waiting | stuck).order_by("created_at")


def send_due(now: datetime.datetime | None = None, limit: int | None = None) -> dict[str, int]:
    """Send what is due in this process (the cron path); returns a count per outcome."""
    outcomes: dict[str, int] = {}
    uncertain = mark_uncertain(now)
    if uncertain:
        outcomes[OutboxEmail.Status.UNCERTAIN] = uncertain
    ids = list(due_queryset(now).values_list("pk", flat=True)[:limit])
    for pk in ids:
        status = deliver(pk, now)
        outcomes[status] = outcomes.get(status, 0) + 1
    return outcomes


def retry_now(row: OutboxEmail) -> None:
    """An editor asked to try a failed email again: it gets a fresh set of attempts."""
    row.status = OutboxEmail.Status.QUEUED
    row.attempts = 0
    row.next_attempt_at = None
    row.claimed_until = None
    row.handed_over_at = None
    row.save(
        update_fields=["status", "attempts", "next_attempt_at", "claimed_until", "handed_over_at"]
    )
    transaction.on_commit(partial(enqueue_delivery, row.pk))
