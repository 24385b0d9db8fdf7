"""Link previews and structured data: Open Graph, Twitter cards and schema.org JSON-LD."""

import json
import re
from pathlib import Path

import pytest
import wagtail_factories
from django.conf import settings
from PIL import Image as PILImage

from tests.factories import NewsPageFactory, PersonPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(tree):
    return PersonPageFactory(
        parent=tree.people,
        given_names="Roza",
        family_name="Photographed",
        short_bio="Studies how sound travels in shallow water.",
        photo=wagtail_factories.ImageFactory(),
        orcid="0000-0002-1825-0097",
    )


def meta(html: str, key: str) -> str | None:
    match = re.search(rf'<meta (?:property|name)="{re.escape(key)}" content="([^"]*)">', html)
    return match.group(1) if match else None


def jsonld(html: str) -> list[dict]:
    return [
        json.loads(block)
        for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    ]


@pytest.mark.parametrize(
    "url, og_type, card",
    [
        ("/news/welcome-to-our-new-phd-students/", "article", "summary_large_image"),
        ("/people/maren-okafor/", "profile", "summary"),
        ("/research/training-dynamics/", "website", "summary_large_image"),
        ("/projects/listening-reefs/", "website", "summary_large_image"),
        ("/about/", "website", "summary"),
    ],
)
def test_every_page_type_has_a_link_preview(client, url, og_type, card):
    html = client.get(url).content.decode()
    assert meta(html, "og:type") == og_type
    assert meta(html, "og:url").endswith(url)  # the canonical address, from the Site record
    assert meta(html, "og:title") and meta(html, "twitter:title")
    assert meta(html, "twitter:card") == card
    image = meta(html, "og:image")
    if card == "summary_large_image":
        assert image.startswith("http://testserver/media/images/") and ".fill-1200x630." in image
        # The size stated is the picture's own (1200 x 630 from a large enough original; the
        # test settings draw the demo's pictures smaller).
        with PILImage.open(Path(settings.MEDIA_ROOT) / image.split("/media/", 1)[1]) as shown:
            size = shown.size
        assert (meta(html, "og:image:width"), meta(html, "og:image:height")) == tuple(
            map(str, size)
        )
        assert abs(size[0] / size[1] - 1200 / 630) < 0.02


def test_a_person_preview_uses_a_square_crop_of_the_photo(client, person):
    html = client.get(person.url).content.decode()
    assert ".fill-600x600." in meta(html, "og:image")
    assert meta(html, "og:description") == person.short_bio


def test_the_home_page_describes_the_organisation(client):
    (data,) = jsonld(client.get("/").content.decode())
    assert data["@type"] == "ResearchOrganization" and data["name"] == "Tidewater Learning Group"
    assert data["parentOrganization"]["name"] == "School of Computing, University of Eastmere"
    assert data["sameAs"] and data["email"]


def test_a_profile_describes_the_person(client, person):
    data = next(
        d for d in jsonld(client.get(person.url).content.decode()) if d["@type"] == "Person"
    )
    assert data["name"] == "Roza Photographed" and data["jobTitle"] == person.role.name
    assert data["url"] == person.full_url
    assert any("orcid.org" in url for url in data["sameAs"])
    assert data["image"].startswith("http://testserver/media/images/")


def test_a_news_item_is_a_news_article(client, tree):
    news = NewsPageFactory(parent=tree.news, title="A prize for the group")
    (data,) = jsonld(client.get(news.url).content.decode())
    assert data["@type"] == "NewsArticle" and data["headline"] == news.title
    assert data["datePublished"] == news.date.isoformat()
    assert data["publisher"]["name"] == "Tidewater Learning Group"


def test_field_values_cannot_break_out_of_the_script_or_meta_tags(client, person):
    person.short_bio = 'Loves </script><script>alert(1)</script> and "quotes"'
    person.save_revision().publish()
    html = client.get(person.url).content.decode()
    assert "<script>alert(1)</script>" not in html
    data = next(d for d in jsonld(html) if d["@type"] == "Person")
    assert data["description"] == person.short_bio
    assert (
        meta(html, "og:description")
        == "Loves &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; and &quot;quotes&quot;"
    )


def test_pages_without_an_seo_description_still_get_one(client):
    html = client.get("/projects/listening-reefs/").content.decode()
    assert '<meta name="description" content="Months-long acoustic monitoring' in html


@pytest.mark.parametrize("url", ["/", "/apply/", "/subscribe/", "/search/"])
def test_every_page_has_a_meta_description(client, url):
    html = client.get(url).content.decode()
    assert re.search(r'<meta name="description" content="[^"]{20,}">', html), url


def test_the_largest_image_of_a_profile_is_fetched_first(client, person):
    html = client.get(person.url).content.decode()
    photo = re.search(r'<img[^>]*class="profile__photo"[^>]*>', html).group(0)
    assert 'fetchpriority="high"' in photo and 'loading="lazy"' not in photo


def test_a_large_picture_previews_at_the_size_social_sites_ask_for(client, tree):
    picture = wagtail_factories.ImageFactory(file__width=1600, file__height=1000)
    news = NewsPageFactory(parent=tree.news, title="A wide picture", image=picture)
    news.save_revision().publish()
    html = client.get(news.url).content.decode()
    assert ".fill-1200x630." in meta(html, "og:image")
    assert (meta(html, "og:image:width"), meta(html, "og:image:height")) == ("1200", "630")
