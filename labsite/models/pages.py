from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from labsite.blocks import BaseStreamBlock, HomeStreamBlock
from labsite.feeds import alternate_links
from labsite.served_page import ServedPage
from labsite.unlisted import Unlistable


class ListedPage(models.Model):
    """What a page shows where it is listed (its index, the home page, search results, social
    media): a short summary and an optional image with its description. Shared by news,
    research themes and projects; ``listing_panels`` groups the fields for editors."""

    summary = models.TextField(
        max_length=500,
        help_text=_("Two or three sentences shown in lists and on social media."),
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Optional; landscape, at least 1200 px wide, cropped around its focal point."),
    )
    image_alt = models.CharField(
        max_length=200, blank=True, help_text=_("Describe the image for people who cannot see it.")
    )

    listing_panels = [
        FieldPanel("summary"),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt")], heading=_("Image")),
    ]

    class Meta:
        abstract = True


class HomePage(ServedPage, Page):
    """The root of one group's site; editors compose it from blocks."""

    body = StreamField(
        HomeStreamBlock(),
        blank=True,
        use_json_field=True,
        help_text=_(
            "Build the home page from blocks: a hero, featured pages, and lists that update "
            "by themselves (latest news, recent publications, open positions)."
        ),
    )

    content_panels = Page.content_panels + [FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("body")]

    parent_page_types = ["wagtailcore.Page"]
    template = "labsite/home_page.html"

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):

        context = super().get_context(request, *args, **kwargs)
        context["feed_links"] = alternate_links(request, self)
        return context


class StandardPage(Unlistable, ServedPage, Page):
    """A free-form page: about, contact, join us, teaching."""

    introduction = models.TextField(
        blank=True, max_length=600, help_text=_("One short paragraph shown large above the body.")
    )
    body = StreamField(
        BaseStreamBlock(), blank=True, use_json_field=True, help_text=_("The page's content.")
    )

    content_panels = Page.content_panels + [FieldPanel("introduction"), FieldPanel("body")]
    # The open read API (/api/v2/pages/?type=...&fields=...): public fields only.
    api_fields = [APIField("introduction"), APIField("body")]
    search_fields = Page.search_fields + [
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]

    parent_page_types = ["labsite.HomePage", "labsite.StandardPage"]
    template = "labsite/standard_page.html"

    class Meta:
        verbose_name = _("standard page")


class IndexPage(Unlistable, ServedPage, Page):
    """Base for a section's listing page (news, people, publications...): one per home page."""

    introduction = models.TextField(
        blank=True, max_length=800, help_text=_("Optional paragraph shown above the list.")
    )

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    search_fields = Page.search_fields + [index.SearchField("introduction")]

    parent_page_types = ["labsite.HomePage"]
    max_count_per_parent = 1

    class Meta:
        abstract = True
