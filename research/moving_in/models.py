"""An import of a website running in the background, with its progress, so that the admin can
show how far it has got and what it made (and a restarted worker's run is not lost)."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SiteImportRun(models.Model):
    RUNNING, DONE, FAILED = "running", "done", "failed"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    started_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    state = models.CharField(
        max_length=10,
        choices=[(RUNNING, _("running")), (DONE, _("done")), (FAILED, _("failed"))],
        default=RUNNING,
    )
    #: The uploaded zip in private storage until the import has used it.
    upload = models.CharField(max_length=200)
    fingerprint = models.CharField(max_length=32)
    site_format = models.CharField(max_length=20, blank=True)
    keep_examples = models.BooleanField(default=False)
    #: The group whose site it goes to (None: the default site, as before groups were chosen).
    site = models.ForeignKey(
        "wagtailcore.Site", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    progress = models.TextField(blank=True)
    #: What was made: counts new and existing per kind, problems, seconds, (pk, title) pages.
    outcome = models.JSONField(default=dict, blank=True)
    message = models.TextField(blank=True)

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("website import")

    def __str__(self) -> str:
        return f"website import {self.started_at:%Y-%m-%d %H:%M} ({self.state})"

    def say(self, line: str) -> None:
        self.progress = (self.progress + "\n" + line).strip()[-5000:]
        SiteImportRun.objects.filter(pk=self.pk).update(progress=self.progress)
