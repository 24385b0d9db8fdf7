"""The privacy notice: generated from what the site does (its settings and each app's part),
linked from every footer, and changed when the settings change."""

import pytest
from wagtail.models import Site

from labsite.models import PrivacyNoticePage, SiteSettings
from people.applications.models import ApplicationSettings
from people.openings.models import OpeningPage

pytestmark = pytest.mark.django_db
NOTICE = "/privacy/"


def text_of(client, url=NOTICE) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return " ".join(response.content.decode().split())


def test_the_notice_says_who_is_responsible_what_is_collected_and_the_rights(client):
    text = text_of(client)
    assert (
        "School of Computing, University of Eastmere is responsible for the personal data" in text
    )
    for heading in (
        "Who is responsible",
        "Visitor statistics",
        "Applications",
        "Email subscriptions",
        "Accessibility reports",
        "Editors&#x27; accounts",
        "Your rights",
    ):
        assert f">{heading}</h2>" in text, heading
    assert "We delete applications and CVs 12 months after they arrive." in text
    assert 'href="https://www.example.org/data-protection-complaints"' in text


def test_the_notice_follows_the_settings(client):
    site = Site.objects.get(is_default_site=True)
    assert "We do not count visits" in text_of(client)
    group = SiteSettings.for_site(site)
    group.analytics_provider, group.analytics_id = "google", "G-ABC123"
    group.save()
    applications = ApplicationSettings.for_site(site)
    applications.retention_months = 6
    applications.save()
    opening = OpeningPage.objects.live().order_by("pk").first()
    opening.retention_months = 24
    opening.save_revision().publish()
    text = text_of(client)
    assert "only if you agree in the banner" in text
    assert "We delete applications and CVs 6 months after they arrive." in text
    assert f"Applications for “{opening.title}” are kept 24 months instead." in text


def test_every_footer_links_to_the_notice(client):
    for address in ("/", "/people/", "/accessibility/"):
        html = client.get(address).content.decode()
        assert f'<a href="{NOTICE}">Privacy notice</a>' in html[html.index("<footer") :], address
    PrivacyNoticePage.objects.get().unpublish()
    html = client.get("/").content.decode()
    assert "Privacy notice" not in html[html.index("<footer") :]
