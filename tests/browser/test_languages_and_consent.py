"""In a real browser: the language switcher leads between a page's versions, and Google
Analytics loads only after the visitor allows it (their choice remembered, and changeable from
the footer); the German page with its switcher and the consent banner stay axe clean."""

import pytest
from wagtail.models import Page, Site

from labsite.demo import DemoContext
from labsite.demo_content import translate_page
from labsite.models import SiteSettings

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.frontend,
]
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
GTAG = "https://www.googletagmanager.com/gtag/js"


@pytest.fixture
def german_about_with_statistics():
    site = Site.objects.get(is_default_site=True)
    context = DemoContext()
    home = site.root_page.specific
    translate_page(context, home, "de", title="Startseite", slug="start")
    about = Page.objects.child_of(home).get(slug="about")
    translate_page(context, about, "de", title="Über uns", slug="ueber-uns")
    settings = SiteSettings.for_site(site)
    settings.analytics_provider, settings.analytics_id = "google", "G-AB12CD34EF"
    settings.save()


def test_switching_language_and_consenting_to_statistics(
    page, live_server, german_about_with_statistics
):
    from axe_playwright_python.sync_playwright import Axe

    asked = []

    def fake_gtag(route):
        asked.append(route.request.url)
        route.fulfill(status=200, content_type="text/javascript", body="/* gtag */")

    page.route(f"{GTAG}*", fake_gtag)
    page.goto(f"{live_server.url}/about/")
    banner = page.locator("[data-consent-banner]")
    banner.wait_for(state="visible")
    # The banner takes focus, and nothing of Google's has been asked for yet.
    assert page.evaluate("document.activeElement.dataset.consentChoice") == "granted"
    assert asked == []

    page.get_by_role("link", name="Deutsch").click()
    page.wait_for_url("**/de/ueber-uns/")
    assert page.locator("html").get_attribute("lang") == "de"
    assert page.locator(".language-switcher [aria-current]").inner_text() == "Deutsch"
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        result = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_AA}})
        assert result.response["violations"] == [], scheme

    page.get_by_role("button", name="Statistik erlauben").click()
    page.wait_for_function(f"document.querySelector('script[src^=\"{GTAG}\"]') !== null")
    assert banner.is_hidden() and len(asked) == 1

    # The choice is remembered: the next page loads statistics without asking again.
    page.get_by_role("link", name="English").click()
    page.wait_for_url("**/about/")
    page.wait_for_function("window.dataLayer && window.dataLayer.length > 0")
    assert page.locator("[data-consent-banner]").is_hidden()
    # ...and can be changed from the footer.
    page.get_by_role("button", name="Privacy choices").click()
    assert page.locator("[data-consent-banner]").is_visible()
    page.get_by_role("button", name="No, thank you").click()
    page.reload()
    assert page.locator("[data-consent-banner]").is_hidden()
    assert page.evaluate("window.dataLayer === undefined")
