import datetime

from django.core.paginator import Paginator
from django.db import models
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from labsite.blocks import BaseStreamBlock
from labsite.feeds import FEED_LENGTH, FeedItem, FeedRoutesMixin
from labsite.models.pages import IndexPage, ListedPage
from labsite.sections import in_current_site
from labsite.served_page import ServedPage
from labsite.unlisted import Unlistable
from labsite.visibility import restricted

NEWS_PER_PAGE = 10


class NewsIndexPage(FeedRoutesMixin, RoutablePageMixin, IndexPage):
    """Lists a group's news, newest first, ten to a page, with RSS and Atom feeds."""

    subpage_types = ["labsite.NewsPage"]
    template = "labsite/news_index_page.html"

    class Meta:
        verbose_name = _("news index page")

    def news(self):
        """Live, public news below this page, newest first, ready to list without more queries."""
        return (
            NewsPage.objects.live()
            .exclude(restricted())
            .descendant_of(self)
            .select_related("image")
            .defer_streamfields()
            .order_by("-date", "-pk")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        paginator = Paginator(self.news(), NEWS_PER_PAGE)
        context["news_page"] = paginator.get_page(request.GET.get("page"))
        return context

    @path("")
    def listing(self, request):
        return self.render(request)

    # The news feeds lived at rss/ and atom/ before every index used feed/rss/ and feed/atom/:
    # readers subscribed to the old addresses are sent on for good.
    @path("rss/")
    def old_rss(self, request):
        return redirect(self.url + self.reverse_subpage("feed_rss"), permanent=True)

    @path("atom/")
    def old_atom(self, request):
        return redirect(self.url + self.reverse_subpage("feed_atom"), permanent=True)

    def feed_description(self, group):
        return self.introduction or f"News from {group}"

    def feed_items(self, request):
        return [
            FeedItem(
                title=news.title,
                link=news.get_url(request),
                description=news.summary,
                published=datetime.datetime.combine(
                    news.date, datetime.time(9, 0), tzinfo=timezone.get_current_timezone()
                ),
                updated=news.last_published_at,
                categories=[tag.name for tag in news.tags.all()],
            )
            for news in self.news().prefetch_related("tags")[:FEED_LENGTH]
        ]


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "labsite.NewsPage", related_name="tagged_items", on_delete=models.CASCADE
    )


class NewsPage(Unlistable, ServedPage, ListedPage, Page):
    # Where its results come in site search, and its Open Graph type.
    og_type = "article"
    search_group_order = 50

    date = models.DateField(
        _("date"),
        default=timezone.localdate,
        help_text=_("The day this news happened or was announced."),
    )
    body = StreamField(
        BaseStreamBlock(), blank=True, use_json_field=True, help_text=_("The full story.")
    )
    tags = ClusterTaggableManager(
        through=NewsPageTag, blank=True, help_text=_("Topics, e.g. 'award', 'paper', 'outreach'.")
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel([FieldPanel("date"), FieldPanel("tags")], heading=_("About this news")),
        *ListedPage.listing_panels,
        FieldPanel("body"),
    ]
    # The open read API (/api/v2/pages/?type=...&fields=...): public fields only.
    api_fields = [APIField("date"), APIField("summary"), APIField("body")]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]

    parent_page_types = ["labsite.NewsIndexPage"]
    subpage_types = []
    template = "labsite/news_page.html"

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news items")


def latest_news(request, count: int):
    """The newest news items of the current site, for the home page."""

    return list(
        in_current_site(NewsPage.objects.live().exclude(restricted()), request)
        .select_related("image")
        .defer_streamfields()
        .order_by("-date", "-pk")[:count]
    )
