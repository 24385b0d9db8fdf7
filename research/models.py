from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from labsite.blocks import BaseStreamBlock


class ResearchIndexPage(Page):
    introduction = models.TextField(
        blank=True, max_length=800, help_text=_("What the group studies, in a paragraph.")
    )

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    search_fields = Page.search_fields + [index.SearchField("introduction")]

    parent_page_types = ["labsite.HomePage"]
    subpage_types = ["research.ResearchThemePage"]
    max_count_per_parent = 1
    template = "research/research_index_page.html"

    class Meta:
        verbose_name = _("research index page")

    def themes(self):
        return (
            ResearchThemePage.objects.live()
            .public()
            .child_of(self)
            .select_related("image")
            .prefetch_related("image__renditions")
            .defer_streamfields()
        )


class ResearchThemePage(Page):
    summary = models.TextField(
        max_length=500, help_text=_("Two or three sentences for lists and social media.")
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Landscape, at least 1200 px wide; cropped around its focal point."),
    )
    image_alt = models.CharField(
        max_length=200, blank=True, help_text=_("Describe the image for people who cannot see it.")
    )
    body = StreamField(
        BaseStreamBlock(), blank=True, use_json_field=True, help_text=_("The theme in depth.")
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt")], heading=_("Image")),
        FieldPanel("body"),
        InlinePanel("members", heading=_("People working on this theme"), label=_("Person")),
    ]
    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("body")]

    parent_page_types = ["research.ResearchIndexPage"]
    subpage_types = []
    template = "research/research_theme_page.html"

    class Meta:
        verbose_name = _("research theme")


class ThemeMember(Orderable):
    """A group member who works on a research theme (shown on both pages)."""

    theme = ParentalKey(ResearchThemePage, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey(
        "people.PersonPage",
        on_delete=models.CASCADE,
        related_name="theme_memberships",
        help_text=_("A group member."),
    )

    panels = [FieldPanel("person")]

    class Meta(Orderable.Meta):
        verbose_name = _("theme member")
        constraints = [
            models.UniqueConstraint(fields=["theme", "person"], name="unique_theme_member")
        ]


class PublicationStatus(models.TextChoices):
    PUBLISHED = "published", _("Published")
    ACCEPTED = "accepted", _("Accepted")
    UNDER_REVIEW = "under_review", _("Under review")
    IN_PREPARATION = "in_preparation", _("In preparation")


class PublicationType(models.TextChoices):
    JOURNAL_ARTICLE = "article", _("Journal article")
    CONFERENCE_PAPER = "inproceedings", _("Conference paper")
    WORKSHOP_PAPER = "workshop", _("Workshop paper")
    PREPRINT = "preprint", _("Preprint")
    BOOK = "book", _("Book")
    CHAPTER = "chapter", _("Book chapter")
    THESIS = "thesis", _("Thesis")
    REPORT = "report", _("Report")
    POSTER = "poster", _("Poster")
    SOFTWARE = "software", _("Software")
    DATASET = "dataset", _("Dataset")


class PublicationIndexPage(Page):
    introduction = models.TextField(
        blank=True, max_length=600, help_text=_("Optional paragraph above the list.")
    )

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    search_fields = Page.search_fields + [index.SearchField("introduction")]

    parent_page_types = ["labsite.HomePage"]
    subpage_types = ["research.PublicationPage"]
    max_count_per_parent = 1
    template = "research/publication_index_page.html"

    class Meta:
        verbose_name = _("publication index page")

    def publications(self):
        """Live, public publications below this page with their authors, in two queries."""
        return (
            PublicationPage.objects.live()
            .public()
            .descendant_of(self)
            .prefetch_related(
                Prefetch(
                    "authors",
                    queryset=PublicationAuthor.objects.select_related("person").order_by(
                        "sort_order"
                    ),
                )
            )
            .defer_streamfields()
            .order_by("-year", "title")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        years: dict[int, list[PublicationPage]] = {}
        for publication in self.publications():
            years.setdefault(publication.year, []).append(publication)
        context["years"] = list(years.items())
        return context


class PublicationPage(Page):
    publication_type = models.CharField(
        _("type"),
        max_length=20,
        choices=PublicationType.choices,
        default=PublicationType.JOURNAL_ARTICLE,
        help_text=_("What kind of output this is."),
    )
    status = models.CharField(
        max_length=20,
        choices=PublicationStatus.choices,
        default=PublicationStatus.PUBLISHED,
        help_text=_("Where the work stands. Anything not yet published is marked as such."),
    )
    year = models.PositiveSmallIntegerField(
        help_text=_("Year of publication, or the expected year for work not yet published.")
    )
    venue = models.CharField(
        max_length=300, blank=True, help_text=_("Journal, conference or publisher, e.g. 'NeurIPS'.")
    )
    abstract = models.TextField(
        blank=True, help_text=_("The abstract as published, in plain text.")
    )

    content_panels = Page.content_panels + [
        InlinePanel("authors", heading=_("Authors"), label=_("Author"), min_num=1),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("publication_type"), FieldPanel("status")]),
                FieldRowPanel([FieldPanel("year"), FieldPanel("venue")]),
            ],
            heading=_("Where and when"),
        ),
        FieldPanel("abstract"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("abstract"),
        index.SearchField("venue"),
        index.RelatedFields("authors", [index.SearchField("name")]),
        index.FilterField("year"),
        index.FilterField("status"),
    ]

    parent_page_types = ["research.PublicationIndexPage"]
    subpage_types = []
    template = "research/publication_page.html"

    class Meta:
        verbose_name = _("publication")

    def ordered_authors(self):
        return self.authors.select_related("person").order_by("sort_order")


class PublicationAuthor(Orderable):
    """One author in order: a linked member of the group, or a name typed as printed."""

    page = ParentalKey(PublicationPage, on_delete=models.CASCADE, related_name="authors")
    person = models.ForeignKey(
        "people.PersonPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="authorships",
        help_text=_("Choose a group member; their name links to their page."),
    )
    name = models.CharField(
        max_length=200,
        blank=True,
        help_text=_("Or type the name as printed on the paper, for authors outside the group."),
    )

    panels = [FieldRowPanel([FieldPanel("person"), FieldPanel("name")])]

    class Meta(Orderable.Meta):
        verbose_name = _("author")

    def clean(self):
        super().clean()
        if not self.person_id and not self.name.strip():
            raise ValidationError({"name": _("Choose a group member or type the author's name.")})

    @property
    def display_name(self) -> str:
        if self.name:
            return self.name
        return self.person.title if self.person else ""

    def __str__(self):
        return self.display_name
