"""One work found in an outside record, waiting for its member (or an editor) to decide."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class IncomingSource(models.TextChoices):
    ORCID = "orcid", _("ORCID record")
    ARXIV = "arxiv", _("arXiv")
    ZOTERO = "zotero", _("Zotero library")


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


class ZoteroLibrary(models.Model):
    """A Zotero library the group keeps its references in, read weekly: items new to the site
    go to the works to review of the members they name (or of the reviewer)."""

    class Kind(models.TextChoices):
        GROUP = "groups", _("Group library")
        USER = "users", _("Personal library")

    name = models.CharField(max_length=100, help_text=_("How you call it, e.g. 'Lab papers'."))
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.GROUP)
    library_id = models.PositiveIntegerField(
        _("library number"),
        help_text=_(
            "The number in the library's address on zotero.org: zotero.org/groups/123456/… "
            "gives 123456. For a personal library: the user ID shown under Settings → Security."
        ),
    )
    api_key = models.CharField(
        _("API key"),
        max_length=60,
        blank=True,
        help_text=_(
            "Only for a private library: a read-only key made under Settings → Security on "
            "zotero.org. Leave empty for a public library."
        ),
    )
    reviewer = models.ForeignKey(
        "people.PersonPage",
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Who reviews the items that name no member of the group."),
    )
    #: The highest item version read: the next check asks only for what changed since.
    version = models.PositiveIntegerField(default=0, editable=False)
    checked_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_problem = models.CharField(max_length=300, blank=True, editable=False)

    class Meta:
        verbose_name = _("Zotero library")
        verbose_name_plural = _("Zotero libraries")
        constraints = [
            models.UniqueConstraint(fields=["kind", "library_id"], name="zotero_library_once")
        ]

    def __str__(self) -> str:
        return self.name
