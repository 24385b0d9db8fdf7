"""RSS 2.0 and Atom 1.0 feeds, written with Django's feed generator from plain item records."""

import datetime
import html
from dataclasses import dataclass, field

from django.apps import apps
from django.http import HttpResponse
from django.utils import feedgenerator
from wagtail.contrib.routable_page.models import path

from labsite.models.site_settings import SiteSettings
from labsite.pagecache import memo
from labsite.registry import Registry
from labsite.visibility import restricted

FEED_LENGTH = 50
GENERATORS = {"rss": feedgenerator.Rss201rev2Feed, "atom": feedgenerator.Atom1Feed}


@dataclass
class FeedItem:
    title: str
    link: str
    #: Plain text (an abstract, a summary): readers are sent it as HTML (``as_feed_html``).
    description: str
    published: datetime.datetime
    updated: datetime.datetime | None = None
    authors: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)


def as_feed_html(text: str) -> str:
    """Plain text as the HTML an RSS description or an Atom ``type="html"`` summary holds: a
    reader decodes the XML once and then reads HTML, so text escaped only once (by the XML
    writer) would reach it as markup: an abstract's ``<script>`` or ``a < b`` as tags.
    Paragraphs are kept."""
    paragraphs = [part.strip() for part in text.split("\n\n") if part.strip()]
    return "".join(
        "<p>" + "<br>".join(html.escape(line) for line in part.splitlines()) + "</p>"
        for part in paragraphs
    )


def feed_response(
    request, *, kind: str, title: str, link: str, description: str, items: list[FeedItem]
) -> HttpResponse:
    """Render ``items`` as an RSS (``kind='rss'``) or Atom feed; links are made absolute."""
    generator = GENERATORS[kind](
        title=title,
        link=request.build_absolute_uri(link),
        description=description,
        feed_url=request.build_absolute_uri(),
        language="en",
    )
    for item in items:
        absolute = request.build_absolute_uri(item.link)
        generator.add_item(
            title=item.title,
            link=absolute,
            description=as_feed_html(item.description),
            unique_id=absolute,
            pubdate=item.published,
            updateddate=item.updated or item.published,
            author_name=", ".join(item.authors) or None,
            categories=item.categories or None,
        )
    response = HttpResponse(content_type=f"{generator.content_type}")
    generator.write(response, "utf-8")
    return response


class FeedRoutesMixin:
    """RSS and Atom feeds of an index page, at ``feed/rss/`` and ``feed/atom/``.

    For a page with ``RoutablePageMixin``: it supplies ``feed_items(request)`` (newest first,
    at most FEED_LENGTH) and may override ``feed_title`` and ``feed_description``.
    """

    def feed_items(self, request) -> list[FeedItem]:
        raise NotImplementedError

    def feed_title(self, group: str) -> str:
        return f"{group}: {self.title}" if group else self.title

    def feed_description(self, group: str) -> str:
        return getattr(self, "introduction", "") or self.title

    @path("feed/rss/", name="feed_rss")
    def feed_rss(self, request):
        return self.feed(request, "rss")

    @path("feed/atom/", name="feed_atom")
    def feed_atom(self, request):
        return self.feed(request, "atom")

    def feed(self, request, kind: str) -> HttpResponse:
        group = SiteSettings.for_request(request).group_name
        return feed_response(
            request,
            kind=kind,
            title=self.feed_title(group),
            link=self.get_url(request),
            description=self.feed_description(group),
            items=self.feed_items(request),
        )


FEED_ROUTES = (("feed_rss", "rss"), ("feed_atom", "atom"))


@dataclass(frozen=True)
class FeedSource:
    """An index page type that publishes feeds, for <link rel="alternate"> on the home page."""

    model: str  # "app_label.ModelName"
    title: str
    routes: tuple[tuple[str, str], ...]  # (route name, "rss" or "atom")


_sources: Registry[FeedSource] = Registry(key=lambda s: s.model)


def register_source(source: FeedSource) -> None:
    _sources.register(source)


def alternate_links(request, root_page) -> list[dict]:
    """Feed links for the site under ``root_page``: one query per registered page type, once
    per content change (the links are on every page)."""
    return memo.remember(f"feed-links:{root_page.pk}", lambda: _alternate_links(root_page))


def _alternate_links(root_page) -> list[dict]:
    links = []
    for source in _sources:
        model = apps.get_model(source.model)
        page = model.objects.live().exclude(restricted()).descendant_of(root_page).first()
        if page is None:
            continue
        for route, kind in source.routes:
            links.append(
                {
                    "href": page.url + page.reverse_subpage(route),
                    "type": f"application/{kind}+xml",
                    "title": f"{source.title} ({kind.upper() if kind == 'rss' else 'Atom'})",
                }
            )
    return links


register_source(FeedSource("labsite.NewsIndexPage", "News", FEED_ROUTES))
