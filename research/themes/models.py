"""Research themes: the index of themes and each theme's page."""

import functools

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from labsite.blocks import BaseStreamBlock
from labsite.models.pages import IndexPage, ListedPage
from labsite.page_links import link_columns
from labsite.served_page import ServedPage
from labsite.shortlists import listing_url, shortlist
from labsite.unlisted import Unlistable
from labsite.visibility import restricted
from research.projects.models import project_cards
from research.publications.models import UNPUBLISHED_STATUSES, publication_cards
from research.publications.site_settings import PublicationSettings


class ResearchIndexPage(IndexPage):
    subpage_types = ["research.ResearchThemePage"]
    template = "research/research_index_page.html"

    class Meta:
        verbose_name = _("research index page")

    def themes(self):
        return (
            ResearchThemePage.objects.live()
            .exclude(restricted())
            .child_of(self)
            .select_related("image")
            .defer_streamfields()
        )


#: A theme page lists this many of its publications, newest first.
THEME_PUBLICATIONS = 20


class ResearchThemePage(Unlistable, ServedPage, ListedPage, Page):
    served_with = ("image",)
    # Where its results come in site search.
    search_group_order = 20

    body = StreamField(
        BaseStreamBlock(), blank=True, use_json_field=True, help_text=_("The theme in depth.")
    )

    content_panels = Page.content_panels + [
        *ListedPage.listing_panels,
        FieldPanel("body"),
        InlinePanel("members", heading=_("People working on this theme"), label=_("Person")),
    ]
    # The open read API (/api/v2/pages/?type=...&fields=...): public fields only.
    api_fields = [APIField("summary"), APIField("body")]
    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("body")]

    parent_page_types = ["research.ResearchIndexPage"]
    subpage_types = []
    template = "research/research_theme_page.html"

    class Meta:
        verbose_name = _("research theme")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Read only when the template renders them: a kept copy of the lists reads nothing.
        context["lists"] = ThemeLists(self, request)
        return context


class ThemeLists:
    """What a theme page lists: its people, projects and newest publications."""

    def __init__(self, theme: ResearchThemePage, request):
        self.theme = theme
        self.request = request

    @functools.cached_property
    def publications(self):
        publications = (
            publication_cards()
            .live()
            .exclude(restricted())
            .filter(themes=self.theme)
            .order_by("-year", "title")
        )
        if not PublicationSettings.for_request(self.request).show_unpublished:
            publications = publications.exclude(status__in=UNPUBLISHED_STATUSES)
        # The newest few, and a link to the rest: the page stays the same size at 1,000 papers.
        shown = shortlist(publications, THEME_PUBLICATIONS)
        if shown.more:
            shown.all_url = listing_url(shown[0].url, f"theme={self.theme.slug}")
        return shown

    @functools.cached_property
    def projects(self):
        return list(
            project_cards()
            .live()
            .exclude(restricted())
            .filter(themes=self.theme)
            .order_by("status", "-start_date")
        )

    @functools.cached_property
    def members(self):
        return [
            m.person
            for m in self.theme.members.select_related("person").only(
                "theme", "person", *link_columns("person"), "person__live"
            )
            if m.person.live
        ]


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
