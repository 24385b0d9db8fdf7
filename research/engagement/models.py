"""The engagement record: talks, posters, organising, visits, schools, service, outreach, media.

One page type covers them all (it grew out of the talks model) so every list, filter, feed
and person page treats them alike; each kind shows the fields that matter to it.
"""

import datetime
import zoneinfo

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Orderable, Page
from wagtail.search import index

from labsite import dates
from labsite.dates import DatePrecision, precision_field, truncate
from labsite.models.pages import IndexPage
from labsite.page_links import link_columns, related_pages
from labsite.pagecache import expire_at
from labsite.partial_dates import PartialDatesForm
from labsite.served_page import ServedPage
from labsite.shortlists import shortlist
from labsite.time_zones import TIME_ZONE_CHOICES
from labsite.unlisted import Unlistable
from labsite.visibility import restricted
from people.profiles.credits import CreditedModel
from people.profiles.member_permissions import MemberEditable
from people.profiles.snippets import MemberOrName
from research.engagement.ical import calendar_response

PAST_ACTIVITIES_PER_PAGE = 50
UPCOMING_ACTIVITIES = 30


class ActivityKind(models.TextChoices):
    INVITED = "invited", _("Invited talk")
    KEYNOTE = "keynote", _("Keynote")
    PLENARY = "plenary", _("Plenary talk")
    SPOTLIGHT = "spotlight", _("Spotlight talk")
    PAPER = "paper", _("Paper presentation")
    SEMINAR = "seminar", _("Seminar")
    CONTRIBUTED = "contributed", _("Contributed talk")
    POSTER = "poster", _("Poster")
    TUTORIAL = "tutorial", _("Tutorial")
    PANEL = "panel", _("Panel")
    ORGANISING = "organising", _("Organising")
    VISIT = "visit", _("Research visit")
    ATTENDED = "attended", _("School or workshop attended")
    SERVICE = "service", _("Reviewing or editorial service")
    OUTREACH = "outreach", _("Outreach")
    MEDIA = "media", _("Media")


# How a person's page groups the kinds, in this order.
KIND_GROUPS = [
    (
        _("Talks and posters"),
        [
            "plenary",
            "keynote",
            "invited",
            "seminar",
            "spotlight",
            "contributed",
            "paper",
            "tutorial",
            "panel",
            "poster",
        ],
    ),
    (_("Organising"), ["organising"]),
    (_("Research visits"), ["visit"]),
    (_("Schools and workshops attended"), ["attended"]),
    (_("Reviewing and editorial service"), ["service"]),
    (_("Outreach and media"), ["outreach", "media"]),
]
TALK_KINDS = set(KIND_GROUPS[0][1])
# Kinds that last months or years are shown by year, not by day.
YEARLY_KINDS = {"service"}


class ActivityStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")
    POSTPONED = "postponed", _("Postponed")


class EventFormat(models.TextChoices):
    CONFERENCE = "conference", _("Conference")
    WORKSHOP = "workshop", _("Workshop")
    SERIES = "series", _("Seminar series")
    SESSION = "session", _("Session")
    SCHOOL = "school", _("Summer or winter school")
    JOURNAL = "journal", _("Journal")
    OTHER = "other", _("Other")


class ActivityRole(models.TextChoices):
    SPEAKER = "speaker", _("Speaker")
    PRESENTER = "presenter", _("Presenter")
    ORGANISER = "organiser", _("Organiser")
    CHAIR = "chair", _("Chair")
    COMMITTEE = "committee", _("Committee member")
    REVIEWER = "reviewer", _("Reviewer")
    AREA_CHAIR = "area_chair", _("Area chair")
    EDITOR = "editor", _("Editor")
    VISITOR = "visitor", _("Visitor")
    PARTICIPANT = "participant", _("Participant")
    CONTRIBUTOR = "contributor", _("Contributor")


def activity_queryset():
    """Activities ready for listing in one query: who was involved is stored on them."""
    return ActivityPage.objects.defer_streamfields()


def activity_cards():
    """Activities as lists show them (``components/activity_card.html``): only the columns an
    entry prints and what tells its stored copy apart (``{% record_fragment %}``)."""
    return ActivityPage.objects.only(*ActivityPage.card_columns)


def upcoming_q(now=None) -> Q:
    """Still to come: starting from twelve hours ago, or running until today or later."""
    now = now or timezone.now()
    return Q(starts_at__gte=now - datetime.timedelta(hours=12)) | Q(
        end_date__gte=timezone.localdate(now)
    )


