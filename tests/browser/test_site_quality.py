"""Every page type in Chromium: no console errors, images sized and described, a light home page,
no third-party requests, and keyboard and mobile navigation that work."""

import pytest

from tools.screenshots import PAGES

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.frontend,
]

HOME_BUDGET_BYTES = 100 * 1024  # everything but images


def test_every_page_type_loads_cleanly(page, live_server):
    problems = []
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    page.on(
        "response",
        lambda r: (
            problems.append(f"{r.status} {r.url}")
            if r.status >= 400 and not r.url.endswith("/no-such-page/")
            else None
        ),
    )
    page.on(
        "console",
        lambda m: (
            problems.append(f"console: {m.text}")
            if m.type == "error" and "Failed to load resource" not in m.text
            else None
        ),
    )
    for name, path in PAGES.items():
        response = page.goto(f"{live_server.url}{path}")
        expected = 404 if name == "not-found" else 200
        assert response.status == expected, (name, response.status)
        page.wait_for_load_state("networkidle")
        images = page.evaluate(
            "Array.from(document.images).filter(i => !i.hasAttribute('alt') || !i.getAttribute('width') || !i.getAttribute('height')).map(i => i.src)"
        )
        assert images == [], (name, images)
    assert problems == []


def test_the_home_page_is_light_and_first_party(page, live_server):
    sizes, third_party = {}, []

    def on_response(response):
        request = response.request
        if not response.url.startswith(live_server.url) and not response.url.startswith("data:"):
            third_party.append(response.url)
        if request.resource_type != "image":
            body = response.body() if response.status == 200 else b""
            sizes[response.url] = len(body)

    page.on("response", on_response)
    page.goto(f"{live_server.url}/")
    page.wait_for_load_state("networkidle")
    total = sum(sizes.values())
    print(f"home page transfer without images: {total / 1024:.1f} KB in {len(sizes)} responses")
    assert third_party == []
    assert total <= HOME_BUDGET_BYTES, sizes


def test_keyboard_reaches_the_skip_link_then_the_menu(page, live_server):
    page.goto(f"{live_server.url}/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"
    page.goto(f"{live_server.url}/")
    for _ in range(4):
        page.keyboard.press("Tab")
        if page.evaluate("!!document.activeElement.closest('.main-nav')"):
            break
    assert page.evaluate("!!document.activeElement.closest('.main-nav')")


def test_the_mobile_menu_opens_at_375_pixels(browser, live_server):
    context = browser.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    page.goto(f"{live_server.url}/")
    menu_link = page.locator(".main-nav__toggle .main-nav__list a").first
    assert not menu_link.is_visible()
    page.get_by_text("Menu", exact=True).click()
    assert menu_link.is_visible()
    menu_link.click()
    page.wait_for_load_state()
    assert page.url != f"{live_server.url}/"
    context.close()
