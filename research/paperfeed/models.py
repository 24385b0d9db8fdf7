"""The paper feed: papers members recommend to each other, grouped by the day they were shared.

Papers are not pages: a member adds one by DOI, arXiv ID or address and its details are
fetched once, at that moment. The feed page lists them with the members who flagged them,
and an optional journal-club session (date and presenter) for each.
"""

import datetime
import functools
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.search import index

from labsite.feeds import FEED_LENGTH, FeedItem, FeedRoutesMixin
from labsite.models.pages import IndexPage
from labsite.page_links import link_columns
from labsite.panels import records_elsewhere
from labsite.time_zones import TIME_ZONE_CHOICES
from people.profiles.snippets import MemberOrName
from research.paperfeed import votes
from research.paperfeed.filters import PaperFeedFilters
from research.paperfeed.sources import identifier_key
from research.publications.identifiers import arxiv_url, doi_url
from research.themes.models import ResearchThemePage

PAPERS_PER_PAGE = 60


class PaperFeedPage(FeedRoutesMixin, RoutablePageMixin, IndexPage):
    """The public paper feed: today, yesterday, then earlier days; journal-club sessions above."""

    time_zone = models.CharField(
        max_length=64,
        choices=TIME_ZONE_CHOICES,
        default="Europe/London",
        help_text=_("Where the group is: days in the feed begin at midnight in this time zone."),
    )

    content_panels = [
        records_elsewhere(
            _(
                "The papers on this page are not edited here: members share them from the admin "
                "menu, and editors change or remove them in the paper feed's list."
            ),
            "feed_papers:index",
            _("Open the paper feed's list"),
        ),
        *IndexPage.content_panels,
        FieldPanel("time_zone"),
    ]
    subpage_types = []
    template = "research/paper_feed_page.html"

    class Meta:
        verbose_name = _("paper feed page")

    def save(self, *args, **kwargs):
        before = (
            PaperFeedPage.objects.filter(pk=self.pk).values_list("time_zone", flat=True).first()
            if self.pk
            else None
        )
        super().save(*args, **kwargs)
        if before is not None and before != self.time_zone:
            self.__dict__.pop("zone", None)
            self.refresh_days()

    def refresh_days(self) -> None:
        """Store each paper's day again (after the feed's time zone changed)."""
        for pk, added_at in self.feed_papers.values_list("pk", "added_at"):
            FeedPaper.objects.filter(pk=pk).update(day=self.local_date(added_at))

    def clean(self):
        super().clean()
        try:
            zoneinfo.ZoneInfo(self.time_zone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            raise ValidationError({"time_zone": _("Choose a time zone from the list.")}) from None

    @cached_property
    def zone(self) -> zoneinfo.ZoneInfo:
        try:
            return zoneinfo.ZoneInfo(self.time_zone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return zoneinfo.ZoneInfo(settings.TIME_ZONE)

    def local_date(self, moment: datetime.datetime) -> datetime.date:
        return timezone.localtime(moment, self.zone).date()

    def day_start(self, day: datetime.date) -> datetime.datetime:
        """Midnight at the start of ``day`` in the feed's time zone, as an aware moment."""
        return datetime.datetime.combine(day, datetime.time(0), tzinfo=self.zone)

    def papers(self):
        """The papers visitors see: published ones (a source's suggestions wait for an editor)."""
        return paper_queryset().filter(feed=self, status=PaperStatus.PUBLISHED)

    def upcoming_sessions(self, today: datetime.date):
        """Journal-club sessions to come: the title, date and presenter are all they show."""
        return (
            FeedPaper.objects.filter(feed=self, club_date__gte=today, status=PaperStatus.PUBLISHED)
            .select_related("club_presenter")
            .only("title", "club_date", "club_presenter", *link_columns("club_presenter"))
            .order_by("club_date", "pk")
        )

    @path("")
    def listing(self, request):

        today = self.local_date(timezone.now())
        filters = PaperFeedFilters(request.GET, feed=self, today=today)

        @functools.cache
        def listed():
            page = filters.paginate(filters.apply(self.papers()), PAPERS_PER_PAGE)
            return page, list(page.object_list)

        user = request.user
        may_vote = votes.may_vote(user)
        # The lists are read only when rendered: for visitors who do not vote (everyone but
        # signed-in members) they are kept once rendered per address and day
        # ({% kept_fragment %}), so a kept copy reads nothing.
        return self.render(
            request,
            context_overrides={
                "days": SimpleLazyObject(lambda: group_by_day(listed()[1], self, today)),
                "papers_page": SimpleLazyObject(lambda: listed()[0]),
                "filters": filters,
                "sessions": SimpleLazyObject(lambda: list(self.upcoming_sessions(today)[:10])),
                "today": today,
                "asked": tuple((key, tuple(values)) for key, values in sorted(request.GET.lists())),
                "may_vote": may_vote,
                # Only for a signed-in member: anonymous pages stay the same for everyone.
                "my_votes": votes.voted_among(user, listed()[1]) if may_vote else set(),
            },
        )

    @path("papers/<int:paper_id>/vote/", name="vote")
    def vote(self, request, paper_id):
        return votes.vote_view(request, self, paper_id)

    def feed_title(self, group):
        return f"{self.title} · {group}" if group else self.title

    def feed_description(self, group):
        return self.introduction or str(_("Papers the group recommends."))

    def feed_items(self, request):
        return [
            FeedItem(
                title=paper.title,
                link=paper.best_url,
                description=paper.feed_description(),
                published=paper.added_at,
                authors=[paper.authors] if paper.authors else [],
                categories=[theme.title for theme in paper.themes.all()],
            )
            for paper in self.papers()[:FEED_LENGTH]
        ]


def paper_queryset():
    """Papers with their recommenders, themes and presenter: three queries for any number."""
    return (
        FeedPaper.objects.select_related("club_presenter")
        # The paper whole; its presenter a name and a link, not a member's forty other columns.
        .only(*(f.name for f in FeedPaper._meta.concrete_fields), *link_columns("club_presenter"))
        .prefetch_related(
            Prefetch(
                "recommendations",
                queryset=PaperRecommendation.with_people().order_by("created_at", "pk"),
            ),
            Prefetch(
                "themes",
                queryset=ResearchThemePage.objects.only("pk", "title", "slug", "url_path"),
            ),
        )
        .order_by("-added_at", "-pk")
    )


def group_by_day(papers, feed: PaperFeedPage, today: datetime.date) -> list[dict]:
    """[{date, label, papers}] in the order given, one entry per local day."""
    days: list[dict] = []
    for paper in papers:
        day = paper.day or feed.local_date(paper.added_at)
        if not days or days[-1]["date"] != day:
            days.append({"date": day, "label": day_label(day, today), "papers": []})
        days[-1]["papers"].append(paper)
    return days


def day_label(day: datetime.date, today: datetime.date) -> str:

    if day == today:
        return str(_("Today"))
    if day == today - datetime.timedelta(days=1):
        return str(_("Yesterday"))
    pattern = "l j F" if day.year == today.year else "l j F Y"
    return date_format(day, pattern)


class FeedPaperTag(TaggedItemBase):
    content_object = ParentalKey(
        "research.FeedPaper", related_name="tagged_items", on_delete=models.CASCADE
    )


class PaperStatus(models.TextChoices):
    PUBLISHED = "published", _("On the feed")
    SUGGESTED = "suggested", _("Suggested by a source, waiting for an editor")


class FeedPaper(index.Indexed, ClusterableModel):
    feed = models.ForeignKey(
        PaperFeedPage,
        on_delete=models.CASCADE,
        related_name="feed_papers",
        help_text=_("The paper feed this appears in."),
    )
    identifier = models.CharField(
        max_length=320,
        editable=False,
        help_text=_("'doi:…', 'arxiv:…' or 'url:…': what makes two entries the same paper."),
    )
    doi = models.CharField(max_length=255, blank=True, help_text=_("e.g. 10.1038/nphys1170"))
    arxiv_id = models.CharField(max_length=40, blank=True, help_text=_("e.g. 2106.10771"))
    url = models.URLField(
        max_length=500,
        blank=True,
        help_text=_("The paper's page, if it has neither DOI nor arXiv ID."),
    )
    title = models.CharField(max_length=500, help_text=_("The paper's title."))
    authors = models.TextField(
        blank=True,
        help_text=_("The authors as they should appear, e.g. 'Ada Lovelace, Alan Turing'."),
    )
    abstract = models.TextField(blank=True, help_text=_("The abstract, shown folded on the feed."))
    venue = models.CharField(
        max_length=300, blank=True, help_text=_("Journal, conference or 'arXiv'.")
    )
    published = models.DateField(
        null=True, blank=True, help_text=_("When the paper itself came out, if known.")
    )
    added_at = models.DateTimeField(
        default=timezone.now,
        db_index=True,
        help_text=_("When it was shared: the feed groups papers by this day."),
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    status = models.CharField(
        max_length=10,
        choices=PaperStatus.choices,
        default=PaperStatus.PUBLISHED,
        db_index=True,
        help_text=_(
            "Papers a source brings in wait as 'suggested' until an editor puts them on the feed "
            "(unless the source is trusted)."
        ),
    )
    source = models.ForeignKey(
        "research.PaperSource",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="papers",
        editable=False,
    )
    # Kept with the paper (one UPDATE per vote) so ranking 40,000 papers needs no join.
    vote_count = models.PositiveIntegerField(default=0, editable=False)
    # The feed's day it was added on (midnight in the feed's time zone), stored so a day's
    # papers come from an index and rank by votes without computing dates per row.
    day = models.DateField(null=True, editable=False)
    themes = ParentalManyToManyField(
        "research.ResearchThemePage",
        blank=True,
        related_name="feed_papers",
        help_text=_("Research themes this paper is relevant to: the feed can be filtered by them."),
    )
    tags = ClusterTaggableManager(
        through=FeedPaperTag, blank=True, help_text=_("Keywords, e.g. 'methods', 'survey'.")
    )
    club_date = models.DateField(
        null=True,
        blank=True,
        db_index=True,
        verbose_name=_("journal club date"),
        help_text=_("If the journal club discusses it: the session's date."),
    )
    club_presenter = models.ForeignKey(
        "people.PersonPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("journal club presenter"),
        help_text=_("Who presents it at the journal club."),
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("title"),
                FieldPanel("authors"),
                FieldRowPanel([FieldPanel("venue"), FieldPanel("published")]),
                FieldPanel("abstract"),
            ],
            heading=_("The paper"),
        ),
        MultiFieldPanel(
            [FieldPanel("doi"), FieldPanel("arxiv_id"), FieldPanel("url")],
            heading=_("Where to read it"),
        ),
        InlinePanel(
            "recommendations", heading=_("Recommended by"), label=_("Recommendation"), min_num=0
        ),
        MultiFieldPanel([FieldPanel("themes"), FieldPanel("tags")], heading=_("Topics")),
        FieldRowPanel(
            [FieldPanel("club_date"), FieldPanel("club_presenter")], heading=_("Journal club")
        ),
        MultiFieldPanel(
            [FieldPanel("feed"), FieldPanel("status"), FieldPanel("added_at")], heading=_("Feed")
        ),
    ]
    search_fields = [
        index.SearchField("title"),
        index.SearchField("authors"),
        index.SearchField("abstract"),
        index.AutocompleteField("title"),
        index.FilterField("feed"),
        index.FilterField("feed_id"),
        index.FilterField("status"),
        index.FilterField("added_at"),
    ]

    class Meta:
        verbose_name = _("feed paper")
        verbose_name_plural = _("feed papers")
        ordering = ["-added_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["feed", "identifier"], name="research_sharedpaper_unique_identifier"
            )
        ]
        indexes = [
            # The public listing: one feed's published papers, newest first, or by votes.
            models.Index(fields=["feed", "status", "-added_at"], name="research_feedpaper_listing"),
            models.Index(
                fields=["feed", "status", "-day", "-vote_count"], name="research_feedpaper_ranked"
            ),
            # Finding a paper already on the feed by DOI or arXiv ID (sharing, sources).
            models.Index(fields=["feed", "doi"], name="research_feedpaper_doi"),
            models.Index(fields=["feed", "arxiv_id"], name="research_feedpaper_arxiv"),
            # The journal club's coming sessions, read on every feed page.
            models.Index(fields=["feed", "club_date"], name="research_feedpaper_club"),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()

        if not (self.doi or self.arxiv_id or self.url):
            raise ValidationError(
                _("Give at least one of DOI, arXiv ID or address, so readers can find the paper.")
            )
        try:
            self.identifier = identifier_key(self.doi, self.arxiv_id, self.url)
        except ValidationError as error:
            field = "doi" if error.code == "doi" else "arxiv_id"
            raise ValidationError({field: error.messages}) from None
        if self.feed_id:
            twin = FeedPaper.objects.filter(feed_id=self.feed_id, identifier=self.identifier)
            if twin.exclude(pk=self.pk).exists():
                raise ValidationError(
                    _(
                        "This paper is already in the feed. Open it and add your recommendation there."
                    )
                )

    def save(self, *args, **kwargs):
        if not self.identifier:
            self.identifier = identifier_key(self.doi, self.arxiv_id, self.url)
        if self.feed_id and self.added_at:
            self.day = self.feed.local_date(self.added_at)
        super().save(*args, **kwargs)

    @property
    def best_url(self) -> str:
        if self.doi:
            return doi_url(self.doi)
        if self.arxiv_id:
            return arxiv_url(self.arxiv_id)
        return self.url

    def links(self) -> list[tuple[str, str]]:
        """(label, address) for every way to read it, most authoritative first."""
        links = []
        if self.doi:
            links.append((str(_("Publisher (DOI)")), doi_url(self.doi)))
        if self.arxiv_id:
            links.append(("arXiv", arxiv_url(self.arxiv_id)))
            links.append(("PDF", f"https://arxiv.org/pdf/{self.arxiv_id}"))
        if self.url and self.url not in {link for _label, link in links}:
            links.append((str(_("Web page")), self.url))
        return links

    @property
    def flag_count(self) -> int:
        return len(self.recommendations.all())

    def recommenders(self) -> list[str]:
        return [r.display_name for r in self.recommendations.all()]

    def recommender_list(self) -> str:
        return ", ".join(self.recommenders())

    def feed_description(self) -> str:
        parts = []
        for recommendation in self.recommendations.all():
            if recommendation.comment:
                parts.append(f"{recommendation.display_name}: {recommendation.comment}")
        if self.abstract:
            parts.append(self.abstract)
        return "\n\n".join(parts)

    def session_is_upcoming(self, today: datetime.date) -> bool:
        return bool(self.club_date and self.club_date >= today)


class PaperRecommendation(MemberOrName, models.Model):
    """A member flagging a paper, with a short note on why to read it."""

    paper = ParentalKey(FeedPaper, on_delete=models.CASCADE, related_name="recommendations")
    comment = models.CharField(
        max_length=500,
        blank=True,
        help_text=_("Why read this, in a sentence or two (optional)."),
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    panels = [FieldRowPanel([FieldPanel("person"), FieldPanel("name")]), FieldPanel("comment")]

    missing_person_message = _("Choose a member or type a name.")

    class Meta:
        verbose_name = _("recommendation")
        constraints = [
            models.UniqueConstraint(
                fields=["paper", "person"], name="research_paperrecommendation_once_per_person"
            )
        ]

    def __str__(self):
        return f"{self.display_name} → {self.paper_id}"


class PaperVote(models.Model):
    """One member's vote for a paper: one each, and taking it back removes it."""

    paper = models.ForeignKey(FeedPaper, on_delete=models.CASCADE, related_name="votes")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["paper", "user"], name="research_papervote_once")
        ]

    def __str__(self):
        return f"{self.user_id} → {self.paper_id}"


