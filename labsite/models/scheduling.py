"""When each periodic job last ran (labsite.scheduling), so any number of ticks run it once."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PeriodicJobRun(models.Model):
    name = models.CharField(max_length=60, unique=True)
    last_started_at = models.DateTimeField(null=True, blank=True)
    last_finished_at = models.DateTimeField(null=True, blank=True)
    last_outcome = models.TextField(blank=True, help_text=_("What the last run did."))
    last_error = models.TextField(blank=True, help_text=_("Why the last run failed, if it did."))
    runs = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("periodic job")

    def __str__(self):
        return self.name
