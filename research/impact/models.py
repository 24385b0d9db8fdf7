"""One figure per publication and source, as the source gave it on the day it was asked."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CitationSource(models.TextChoices):
    OPENALEX = "openalex", "OpenAlex"
    CROSSREF = "crossref", "Crossref"


class CitationCount(models.Model):
    publication = models.ForeignKey(
        "research.PublicationPage", on_delete=models.CASCADE, related_name="citation_counts"
    )
    source = models.CharField(max_length=20, choices=CitationSource.choices)
    #: None: the source was asked and does not know the DOI (asked again next week).
    count = models.PositiveIntegerField(null=True, blank=True)
    #: Where a reader can check the figure (the source's record of the work).
    record_url = models.URLField(max_length=500, blank=True)
    fetched_at = models.DateTimeField()

    class Meta:
        verbose_name = _("citation count")
        constraints = [
            models.UniqueConstraint(
                fields=["publication", "source"], name="one_citation_count_per_source"
            )
        ]

    def __str__(self):
        return f"{self.get_source_display()}: {self.count}"
