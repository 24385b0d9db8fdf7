"""RSS and Atom feeds for news and new publications, discoverable from the home page."""

import xml.etree.ElementTree as ET

import pytest

from labsite.models import NewsIndexPage, NewsPage
from research.models import PublicationPage, PublicationSettings
from research.publications.models import UNPUBLISHED_STATUSES

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response, ET.fromstring(response.content)


def test_news_rss_lists_every_news_item_with_absolute_links(client):
    response, root = parse(client, "/news/feed/rss/")
    assert response["Content-Type"].startswith("application/rss+xml")
    items = root.findall("./channel/item")
    assert len(items) == NewsPage.objects.live().count()
    assert all(item.findtext("link").startswith("http://testserver/news/") for item in items)
    newest = NewsPage.objects.live().order_by("-date", "-pk").first()
    assert items[0].findtext("title") == newest.title
    assert items[0].findtext("description") == f"<p>{newest.summary}</p>"


def test_news_atom_is_valid_atom(client):
    response, root = parse(client, "/news/feed/atom/")
    assert response["Content-Type"].startswith("application/atom+xml")
    assert root.tag == f"{ATOM}feed"
    entries = root.findall(f"{ATOM}entry")
    assert entries and all(e.find(f"{ATOM}id") is not None for e in entries)
    assert root.find(f"{ATOM}link[@rel='self']").get("href") == "http://testserver/news/feed/atom/"


def test_feed_text_is_escaped(client):
    index = NewsIndexPage.objects.get()
    index.add_child(
        instance=NewsPage(
            title="Fish & <chips>",
            slug="fish-chips",
            summary="A <b>bold</b> & brave summary",
            date="2026-11-24",
        )
    )
    body = client.get("/news/feed/rss/").content.decode()
    assert "Fish &amp; &lt;chips&gt;" in body and "<chips>" not in body
    _response, root = parse(client, "/news/feed/rss/")
    assert any(
        item.findtext("title") == "Fish & <chips>" for item in root.findall("./channel/item")
    )
    # A description is HTML to a reader: the text's markup arrives as text, escaped twice in
    # the XML (finding 9: once too few for BibTeX abstracts in RSS and Atom).
    (item,) = [i for i in root.findall("./channel/item") if i.findtext("title") == "Fish & <chips>"]
    assert item.findtext("description") == "<p>A &lt;b&gt;bold&lt;/b&gt; &amp; brave summary</p>"
    _response, atom = parse(client, "/news/feed/atom/")
    summaries = [e.findtext(f"{ATOM}summary") for e in atom.findall(f"{ATOM}entry")]
    assert "<p>A &lt;b&gt;bold&lt;/b&gt; &amp; brave summary</p>" in summaries


def test_publication_feeds_follow_the_unpublished_setting(client):
    _response, root = parse(client, "/publications/feed/rss/")
    titles = {item.findtext("title") for item in root.findall("./channel/item")}
    from wagtail.models import Site

    settings = PublicationSettings.for_site(Site.objects.get(is_default_site=True))
    expected = PublicationPage.objects.live()
    if not settings.show_unpublished:
        expected = expected.exclude(status__in=UNPUBLISHED_STATUSES)
    assert titles == set(expected.values_list("title", flat=True))
    _response, atom = parse(client, "/publications/feed/atom/")
    entry = atom.find(f"{ATOM}entry")
    assert entry.find(f"{ATOM}author/{ATOM}name").text


def test_feeds_are_advertised_on_the_home_page_and_their_indexes(client):
    home = client.get("/").content.decode()
    for href in (
        "/news/feed/rss/",
        "/news/feed/atom/",
        "/publications/feed/rss/",
        "/publications/feed/atom/",
    ):
        assert f'href="{href}"' in home
    assert 'type="application/rss+xml"' in client.get("/news/").content.decode()
    assert 'href="/publications/feed/atom/"' in client.get("/publications/").content.decode()


def test_the_old_news_feed_addresses_redirect_for_good(client):
    """News feeds moved to feed/rss/ and feed/atom/ like every other index's; readers
    subscribed to the old addresses follow a permanent redirect."""
    for old, new in (("/news/rss/", "/news/feed/rss/"), ("/news/atom/", "/news/feed/atom/")):
        response = client.get(old)
        assert response.status_code == 301 and response["Location"] == new
