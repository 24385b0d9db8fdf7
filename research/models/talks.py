"""Talks: invited talks, seminars, posters... with an upcoming/past listing and an iCalendar feed."""

import datetime
import zoneinfo

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Orderable, Page
from wagtail.search import index

from labsite.cache import expire_at
from labsite.models.pages import IndexPage
from people.models.openings import TIME_ZONE_CHOICES

PAST_TALKS_PER_PAGE = 100


class TalkKind(models.TextChoices):
    INVITED = "invited", _("Invited talk")
    KEYNOTE = "keynote", _("Keynote")
    SEMINAR = "seminar", _("Seminar")
    CONTRIBUTED = "contributed", _("Contributed talk")
    POSTER = "poster", _("Poster")
    TUTORIAL = "tutorial", _("Tutorial")
    PANEL = "panel", _("Panel")
    OUTREACH = "outreach", _("Outreach")


class TalkStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    GIVEN = "given", _("Given")
    CANCELLED = "cancelled", _("Cancelled")
    POSTPONED = "postponed", _("Postponed")


def talk_queryset():
    return TalkPage.objects.prefetch_related(
        Prefetch(
            "speakers", queryset=TalkSpeaker.objects.select_related("person").order_by("sort_order")
        )
    ).defer_streamfields()


class TalkIndexPage(RoutablePageMixin, IndexPage):
    subpage_types = ["research.TalkPage"]
    template = "research/talk_index_page.html"

    class Meta:
        verbose_name = _("talks index page")

    def talks(self):
        return talk_queryset().live().public().descendant_of(self)

    def upcoming(self, now=None):
        """Talks still to come, soonest first; cancelled and postponed ones stay, marked."""
        return (
            self.talks()
            .filter(starts_at__gte=(now or timezone.now()) - datetime.timedelta(hours=12))
            .order_by("starts_at")
        )

    def past(self, now=None):
        return (
            self.talks()
            .filter(starts_at__lt=(now or timezone.now()) - datetime.timedelta(hours=12))
            .order_by("-starts_at")
        )

    @path("")
    def listing(self, request):
        upcoming = list(self.upcoming())
        if upcoming:
            expire_at(request, upcoming[0].starts_at + datetime.timedelta(hours=12))
        return self.render(
            request,
            context_overrides={
                "upcoming": upcoming,
                "past": list(self.past()[:PAST_TALKS_PER_PAGE]),
            },
        )

    @path("calendar/", name="calendar")
    def calendar(self, request):
        from research.ical import calendar_response

        return calendar_response(request, self, list(self.upcoming()))


class TalkPage(Page):
    kind = models.CharField(
        max_length=20,
        choices=TalkKind.choices,
        default=TalkKind.INVITED,
        help_text=_("What kind of talk."),
    )
    status = models.CharField(
        max_length=20,
        choices=TalkStatus.choices,
        default=TalkStatus.SCHEDULED,
        help_text=_("Cancelled and postponed talks stay listed, clearly marked."),
    )
    status_note = models.CharField(
        max_length=200,
        blank=True,
        help_text=_("Optional reason or new date, e.g. 'Postponed to spring because of strikes'."),
    )
    event = models.CharField(
        max_length=200, blank=True, help_text=_("The conference, seminar series or event.")
    )
    event_url = models.URLField(blank=True, help_text=_("The event's web page."))
    location = models.CharField(
        max_length=200, blank=True, help_text=_("City and venue, e.g. 'Lisbon, Portugal'.")
    )
    online = models.BooleanField(default=False, help_text=_("Tick if the talk is (also) online."))
    start_date = models.DateField(help_text=_("The day of the talk."))
    start_time = models.TimeField(
        null=True, blank=True, help_text=_("Optional start time, in the time zone below.")
    )
    duration_minutes = models.PositiveSmallIntegerField(
        default=60, help_text=_("How long it lasts, in minutes.")
    )
    time_zone = models.CharField(
        max_length=64,
        choices=TIME_ZONE_CHOICES,
        default="Europe/London",
        help_text=_("The time zone of the event."),
    )
    starts_at = models.DateTimeField(editable=False, db_index=True)
    abstract = models.TextField(blank=True, help_text=_("What the talk is about."))
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
        related_name="talks",
        help_text=_("Papers this talk presents."),
    )

    content_panels = Page.content_panels + [
        InlinePanel("speakers", heading=_("Speakers"), label=_("Speaker"), min_num=1),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("status")]),
        FieldPanel("status_note"),
        MultiFieldPanel(
            [
                FieldPanel("event"),
                FieldPanel("event_url"),
                FieldRowPanel([FieldPanel("location"), FieldPanel("online")]),
            ],
            heading=_("Event"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("start_date"),
                        FieldPanel("start_time"),
                        FieldPanel("duration_minutes"),
                    ]
                ),
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
    search_fields = Page.search_fields + [
        index.SearchField("abstract"),
        index.SearchField("event"),
        index.RelatedFields("speakers", [index.SearchField("name")]),
        index.FilterField("starts_at"),
    ]
    parent_page_types = ["research.TalkIndexPage"]
    subpage_types = []
    template = "research/talk_page.html"

    class Meta:
        verbose_name = _("talk")

    def clean(self):
        super().clean()
        if self.slides_url and self.slides_document_id:
            raise ValidationError({"slides_url": _("Give a slides link or upload them, not both.")})
        try:
            zoneinfo.ZoneInfo(self.time_zone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            raise ValidationError({"time_zone": _("Choose a time zone from the list.")}) from None

    def save(self, *args, **kwargs):
        self.starts_at = self.compute_start()
        super().save(*args, **kwargs)

    def compute_start(self) -> datetime.datetime:
        """The start as a moment; a talk without a time counts from the start of its day."""
        return datetime.datetime.combine(
            self.start_date,
            self.start_time or datetime.time(0, 0),
            tzinfo=zoneinfo.ZoneInfo(self.time_zone),
        )

    @property
    def ends_at(self) -> datetime.datetime:
        return self.starts_at + datetime.timedelta(minutes=self.duration_minutes)

    @property
    def slides_href(self) -> str:
        return self.slides_url or (self.slides_document.url if self.slides_document else "")

    @property
    def is_cancelled(self) -> bool:
        return self.status == TalkStatus.CANCELLED

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["speakers"] = list(self.speakers.select_related("person").order_by("sort_order"))
        context["publications"] = list(self.related_publications.live().order_by("-year"))
        return context


class TalkSpeaker(Orderable):
    page = ParentalKey(TalkPage, on_delete=models.CASCADE, related_name="speakers")
    person = models.ForeignKey(
        "people.PersonPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="talks_given",
        help_text=_("A group member..."),
    )
    name = models.CharField(max_length=200, blank=True, help_text=_("...or the speaker's name."))

    panels = [FieldRowPanel([FieldPanel("person"), FieldPanel("name")])]

    class Meta(Orderable.Meta):
        verbose_name = _("speaker")

    def clean(self):
        super().clean()
        if not self.person_id and not self.name.strip():
            raise ValidationError({"name": _("Choose a group member or type the speaker's name.")})

    @property
    def display_name(self) -> str:
        return self.name or (self.person.title if self.person else "")
