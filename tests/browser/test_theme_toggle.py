"""The dark-mode toggle switches the palette and remembers the choice across pages."""

import pytest

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.frontend,
]


def background(page):
    return page.evaluate("getComputedStyle(document.body).backgroundColor")


def test_toggle_switches_and_remembers(page, live_server):
    page.emulate_media(color_scheme="light")
    page.goto(f"{live_server.url}/")
    light = background(page)
    toggle = page.get_by_role("button", name="Dark mode")
    assert toggle.get_attribute("aria-pressed") == "false"
    toggle.click()
    assert toggle.get_attribute("aria-pressed") == "true"
    assert background(page) != light
    page.goto(f"{live_server.url}/people/")
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    assert background(page) != light
    page.get_by_role("button", name="Dark mode").click()
    assert background(page) == light


def test_system_dark_preference_applies_until_the_visitor_chooses(page, live_server):
    page.emulate_media(color_scheme="dark")
    page.goto(f"{live_server.url}/")
    dark = background(page)
    assert page.get_by_role("button", name="Dark mode").get_attribute("aria-pressed") == "true"
    page.get_by_role("button", name="Dark mode").click()
    assert background(page) != dark