class EngagementIndexPage(RoutablePageMixin, IndexPage):
    """The group's whole engagement record, filterable by kind, year and member."""

    subpage_types = ["research.ActivityPage"]
    template = "research/engagement_index_page.html"

    class Meta:
        verbose_name = _("talks and engagement index page")

    def activities(self):
        return activity_queryset().live().exclude(restricted()).descendant_of(self)

    def upcoming(self, now=None):
        """What is still to come, soonest first; cancelled and postponed stay, marked."""
        return self.activities().filter(upcoming_q(now)).order_by("starts_at")

    def past(self, now=None):
        return self.activities().exclude(upcoming_q(now)).order_by("-starts_at")

    @path("")
    def listing(self, request):
        # Imported here: the filters module imports this page's models (a documented cycle).
        from research.engagement.filters import ActivityFilters

        filters = ActivityFilters(request.GET, index=self)
        # The soonest few: a year of announced events stays one screen; the calendar has all.
        cards = ActivityPage.card_columns
        upcoming = shortlist(filters.apply(self.upcoming()).only(*cards), UPCOMING_ACTIVITIES)
        if upcoming:
            expire_at(request, upcoming[0].starts_at + datetime.timedelta(hours=12))
        past_page = filters.paginate(
            filters.apply(self.past()).only(*cards), PAST_ACTIVITIES_PER_PAGE
        )
        return self.render(
            request,
            context_overrides={"upcoming": upcoming, "past_page": past_page, "filters": filters},
        )

    @path("calendar/", name="calendar")
    def calendar(self, request):

        # A calendar entry needs a day: activities known only to the month or year stay off it.
        upcoming = (
            self.upcoming().exclude(kind__in=YEARLY_KINDS).filter(date_precision=DatePrecision.DAY)
        )
        return calendar_response(request, self, list(upcoming))


class ActivityPageForm(PartialDatesForm, WagtailAdminPageForm):
    """Dates typed as known: "2025", "March 2025", "2025-03-14" (labsite.partial_dates)."""


