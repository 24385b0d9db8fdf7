"""Openings that close themselves at their deadline, in the deadline's own time zone."""

import datetime
import zoneinfo

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from labsite.blocks import RICH_TEXT_FEATURES, BaseStreamBlock
from labsite.models.pages import IndexPage
from labsite.pagecache import expire_at
from labsite.served_page import ServedPage
from labsite.time_zones import TIME_ZONE_CHOICES
from labsite.unlisted import Unlistable
from labsite.visibility import restricted
from people.applicant_data import retention
from people.openings.page_form import OpeningPageForm
from people.profiles import credits
from people.profiles.snippets import FundingProgramme, MemberOrExternal

OPENING_KINDS = [
    ("phd", _("PhD studentship")),
    ("postdoc", _("Postdoctoral position")),
    ("internship", _("Internship")),
    ("msc", _("MSc project")),
    ("visiting", _("Visiting position")),
    ("other", _("Other position")),
]

PAST_OPENINGS_PER_PAGE = 50


def open_q(now=None) -> Q:
    """The database condition for 'still taking applications' at ``now``."""
    now = now or timezone.now()
    return Q(deadline__gt=now) | Q(deadline__isnull=True, open_until_filled=True)


class OpeningIndexPage(RoutablePageMixin, IndexPage):
    subpage_types = ["people.OpeningPage"]
    template = "people/opening_index_page.html"

    class Meta:
        verbose_name = _("openings index page")

    def openings(self):
        return (
            OpeningPage.objects.live()
            .exclude(restricted())
            .descendant_of(self)
            .defer_streamfields()
        )

    def open_openings(self, now=None):
        """Openings still taking applications, soonest deadline first."""
        return (
            self.openings()
            .filter(open_q(now))
            .order_by(F("deadline").asc(nulls_last=True), "title")
        )

    def closed_openings(self, now=None):
        return self.openings().exclude(open_q(now)).order_by("-deadline", "title")

    @path("")
    def current(self, request):
        openings = list(self.open_openings())
        for opening in openings:
            expire_at(request, opening.deadline)
        return self.render(request, context_overrides={"open_openings": openings, "archive": False})

    @path("past/")
    def past(self, request):
        closed = list(self.closed_openings()[:PAST_OPENINGS_PER_PAGE])
        # Openings still open now join the archive at their deadline.
        next_deadline = (
            self.open_openings()
            .exclude(deadline__isnull=True)
            .values_list("deadline", flat=True)
            .first()
        )
        expire_at(request, next_deadline)
        return self.render(request, context_overrides={"closed_openings": closed, "archive": True})


