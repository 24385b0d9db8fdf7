"""Finding 3 of the production-truth issue: no Content-Security-Policy, no Permissions-Policy."""

import base64
import hashlib
import re

import pytest
from wagtail.models import Site

from labsite.models import SiteSettings

pytestmark = pytest.mark.django_db


def directives(header: str) -> dict[str, list[str]]:
    parsed = {}
    for part in header.split(";"):
        name, *values = part.split()
        parsed[name] = values
    return parsed


def test_public_pages_allow_no_inline_script_or_style(client):
    response = client.get("/")
    policy = directives(response["Content-Security-Policy"])
    assert policy["script-src"] == ["'self'"]
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert all("unsafe" not in value for values in policy.values() for value in values)
    html = response.content.decode()
    # Every <script> is a file of the site's own or a JSON data block; nothing runs inline.
    for tag in re.findall(r"<script\b[^>]*>", html):
        assert 'src="/static/' in tag or 'type="application/ld+json"' in tag, tag
    assert " style=" not in html


def test_the_brand_colours_are_allowed_by_their_hash(client):
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.accent_colour = "#7a1f5c"
    settings.save()
    response = client.get("/")
    css = re.search(r"<style>(.*?)</style>", response.content.decode(), re.S).group(1)
    digest = base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()
    assert f"'sha256-{digest}'" in directives(response["Content-Security-Policy"])["style-src"]


def test_the_admin_has_its_own_policy(admin_client_logged_in):
    response = admin_client_logged_in.get("/admin/")
    policy = directives(response["Content-Security-Policy"])
    assert policy["frame-ancestors"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]


@pytest.mark.parametrize("url", ["/", "/admin/login/", "/search/?q=x", "/no-such-page/"])
def test_every_response_switches_off_unused_browser_features(client, url):
    header = client.get(url)["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in header