class ActivityPage(MemberEditable, CreditedModel, Unlistable, ServedPage, Page):
    base_form_class = ActivityPageForm
    # Where its results come in site search.
    search_group_order = 70
    credit_relation = "involved"
    credit_roles = dict(ActivityRole.choices)

    kind = models.CharField(
        max_length=20,
        choices=ActivityKind.choices,
        default=ActivityKind.INVITED,
        help_text=_("What kind of activity: a talk, organising, a visit, service..."),
    )
    status = models.CharField(
        max_length=20,
        choices=ActivityStatus.choices,
        default=ActivityStatus.PLANNED,
        help_text=_("Cancelled and postponed items stay listed, clearly marked."),
    )
    status_note = models.CharField(
        max_length=200,
        blank=True,
        help_text=_("Optional reason or new date, e.g. 'Postponed to spring because of strikes'."),
    )
    event = models.CharField(
        max_length=200,
        blank=True,
        help_text=_(
            "The conference, seminar series, school, journal or outlet, e.g. 'NeurIPS 2025' "
            "or 'Journal of Marine Systems'."
        ),
    )
    event_format = models.CharField(
        max_length=20,
        choices=EventFormat.choices,
        blank=True,
        help_text=_("For organising, attending and service: what kind of event or venue it is."),
    )
    event_url = models.URLField(blank=True, help_text=_("The event's web page."))
    host = models.CharField(
        max_length=200, blank=True, help_text=_("For visits: who hosted, e.g. 'Prof. Ana Silva'.")
    )
    institution = models.CharField(
        max_length=200,
        blank=True,
        help_text=_("For visits: the host institution, e.g. 'University of Lisbon'."),
    )
    location = models.CharField(
        max_length=200, blank=True, help_text=_("City and venue, e.g. 'Lisbon, Portugal'.")
    )
    online = models.BooleanField(default=False, help_text=_("Tick if it is (also) online."))
    start_date = models.DateField(
        help_text=_("When it happens (or starts), as exactly as you know it.")
    )
    end_date = models.DateField(
        null=True,
        blank=True,
        help_text=_("For visits, schools and service: the last day. Leave empty for one day."),
    )
    date_precision = precision_field()
    selected = models.BooleanField(
        default=False,
        help_text=_(
            "Tick to show it among the group's selected engagement on the home page and at the "
            "top of the people's pages."
        ),
    )
    start_time = models.TimeField(
        null=True, blank=True, help_text=_("Optional start time, in the time zone below.")
    )
    duration_minutes = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text=_(
            "For talks on a known day: how long it lasts, in minutes. Leave empty if unsure."
        ),
    )
    time_zone = models.CharField(
        max_length=64,
        choices=TIME_ZONE_CHOICES,
        default="Europe/London",
        help_text=_("The time zone of the event."),
    )
    starts_at = models.DateTimeField(editable=False, db_index=True)
    abstract = models.TextField(
        blank=True, help_text=_("What the talk is about, or a short description.")
    )
    slides_url = models.URLField(blank=True, help_text=_("Link to the slides, if shared."))
    slides_document = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("...or upload them."),
    )
    video_url = models.URLField(blank=True, help_text=_("Link to a recording."))
    related_publications = ParentalManyToManyField(
        "research.PublicationPage",
        blank=True,
        related_name="activities",
        help_text=_("Papers this presents."),
    )

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("status")]),
        FieldPanel("status_note"),
        FieldPanel("selected"),
        InlinePanel("involved", heading=_("People"), label=_("Person"), min_num=1),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("event"), FieldPanel("event_format")]),
                FieldPanel("event_url"),
                FieldRowPanel([FieldPanel("host"), FieldPanel("institution")]),
                FieldRowPanel([FieldPanel("location"), FieldPanel("online")]),
            ],
            heading=_("Event or place"),
        ),
        MultiFieldPanel(
            [
                # One box per date, "2025" to "2025-03-14"; the precision follows what is typed.
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
                FieldRowPanel([FieldPanel("start_time"), FieldPanel("duration_minutes")]),
                FieldPanel("time_zone"),
            ],
            heading=_("When"),
        ),
        FieldPanel("abstract"),
        MultiFieldPanel(
            [FieldPanel("slides_url"), FieldPanel("slides_document"), FieldPanel("video_url")],
            heading=_("Material"),
        ),
        FieldPanel("related_publications"),
    ]
    # The open read API (/api/v2/pages/?type=...&fields=...): public fields only.
    api_fields = [
        APIField("kind"),
        APIField("status"),
        APIField("event"),
        APIField("event_url"),
        APIField("location"),
        APIField("online"),
        APIField("start_date"),
        APIField("end_date"),
        APIField("abstract"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("abstract"),
        index.SearchField("event"),
        index.SearchField("institution"),
        index.RelatedFields("involved", [index.SearchField("name")]),
        index.FilterField("starts_at"),
        index.FilterField("kind"),
    ]
    parent_page_types = ["research.EngagementIndexPage"]
    subpage_types = []
    template = "research/activity_page.html"

    class Meta:
        verbose_name = _("talk or activity")
        verbose_name_plural = _("talks and activities")

    def clean(self):
        super().clean()
        errors = {}
        if self.slides_url and self.slides_document_id:
            errors["slides_url"] = _("Give a slides link or upload them, not both.")
        if self.end_date and self.start_date and self.end_date < self.start_date:
            errors["end_date"] = _("The last day cannot be before the first day.")
        try:
            zoneinfo.ZoneInfo(self.time_zone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            errors["time_zone"] = _("Choose a time zone from the list.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        self.start_date = truncate(self.start_date, self.date_precision)
        self.end_date = truncate(self.end_date, self.date_precision)
        if self.date_precision != DatePrecision.DAY:
            self.start_time = None  # a time without a known day means nothing
        self.starts_at = self.compute_start()
        super().save(*args, **kwargs)

    def compute_start(self) -> datetime.datetime:
        """The start as a moment; without a time it counts from the start of its day."""
        return datetime.datetime.combine(
            self.start_date,
            self.start_time or datetime.time(0, 0),
            tzinfo=zoneinfo.ZoneInfo(self.time_zone),
        )

    @property
    def ends_at(self) -> datetime.datetime:
        # Calendars need an end: an hour when the length is not known.
        return self.starts_at + datetime.timedelta(minutes=self.duration_minutes or 60)

    @property
    def slides_href(self) -> str:
        return self.slides_url or (self.slides_document.url if self.slides_document else "")

    @property
    def is_cancelled(self) -> bool:
        return self.status == ActivityStatus.CANCELLED

    @property
    def is_talk(self) -> bool:
        return self.kind in TALK_KINDS

    #: What ``components/activity_when.html`` reads (with ``kind`` for its label).
    when_columns = ("kind", "start_date", "end_date", "date_precision", "start_time", "time_zone")
    #: What an entry in a list prints (``components/activity_card.html``), with what tells its
    #: stored copy apart (``{% record_fragment %}``) and when it starts (lists expire then).
    card_columns = (
        *link_columns(),
        *when_columns,
        "starts_at",
        "last_published_at",
        "credits",
        "status",
        "status_note",
        "event",
        "event_url",
        "institution",
        "location",
        "online",
        "selected",
    )

    @property
    def is_yearly(self) -> bool:
        return self.kind in YEARLY_KINDS

    @property
    def years(self) -> str:
        return dates.span(self.start_date, self.end_date, DatePrecision.YEAR)

    @property
    def exact_day(self) -> bool:
        return self.date_precision == DatePrecision.DAY

    @property
    def when(self) -> str:
        """The dates as known: "2025", "March–May 2025", "5–7 June 2025"."""
        return dates.span(self.start_date, self.end_date, self.date_precision)

    @property
    def when_machine(self) -> str:
        return dates.machine(self.start_date, self.date_precision)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Who took part, as stored on the activity at save (no query; a preview reads its rows).
        context["involved"] = self.credited_for(request)
        context["publications"] = list(
            related_pages(self, "related_publications")
            .exclude(restricted())
            .only(*link_columns(), "year")
            .order_by("-year")
        )
        return context


class ActivityPerson(MemberOrName, Orderable):
    """Someone involved: a group member or a typed name, with their role if it needs saying."""

    page = ParentalKey(ActivityPage, on_delete=models.CASCADE, related_name="involved")
    person = models.ForeignKey(
        "people.PersonPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="activities",
        help_text=_("A group member: their name links to their page."),
    )
    role = models.CharField(
        max_length=20,
        choices=ActivityRole.choices,
        blank=True,
        help_text=_("Their role, e.g. chair or organiser. Leave empty for a talk's speaker."),
    )

    panels = [FieldRowPanel([FieldPanel("person"), FieldPanel("name"), FieldPanel("role")])]

    class Meta(Orderable.Meta):
        verbose_name = _("person involved")
