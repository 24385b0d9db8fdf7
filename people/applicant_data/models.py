"""The record of every look at an application and of what was done with its data.

A row keeps the application's reference, not a link that erasure would empty: after an
applicant's data is erased the record still says who exported or erased it, and when, and
holds nothing else of them.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Action(models.TextChoices):
    VIEWED = "viewed", _("Opened the application")
    CV = "cv", _("Downloaded the CV")
    EXPORTED = "exported", _("Exported the applicant's data")
    ERASED = "erased", _("Erased the applicant's data")


class ApplicationAccess(models.Model):
    application = models.ForeignKey(
        "people.Application",
        null=True,
        on_delete=models.SET_NULL,
        related_name="accesses",
    )
    reference = models.CharField(max_length=12, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    #: The user's name when it happened (kept if the account is deleted).
    username = models.CharField(max_length=150)
    action = models.CharField(max_length=10, choices=Action.choices)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("access to an application")
        verbose_name_plural = _("accesses to applications")

    def __str__(self):
        return f"{self.reference} {self.action} by {self.username}"
