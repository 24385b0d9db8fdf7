from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from labsite.blocks import RICH_TEXT_FEATURES, BaseStreamBlock


@register_snippet
class Role(models.Model):
    """A position in the group; the people page lists roles in ``sort_order``."""

    name = models.CharField(
        max_length=80, unique=True, help_text=_("Singular, e.g. 'PhD student'.")
    )
    plural_name = models.CharField(
        max_length=80, help_text=_("Used as a heading, e.g. 'PhD students'.")
    )
    sort_order = models.PositiveSmallIntegerField(
        default=100, help_text=_("Smaller numbers are listed first on the people page (PI = 10).")
    )

    panels = [FieldPanel("name"), FieldPanel("plural_name"), FieldPanel("sort_order")]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("role")

    def __str__(self):
        return self.name


class PeopleIndexPage(Page):
    """Current members grouped by role, then alumni with where they went next."""

    introduction = models.TextField(
        blank=True, max_length=600, help_text=_("Optional paragraph above the list of people.")
    )

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    search_fields = Page.search_fields + [index.SearchField("introduction")]

    parent_page_types = ["labsite.HomePage"]
    subpage_types = ["people.PersonPage"]
    max_count_per_parent = 1
    template = "people/people_index_page.html"

    class Meta:
        verbose_name = _("people index page")

    def people(self):
        """Live, public people below this page with what a card needs, in one query plus images."""
        return (
            PersonPage.objects.live()
            .public()
            .descendant_of(self)
            .select_related("role", "photo")
            .prefetch_related("photo__renditions")
            .defer_streamfields()
            .order_by("role__sort_order", "family_name", "title")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        today = timezone.localdate()
        groups: dict[Role | None, list[PersonPage]] = {}
        alumni = []
        for person in self.people():
            if person.is_alumnus(today):
                alumni.append(person)
            else:
                groups.setdefault(person.role, []).append(person)
        alumni.sort(key=lambda p: (p.end_date, p.family_name), reverse=True)
        context["role_groups"] = list(groups.items())
        context["alumni"] = alumni
        return context


class PersonPage(Page):
    given_names = models.CharField(
        max_length=120, blank=True, help_text=_("First and middle names, e.g. 'Ada Maria'.")
    )
    family_name = models.CharField(
        max_length=120, help_text=_("Surname, used to sort people, e.g. 'Lovelace'.")
    )
    role = models.ForeignKey(
        Role,
        on_delete=models.PROTECT,
        related_name="people",
        help_text=_("Their position in the group. Add roles under Snippets > Roles."),
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "A portrait; it is cropped square around the focal point you set on the image."
        ),
    )
    short_bio = models.TextField(
        max_length=400, blank=True, help_text=_("One or two sentences shown on the people page.")
    )
    biography = RichTextField(
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_("A longer biography for their own page."),
    )
    body = StreamField(
        BaseStreamBlock(), blank=True, use_json_field=True, help_text=_("Anything else, in blocks.")
    )
    start_date = models.DateField(null=True, blank=True, help_text=_("When they joined the group."))
    end_date = models.DateField(
        null=True,
        blank=True,
        help_text=_("When they left or will leave. After this day they are listed as alumni."),
    )
    next_position = models.CharField(
        max_length=200,
        blank=True,
        help_text=_("For alumni: where they went next, e.g. 'Postdoc at Example University'."),
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("given_names"), FieldPanel("family_name")]),
                FieldPanel("role"),
            ],
            heading=_("Name and role"),
        ),
        FieldPanel("photo"),
        FieldPanel("short_bio"),
        FieldPanel("biography"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
                FieldPanel("next_position"),
            ],
            heading=_("Time in the group"),
        ),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("family_name"),
        index.SearchField("given_names"),
        index.SearchField("short_bio"),
        index.SearchField("biography"),
        index.FilterField("end_date"),
    ]

    parent_page_types = ["people.PeopleIndexPage"]
    subpage_types = []
    template = "people/person_page.html"

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date is before the start date.")})

    def is_alumnus(self, today=None) -> bool:
        """True once the end date has passed; computed, so nobody has to edit the page."""
        return bool(self.end_date and self.end_date < (today or timezone.localdate()))

    @property
    def photo_alt(self) -> str:
        return _("Photo of %(name)s") % {"name": self.title}


OPENING_KINDS = [
    ("phd", _("PhD studentship")),
    ("postdoc", _("Postdoctoral position")),
    ("internship", _("Internship")),
    ("msc", _("MSc project")),
    ("visiting", _("Visiting position")),
    ("other", _("Other position")),
]


class OpeningIndexPage(Page):
    introduction = models.TextField(
        blank=True, max_length=600, help_text=_("Optional paragraph above the list of openings.")
    )

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    search_fields = Page.search_fields + [index.SearchField("introduction")]

    parent_page_types = ["labsite.HomePage"]
    subpage_types = ["people.OpeningPage"]
    max_count_per_parent = 1
    template = "people/opening_index_page.html"

    class Meta:
        verbose_name = _("openings index page")

    def openings(self):
        return OpeningPage.objects.live().public().descendant_of(self).defer_streamfields()

    def open_openings(self, now=None):
        """Openings still taking applications, soonest deadline first."""
        return self.openings().filter(OpeningPage.open_q(now)).order_by("deadline", "title")

    def closed_openings(self, now=None):
        return self.openings().exclude(OpeningPage.open_q(now)).order_by("-deadline")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["open_openings"] = self.open_openings()
        context["closed_openings"] = self.closed_openings()[:20]
        return context


class OpeningPage(Page):
    kind = models.CharField(
        max_length=20,
        choices=OPENING_KINDS,
        default="phd",
        help_text=_("What kind of position this is."),
    )
    summary = models.TextField(
        max_length=500, help_text=_("Two or three sentences shown in lists and on social media.")
    )
    description = StreamField(
        BaseStreamBlock(), blank=True, use_json_field=True, help_text=_("The full description.")
    )
    deadline = models.DateTimeField(
        null=True,
        blank=True,
        help_text=_(
            "Last moment to apply. After it, the opening leaves every list by itself and its "
            "page says it has closed. Leave empty only for 'open until filled'."
        ),
    )
    open_until_filled = models.BooleanField(
        default=False,
        help_text=_("Tick if there is no deadline: the opening stays up until you untick this."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("kind"),
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("deadline"), FieldPanel("open_until_filled")], heading=_("Deadline")
        ),
        FieldPanel("description"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("description"),
        index.FilterField("deadline"),
    ]

    parent_page_types = ["people.OpeningIndexPage"]
    subpage_types = []
    template = "people/opening_page.html"

    class Meta:
        verbose_name = _("opening")

    @staticmethod
    def open_q(now=None) -> Q:
        """The database condition for 'still open' at ``now``."""
        now = now or timezone.now()
        return Q(deadline__gt=now) | Q(deadline__isnull=True, open_until_filled=True)

    def clean(self):
        super().clean()
        if not self.deadline and not self.open_until_filled:
            raise ValidationError(
                {"deadline": _("Give a deadline, or tick 'open until filled' if there is none.")}
            )

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        if self.deadline:
            return self.deadline > now
        return self.open_until_filled

    @cached_property
    def index_page(self):
        return self.get_parent()
