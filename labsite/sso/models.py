"""Which institution account an account of the site belongs to."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ExternalIdentity(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="external_identities"
    )
    protocol = models.CharField(max_length=10)
    issuer = models.CharField(max_length=255, help_text=_("The identity provider."))
    subject = models.CharField(
        max_length=255, help_text=_("The provider's lasting id for the person.")
    )
    linked_at = models.DateTimeField(default=timezone.now)
    last_sign_in = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("institution account")
        verbose_name_plural = _("institution accounts")
        constraints = [
            models.UniqueConstraint(fields=["issuer", "subject"], name="one_account_per_identity")
        ]

    def __str__(self):
        return f"{self.subject} at {self.issuer}"