class SourceKind(models.TextChoices):
    ARXIV = "arxiv", _("arXiv search (category or keywords)")
    CROSSREF = "crossref", _("Crossref: a journal's new papers (by ISSN) or a search")
    FEED = "feed", _("Any RSS or Atom feed of a journal or preprint server")


class PaperSource(models.Model):
    """Where new papers for a feed come from by themselves, checked by the worker."""

    name = models.CharField(
        max_length=120, help_text=_("What the group calls it, e.g. 'arXiv: ocean acoustics'.")
    )
    feed = models.ForeignKey(
        PaperFeedPage,
        on_delete=models.CASCADE,
        related_name="sources",
        help_text=_("The paper feed its papers go to."),
    )
    kind = models.CharField(max_length=10, choices=SourceKind.choices, default=SourceKind.ARXIV)
    query = models.CharField(
        max_length=500,
        help_text=_(
            "arXiv: a category or search, e.g. 'cs.LG' or 'cat:physics.ao-ph AND abs:tides'. "
            "Crossref: a journal's ISSN (e.g. 2167-8359) or words to search for. "
            "Feed: the feed's address (https://...)."
        ),
    )
    per_day = models.PositiveSmallIntegerField(
        default=20,
        help_text=_("At most this many new papers a day from this source (1-500)."),
    )
    keep_keywords = models.TextField(
        blank=True,
        help_text=_(
            "Keep only papers whose title or abstract has one of these words or phrases, one per "
            "line. Leave empty to keep everything."
        ),
    )
    drop_keywords = models.TextField(
        blank=True,
        help_text=_("Leave out papers whose title or abstract has any of these, one per line."),
    )
    trusted = models.BooleanField(
        default=False,
        help_text=_(
            "Put its papers on the feed straight away. Untick to have them wait as suggestions "
            "an editor approves."
        ),
    )
    active = models.BooleanField(default=True, help_text=_("Untick to stop checking it."))
    last_checked_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_error = models.TextField(blank=True, editable=False)
    failures_in_a_row = models.PositiveSmallIntegerField(default=0, editable=False)

    panels = [
        MultiFieldPanel(
            [FieldPanel("name"), FieldPanel("feed"), FieldPanel("kind"), FieldPanel("query")],
            heading=_("Where papers come from"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("per_day"),
                FieldRowPanel([FieldPanel("keep_keywords"), FieldPanel("drop_keywords")]),
            ],
            heading=_("Which papers to keep"),
        ),
        FieldRowPanel([FieldPanel("trusted"), FieldPanel("active")], heading=_("Publishing")),
    ]

    class Meta:
        verbose_name = _("paper source")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        from research.paperfeed import ingest

        if not 1 <= (self.per_day or 0) <= 500:
            raise ValidationError({"per_day": _("Choose a number from 1 to 500.")})
        try:
            ingest.check_query(self.kind, self.query)
        except ValidationError as error:
            raise ValidationError({"query": error.messages}) from None

    def recent_checks(self) -> str:
        """The last ten checks, newest first, as the source's page shows them."""
        lines = []
        for run in self.runs.all()[:10]:
            when = timezone.localtime(run.started_at).strftime("%Y-%m-%d %H:%M")
            if run.error:
                lines.append(f"{when}: failed: {run.error}")
            else:
                lines.append(
                    f"{when}: {run.found} found, {run.added} added, {run.already_there} already "
                    f"there, {run.filtered_out} left out by keywords, {run.over_daily_limit} over "
                    "the daily number"
                )
        return "\n".join(lines) or str(_("Not checked yet."))

    recent_checks.short_description = _("Recent checks")

    @property
    def status_line(self) -> str:
        if self.last_checked_at is None:
            return str(_("Not checked yet"))
        if self.last_error:
            return str(_("Failing: %(error)s") % {"error": self.last_error})
        return str(_("Working"))


class SourceRun(models.Model):
    """One check of a source: what came in, what was left out and why, or what went wrong."""

    source = models.ForeignKey(PaperSource, on_delete=models.CASCADE, related_name="runs")
    started_at = models.DateTimeField(default=timezone.now)
    seconds = models.FloatField(default=0)
    found = models.PositiveIntegerField(default=0)
    added = models.PositiveIntegerField(default=0)
    already_there = models.PositiveIntegerField(default=0)
    filtered_out = models.PositiveIntegerField(default=0)
    over_daily_limit = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("source check")

    def __str__(self):
        return f"{self.source_id} at {self.started_at:%Y-%m-%d %H:%M}"
