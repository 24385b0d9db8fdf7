"""Brand colour from the group settings, checked for contrast; the light/dark toggle's markup."""

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Site

from labsite import colours
from labsite.models import SiteSettings

pytestmark = pytest.mark.django_db


def settings_for_default_site():
    return SiteSettings.for_site(Site.objects.get(is_default_site=True))


@pytest.mark.parametrize(
    "value, message",
    [
        ("#ffd700", "too light for white text"),
        ("gold", "hex code of six digits"),
        ("#12345", "hex code of six digits"),
    ],
)
def test_an_accent_that_fails_contrast_or_format_is_refused(value, message):
    with pytest.raises(ValidationError) as error:
        colours.validate_accent(value)
    assert message in str(error.value)


def test_the_accent_colours_the_site_in_both_themes(client):
    group = settings_for_default_site()
    group.accent_colour = "#7a1f5c"
    group.full_clean()
    group.save()
    html = client.get("/").content.decode()
    assert ":root{--accent:#7a1f5c;--link:#7a1f5c}" in html
    dark = colours.dark_twin("#7a1f5c")
    assert f":root[data-theme=dark]{{--accent:{dark};--link:{dark}}}" in html
    assert colours.contrast(dark, colours.DARK_BG) >= 4.5
    assert colours.contrast(dark, colours.DARK_TEXT) >= 4.5


def test_a_stored_value_that_is_not_a_colour_never_reaches_the_page(client):
    group = settings_for_default_site()
    group.accent_colour = "red}</style>"[:7]
    group.save()
    html = client.get("/").content.decode()
    assert "<style>" not in html.split("</head>")[0]


def test_the_theme_toggle_is_offered_only_with_javascript(client):
    html = client.get("/").content.decode()
    assert '<html lang="en-gb" class="no-js">' in html
    assert '<button type="button" class="theme-toggle" data-theme-toggle' in html
    # Hidden without scripts by the stylesheet; theme-init.js marks scripting on before the
    # first paint, so the switch takes its place at once (no layout shift).
    from pathlib import Path

    static = Path(__file__).resolve().parents[2] / "static"
    assert ".no-js .theme-toggle { display: none; }" in (static / "css/site.css").read_text()
    assert 'classList.replace("no-js", "js")' in (static / "js/theme-init.js").read_text()
    # The saved choice is applied before first paint by a blocking script in <head> (a file:
    # the CSP allows no inline script).
    head = html.split("</head>")[0]
    assert '<script src="/static/js/theme-init.js"></script>' in head
    assert "defer" not in head.split("theme-init.js")[1].split(">")[0]
