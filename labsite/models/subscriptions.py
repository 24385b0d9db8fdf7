"""Email subscriptions: confirmed subscribers, their lists, suppressed addresses, digest runs.

A subscriber exists only once they confirmed (the pending request travels in the signed
confirmation link, so unconfirmed addresses are never stored). A digest run is one list's
email for one period; a delivery row per recipient, unique per run, is what makes re-running
or resuming a send harmless.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Site


class Frequency(models.TextChoices):
    DAILY = "daily", _("Daily")
    WEEKLY = "weekly", _("Weekly")


class Subscriber(models.Model):
    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="+")
    email = models.EmailField(help_text=_("Stored in lower case."))
    confirmed_at = models.DateTimeField(help_text=_("When they clicked the confirmation link."))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")
        ordering = ["email"]
        constraints = [
            models.UniqueConstraint(fields=["site", "email"], name="labsite_subscriber_unique")
        ]

    def __str__(self):
        return self.email

    def list_labels(self) -> str:
        from labsite.subscriptions import list_label

        return ", ".join(
            f"{list_label(s.list_key)} ({s.get_frequency_display().lower()})"
            for s in self.subscriptions.all()
        )


class Subscription(models.Model):
    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="subscriptions"
    )
    list_key = models.CharField(max_length=40, db_index=True)
    frequency = models.CharField(max_length=10, choices=Frequency.choices, default=Frequency.DAILY)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["subscriber", "list_key"], name="labsite_subscription_once_per_list"
            )
        ]
        indexes = [models.Index(fields=["list_key", "frequency", "subscriber"])]

    def __str__(self):
        return f"{self.subscriber_id}: {self.list_key} ({self.frequency})"


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


class DigestRun(models.Model):
    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="+")
    list_key = models.CharField(max_length=40)
    frequency = models.CharField(max_length=10, choices=Frequency.choices)
    period_start = models.DateTimeField()
    period_end = models.DateTimeField()
    subject = models.CharField(max_length=255, blank=True)
    text_body = models.TextField(blank=True)
    html_body = models.TextField(blank=True)
    item_count = models.PositiveIntegerField(default=0)
    recipient_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(
        null=True, blank=True, help_text=_("Every recipient's email has been queued.")
    )

    class Meta:
        verbose_name = _("digest run")
        ordering = ["-period_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["site", "list_key", "frequency", "period_start"],
                name="labsite_digestrun_once_per_period",
            )
        ]

    def __str__(self):
        return f"{self.list_key} {self.frequency} {self.period_start:%Y-%m-%d}"


class DigestDelivery(models.Model):
    run = models.ForeignKey(DigestRun, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(
        Subscriber, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    email = models.EmailField()
    outbox = models.ForeignKey(
        "labsite.OutboxEmail", null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["run", "email"], name="labsite_digestdelivery_once_per_recipient"
            )
        ]

    def __str__(self):
        return f"{self.email} ({self.run})"
