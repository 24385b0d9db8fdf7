"""Visitor statistics from the group settings: the service's script and origin only when one is
chosen, a consent banner only for a service with cookies, settings that could not work refused
with a message, and the page cache keeping each page's policy additions."""

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from wagtail.models import Site

from labsite.models import SiteSettings

pytestmark = pytest.mark.django_db


def _choose(**fields):
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    for name, value in fields.items():
        setattr(settings, name, value)
    settings.full_clean()
    settings.save()
    return settings


def _csp(response) -> str:
    return response["Content-Security-Policy"]


def test_no_service_no_script_and_the_strict_policy(client):
    response = client.get("/")
    assert b"analytics.js" not in response.content
    assert "plausible" not in _csp(response) and "google" not in _csp(response)


def test_a_service_without_cookies_starts_without_a_banner(client):
    _choose(analytics_provider="plausible", analytics_id="lab.example.org")
    response = client.get("/")
    html = response.content.decode()
    assert 'data-analytics-provider="plausible"' in html
    assert 'data-analytics-id="lab.example.org"' in html
    assert 'data-analytics-server="https://plausible.io"' in html
    assert 'data-analytics-consent="not-required"' in html
    assert "data-consent-banner" not in html and "data-consent-reopen" not in html
    script_src = next(d for d in _csp(response).split(";") if "script-src" in d)
    assert "https://plausible.io" in script_src and "googletagmanager" not in script_src


def test_google_analytics_waits_for_the_visitors_consent(client):
    _choose(analytics_provider="google", analytics_id="G-AB12CD34EF")
    response = client.get("/")
    html = response.content.decode()
    assert 'data-analytics-consent="required"' in html
    assert "data-consent-banner hidden" in html and "data-consent-reopen hidden" in html
    # Nothing of Google's is in the page itself: analytics.js adds it after consent.
    assert "googletagmanager.com/gtag" not in html
    assert "https://www.googletagmanager.com" in _csp(response)


@pytest.mark.parametrize(
    ("fields", "field", "words"),
    [
        ({"analytics_provider": "google", "analytics_id": "UA-1234-1"}, "analytics_id", "G-"),
        ({"analytics_provider": "plausible", "analytics_id": "not a domain"}, "analytics_id",
         "domain"),
        ({"analytics_provider": "umami",
          "analytics_id": "94db1cb1-74f4-4a40-ad6c-962362670409"}, "analytics_server",
         "your own server"),
        ({"analytics_provider": "matomo", "analytics_id": "3",
          "analytics_server": "http://stats.example.org"}, "analytics_server", "https://"),
    ],
)  # fmt: skip
def test_settings_that_could_not_work_are_refused_with_what_to_type(fields, field, words):
    with pytest.raises(ValidationError) as refused:
        _choose(**fields)
    assert words in " ".join(refused.value.message_dict[field])


def test_the_settings_form_groups_the_statistics_fields(admin_client):
    site = Site.objects.get(is_default_site=True)
    form = admin_client.get(f"/admin/settings/labsite/sitesettings/{site.pk}/")
    assert form.status_code == 200 and b"Visitor statistics" in form.content


def test_a_stored_page_keeps_its_policy_additions(client, settings):
    """A page served from the page cache gets the same CSP as when it was rendered: the
    statistics origin and the brand colour's hash (a hit used to lose both)."""
    settings.PAGE_CACHE_STORE = True
    cache.clear()
    _choose(analytics_provider="plausible", analytics_id="lab.example.org", accent_colour="#0b5cad")
    # A first visit may save a setting's row on first read, which is a change (a new content
    # generation, so a new key): warm up, then start from an empty cache.
    client.get("/about/")
    cache.clear()
    first = client.get("/about/")
    second = client.get("/about/")
    assert first["X-Page-Cache"] == "miss" and second["X-Page-Cache"] == "hit"
    assert _csp(first) == _csp(second)
    assert "https://plausible.io" in _csp(second) and "'sha256-" in _csp(second)
