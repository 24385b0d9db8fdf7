"""One work found in an outside record, waiting for its member (or an editor) to decide."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class IncomingSource(models.TextChoices):
    ORCID = "orcid", _("ORCID record")
    ARXIV = "arxiv", _("arXiv")


class IncomingStatus(models.TextChoices):
    NEW = "new", _("To review")
    APPROVED = "approved", _("Added to the publications")
    DISMISSED = "dismissed", _("Dismissed")


class IncomingWork(models.Model):
    person = models.ForeignKey(
        "people.PersonPage", on_delete=models.CASCADE, related_name="incoming_works"
    )
    source = models.CharField(max_length=10, choices=IncomingSource.choices)
    #: The work's identity in its source: an ORCID put-code, an arXiv ID without version.
    external_id = models.CharField(max_length=100)
    title = models.CharField(max_length=500)
    title_key = models.CharField(max_length=500, db_index=True, editable=False)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    month = models.PositiveSmallIntegerField(null=True, blank=True)
    venue = models.CharField(max_length=300, blank=True)
    work_type = models.CharField(max_length=40, blank=True)
    doi = models.CharField(max_length=200, blank=True, db_index=True)
    arxiv_id = models.CharField(max_length=40, blank=True, db_index=True)
    url = models.URLField(max_length=500, blank=True)
    authors = models.JSONField(default=list, blank=True)
    abstract = models.TextField(blank=True)
    status = models.CharField(
        max_length=10, choices=IncomingStatus.choices, default=IncomingStatus.NEW, db_index=True
    )
    publication = models.ForeignKey(
        "research.PublicationPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    found_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    #: Whether the member was told about it in a "new works" email.
    notified = models.BooleanField(default=False)

    class Meta:
        ordering = ["-year", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "source", "external_id"], name="incoming_work_once_per_person"
            )
        ]
        verbose_name = _("work to review")
        verbose_name_plural = _("works to review")

    def __str__(self) -> str:
        return self.title
