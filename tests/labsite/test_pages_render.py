"""Every page type is routable and renders with the demo group's content."""

import pytest
from wagtail.test.utils import WagtailPageTestCase

from labsite.models import (
    AccessibilityStatementPage,
    HomePage,
    NewsIndexPage,
    NewsPage,
    PrivacyNoticePage,
    StandardPage,
)
from people.models import (
    OpeningIndexPage,
    OpeningPage,
    PeopleIndexPage,
    PersonPage,
    SupervisionPage,
)
from research.models import (
    ActivityPage,
    EngagementIndexPage,
    PublicationIndexPage,
    PublicationPage,
    ResearchIndexPage,
    ResearchThemePage,
)

PAGE_TYPES = [
    HomePage,
    StandardPage,
    ResearchIndexPage,
    ResearchThemePage,
    PublicationIndexPage,
    PublicationPage,
    PeopleIndexPage,
    PersonPage,
    OpeningIndexPage,
    OpeningPage,
    NewsIndexPage,
    NewsPage,
    SupervisionPage,
    EngagementIndexPage,
    ActivityPage,
    AccessibilityStatementPage,
    PrivacyNoticePage,
]


class EveryPageTypeRendersTests(WagtailPageTestCase):
    def test_every_page_type_is_routable_and_renderable(self):
        for model in PAGE_TYPES:
            page = model.objects.live().first()
            with self.subTest(page_type=model.__name__):
                self.assertIsNotNone(page, f"the demo has no {model.__name__}")
                self.assertPageIsRoutable(page)
                self.assertPageIsRenderable(page)


@pytest.mark.django_db
def test_main_navigation_reaches_every_section(client):
    html = client.get("/").content.decode()
    for href in [
        "/research/",
        "/publications/",
        "/people/",
        "/openings/",
        "/supervision/",
        "/engagement/",
        "/news/",
        "/about/",
    ]:
        assert f'href="{href}"' in html


@pytest.mark.django_db
def test_home_page_shows_the_demo_group_sections(client):
    html = client.get("/").content.decode()
    assert "Tidewater Learning Group" in html
    assert "Recent publications" in html
    assert "Open positions" in html
    assert "Latest news" in html


@pytest.mark.django_db
def test_unknown_url_gets_the_sites_404_page(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert b"Page not found" in response.content
    assert b"Skip to main content" in response.content


@pytest.mark.django_db
def test_robots_txt_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    assert b"Sitemap: http://testserver/sitemap.xml" in response.content
    assert client.get("/sitemap.xml").status_code == 200


@pytest.mark.django_db
def test_search_finds_a_publication_by_its_title(client):
    response = client.get("/search/", {"q": "hydrophones"})
    assert response.status_code == 200
    text = response.content.decode().replace("<mark>", "").replace("</mark>", "")
    assert "Tiny detectors for whale calls on moored hydrophones" in text