class OpeningPage(Unlistable, ServedPage, Page):
    base_form_class = OpeningPageForm
    # Where its results come in site search.
    search_group_order = 60

    kind = models.CharField(
        max_length=20,
        choices=OPENING_KINDS,
        # No default: a PhD once went out as a postdoc because the first choice was taken for
        # an answer. The editor picks one; the form starts at "choose".
        help_text=_("What kind of position this is: visitors filter openings by it."),
    )
    summary = models.TextField(
        max_length=500, help_text=_("Two or three sentences shown in lists and on social media.")
    )
    description = StreamField(
        BaseStreamBlock(), blank=True, use_json_field=True, help_text=_("The full description.")
    )
    funding = models.CharField(
        max_length=300,
        blank=True,
        help_text=_("What the funding covers, e.g. 'Fees and stipend for 4 years'."),
    )
    programme = models.ForeignKey(
        FundingProgramme,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="openings",
        help_text=_("The doctoral training programme or funder, if any."),
    )
    eligibility = RichTextField(
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_("Who can apply: degrees, residency, language."),
    )
    start_date = models.DateField(
        null=True, blank=True, help_text=_("When the position starts, if known.")
    )
    deadline_date = models.DateField(
        null=True,
        blank=True,
        help_text=_(
            "Last day to apply. After the deadline the opening leaves every list by itself."
        ),
    )
    deadline_time = models.TimeField(
        default=datetime.time(23, 59),
        help_text=_("Time of day the deadline falls, in the time zone below."),
    )
    deadline_timezone = models.CharField(
        max_length=64,
        choices=TIME_ZONE_CHOICES,
        default="Europe/London",
        help_text=_("The time zone the deadline is given in (usually the institution's)."),
    )
    deadline = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text=_("The deadline as a moment in time, computed on save."),
    )
    open_until_filled = models.BooleanField(
        default=False,
        help_text=_("Tick if there is no deadline: the opening stays up until you untick this."),
    )
    application_url = models.URLField(
        blank=True,
        help_text=_(
            "Where to apply, if applications go through another site (e.g. the university's portal)."
        ),
    )
    how_to_apply = RichTextField(
        blank=True, features=RICH_TEXT_FEATURES, help_text=_("What to send and to whom.")
    )
    retention_months = models.PositiveSmallIntegerField(
        _("keep applications for"),
        null=True,
        blank=True,
        choices=retention.PRESETS,
        help_text=_(
            "Only if this opening must keep applications for another period than the group's "
            "(Settings > Applications), e.g. because the funder asks. Applicants are told."
        ),
    )

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("start_date")]),
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("deadline_date"), FieldPanel("deadline_time")]),
                FieldPanel("deadline_timezone"),
                FieldPanel("open_until_filled"),
            ],
            heading=_("Deadline"),
        ),
        InlinePanel("supervisors", heading=_("Supervisors"), label=_("Supervisor")),
        MultiFieldPanel([FieldPanel("funding"), FieldPanel("programme")], heading=_("Funding")),
        FieldPanel("eligibility"),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldPanel("application_url"),
                FieldPanel("how_to_apply"),
                FieldPanel("retention_months"),
            ],
            heading=_("How to apply"),
        ),
    ]
    # The open read API (/api/v2/pages/?type=...&fields=...): public fields only.
    api_fields = [
        APIField("kind"),
        APIField("summary"),
        APIField("funding"),
        APIField("start_date"),
        APIField("deadline"),
        APIField("open_until_filled"),
        APIField("application_url"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("description"),
        index.SearchField("funding"),
        index.FilterField("deadline"),
    ]

    parent_page_types = ["people.OpeningIndexPage"]
    subpage_types = []
    template = "people/opening_page.html"

    class Meta:
        verbose_name = _("opening")

    open_q = staticmethod(open_q)

    def clean(self):
        super().clean()
        if not self.deadline_date and not self.open_until_filled:
            raise ValidationError(
                {
                    "deadline_date": _(
                        "Give a deadline, or tick 'open until filled' if there is none."
                    )
                }
            )
        try:
            zoneinfo.ZoneInfo(self.deadline_timezone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            raise ValidationError(
                {"deadline_timezone": _("Choose a time zone from the list.")}
            ) from None

    def save(self, *args, **kwargs):
        self.deadline = self.compute_deadline()
        super().save(*args, **kwargs)

    def compute_deadline(self) -> datetime.datetime | None:
        """The deadline date and time, read in the deadline's own time zone."""
        if not self.deadline_date:
            return None
        zone = zoneinfo.ZoneInfo(self.deadline_timezone)
        return datetime.datetime.combine(self.deadline_date, self.deadline_time, tzinfo=zone)

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        if self.deadline:
            return self.deadline > now
        return self.open_until_filled

    @property
    def local_deadline(self) -> datetime.datetime | None:
        """The deadline shown in the time zone it was given in."""
        return (
            self.deadline.astimezone(zoneinfo.ZoneInfo(self.deadline_timezone))
            if self.deadline
            else None
        )

    @cached_property
    def index_page(self):
        return self.get_parent()

    def ordered_supervisors(self):
        rows = self.supervisors.select_related("person", "external").order_by("sort_order")
        return credits.as_credits(credits.credits_from_rows(rows), {"main": _("Main supervisor")})

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if self.is_open():
            expire_at(request, self.deadline)
        return context


class OpeningSupervisor(Orderable, MemberOrExternal):
    page = ParentalKey(OpeningPage, on_delete=models.CASCADE, related_name="supervisors")
    is_main = models.BooleanField(default=False, help_text=_("Tick for the main supervisor."))

    panels = [FieldRowPanel([FieldPanel("person"), FieldPanel("external"), FieldPanel("is_main")])]

    class Meta(Orderable.Meta):
        verbose_name = _("supervisor")
