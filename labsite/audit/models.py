import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    SIGN_IN = "sign_in", _("Signed in")
    SIGN_IN_FAILED = "sign_in_failed", _("Sign-in refused")
    SIGN_OUT = "sign_out", _("Signed out")
    SECOND_FACTOR = "second_factor", _("Two-factor sign-in")
    PERMISSIONS = "permissions", _("Permissions changed")
    APPLICANT_DATA = "applicant_data", _("Applicant data")


class AuditEvent(models.Model):
    # Random ids: entries written while a test database is restored (its m2m rows are set
    # again) never take the id of an entry restored after them.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    at = models.DateTimeField(default=timezone.now, db_index=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, db_index=True)
    #: Who did it; the name is kept as it was when the account is renamed or deleted.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    username = models.CharField(max_length=150, blank=True)
    #: What it was done to, in words: "group Site editors", "user ada", "application K7Q2-MX".
    subject = models.CharField(max_length=200, blank=True)
    detail = models.TextField(blank=True)
    #: The client's address as the trusted proxies give it (labsite.ratelimit.client_ip).
    address = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit log")

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.kind} {self.username} {self.subject}"
