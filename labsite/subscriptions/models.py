"""Email subscriptions: confirmed subscribers, their lists, digest runs.

A subscriber exists only once they confirmed (the pending request travels in the signed
confirmation link, so unconfirmed addresses are never stored). A digest run is one list's
email for one period; a delivery row per recipient, unique per run, is what makes re-running
or resuming a send harmless.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Site

from labsite.subscriptions.registry import list_label


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
