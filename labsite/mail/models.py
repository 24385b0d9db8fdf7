"""Outgoing email, stored before it is sent so a failing mail server loses nothing, and the
addresses it never writes to again."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class OutboxEmail(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Sending")
        RETRYING = "retrying", _("Waiting to retry")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed: gave up")
        #: A sender handed it to the mail server and died before hearing back: it may have
        #: arrived. Not sent again by itself (an editor may, with the same Message-ID).
        UNCERTAIN = "uncertain", _("Maybe sent: check before sending again")

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    source = models.CharField(
        max_length=100,
        blank=True,
        db_index=True,
        help_text=_("What the email is about, e.g. 'people.application:42'."),
    )
    purpose = models.CharField(max_length=60, blank=True, help_text=_("Which kind of email."))
    subject = models.CharField(max_length=255)
    from_email = models.CharField(max_length=255)
    to = models.JSONField(default=list, help_text=_("Recipient addresses."))
    reply_to = models.JSONField(default=list, blank=True)
    headers = models.JSONField(default=dict, blank=True)
    text_body = models.TextField()
    html_body = models.TextField(blank=True)

    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.QUEUED, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True, db_index=True)
    claimed_until = models.DateTimeField(
        null=True, blank=True, help_text=_("A sender holds the email until then.")
    )
    claimed_by = models.CharField(
        max_length=16, blank=True, help_text=_("Which sender holds the email (a random token).")
    )
    sent_at = models.DateTimeField(null=True, blank=True)
    message_id = models.CharField(
        max_length=255,
        blank=True,
        help_text=_("The Message-ID every attempt sends: a copy sent twice is the same message."),
    )
    handed_over_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text=_("When the holding sender began giving it to the mail server."),
    )

    class Meta:
        verbose_name = _("outgoing email")
        verbose_name_plural = _("outgoing emails")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.subject} → {', '.join(self.to)}"

    @property
    def recipients_display(self) -> str:
        return ", ".join(self.to)


class SuppressionReason(models.TextChoices):
    BOUNCE = "bounce", _("Bounced")
    COMPLAINT = "complaint", _("Complained (marked as spam)")
    MANUAL = "manual", _("Asked by an editor")


class Suppression(models.Model):
    """An address the site never emails again (digests or confirmations) until an editor lifts it."""

    email = models.EmailField(
        unique=True, help_text=_("The address to stop mailing; stored in lower case.")
    )
    reason = models.CharField(
        max_length=20,
        choices=SuppressionReason.choices,
        default=SuppressionReason.BOUNCE,
        help_text=_("Why it is suppressed."),
    )
    note = models.CharField(
        max_length=300, blank=True, help_text=_("Optional, e.g. the bounce message or a ticket.")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    class Meta:
        verbose_name = _("suppressed address")
        verbose_name_plural = _("suppressed addresses")
        ordering = ["-created_at"]

    def __str__(self):
        return self.email

    def save(self, *args, **kwargs):
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)
