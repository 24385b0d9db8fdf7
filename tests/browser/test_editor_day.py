"""Issue 40: an editor's day in Chromium, each step timed (printed with -s, and kept under a
generous ceiling so a step that hangs fails rather than passes slowly).

- A refused first publish, the tab closed, the page started again: no hidden draft holds its
  address (Wagtail 8's autosave made one from the create form).
"""

import time
from contextlib import contextmanager

import pytest
from playwright.sync_api import expect

from people.models import OpeningIndexPage, OpeningPage

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


class Steps:
    """Times each step of a journey; prints them as a table at the end."""

    def __init__(self, journey: str):
        self.journey, self.times = journey, []

    @contextmanager
    def step(self, name: str, ceiling: float = 20.0):
        started = time.perf_counter()
        yield
        seconds = time.perf_counter() - started
        self.times.append((name, seconds))
        assert seconds < ceiling, f"{self.journey}: '{name}' took {seconds:.1f} s"

    def report(self):
        print(f"\n{self.journey}")
        for name, seconds in self.times:
            print(f"  {seconds:6.2f} s  {name}")
        print(f"  {sum(s for _, s in self.times):6.2f} s  in all")


def log_in(page, live_server, username, password):
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")


def publish(page):
    page.locator("footer .dropdown-toggle, [data-w-dropdown-target='toggle']").last.click()
    page.get_by_role("button", name="Publish").click()
    page.wait_for_load_state("networkidle")


def test_a_refused_publish_then_a_closed_tab_leaves_no_draft_in_the_way(
    browser, page, live_server, django_user_model
):
    """An opening with no way to apply is refused at publishing (a check that drafts pass),
    so what autosave would save from the create form is a valid draft: the one that held the
    address when the editor started again."""
    steps = Steps("Refused publish, tab closed, started again")
    django_user_model.objects.create_superuser("chief", "chief@example.org", "chief-pass-123")
    openings = OpeningIndexPage.objects.live().first()
    add = f"{live_server.url}/admin/pages/add/people/openingpage/{openings.pk}/"
    before = OpeningPage.objects.count()
    with steps.step("log in"):
        log_in(page, live_server, "chief", "chief-pass-123")
    with steps.step("open the new opening form"):
        page.goto(add)
    with steps.step("publish with no way to apply: refused"):
        page.fill("#id_title", "PhD studentship: fjord acoustics")
        page.select_option("#id_kind", "phd")
        page.fill("#id_summary", "Four funded years listening to fjords.")
        page.check("#id_open_until_filled")
        publish(page)
        expect(page.get_by_text("Applicants would have no way to apply").first).to_be_visible()
    with steps.step("keep typing, then leave the form open for autosave's interval"):
        page.fill("#id_summary", "Four funded years listening to fjords and their ice.")
        page.wait_for_timeout(4000)
    assert OpeningPage.objects.count() == before, "nothing was saved behind the editor's back"
    page.context.close()

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    again = context.new_page()
    with steps.step("log in again in a new tab"):
        log_in(again, live_server, "chief", "chief-pass-123")
    with steps.step("start again, with an address to apply at, and publish"):
        again.goto(add)
        again.fill("#id_title", "PhD studentship: fjord acoustics")
        again.select_option("#id_kind", "phd")
        again.fill("#id_summary", "Four funded years listening to fjords.")
        again.check("#id_open_until_filled")
        again.fill("#id_application_url", "https://jobs.example.org/fjord-phd")
        publish(again)
        expect(again.get_by_text("already in use")).to_have_count(0)
    context.close()
    made = OpeningPage.objects.get(slug="phd-studentship-fjord-acoustics")
    assert made.live and OpeningPage.objects.count() == before + 1
    steps.report()
