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
from tests.browser.test_member_moderation import log_in

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


def test_a_scheduled_page_appears_within_a_minute_of_go_live_under_make_runs_loop(
    browser, page, live_server, django_user_model, monkeypatch
):
    """`make run` ticks `run_periodic --loop --every 15` beside the server; here the same
    command runs in a thread against the live server's database."""
    import datetime
    import io
    import threading

    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from labsite.models import NewsIndexPage, NewsPage

    steps = Steps("Scheduled page under make run's periodic jobs")
    django_user_model.objects.create_superuser("chief", "chief@example.org", "chief-pass-123")
    news = NewsIndexPage.objects.live().first()
    # The admin takes go-live times to the minute: the next minute at least 20 s away.
    now = timezone.localtime()
    go_live = (now + datetime.timedelta(seconds=80)).replace(second=0, microsecond=0)
    # (20 to 80 s ahead: long enough to fill in the form.)
    with steps.step("log in"):
        log_in(page, live_server, "chief", "chief-pass-123")
    with steps.step("write a news item and schedule it"):
        page.goto(f"{live_server.url}/admin/pages/add/labsite/newspage/{news.pk}/")
        page.fill("#id_title", "The buoy is back")
        page.fill("#id_summary", "Recovered after a winter under the ice.")
        page.locator("[data-side-panel-toggle='status']").click()
        page.get_by_role("button", name="Set schedule").click()
        page.fill("#id_go_live_at", go_live.strftime("%Y-%m-%d %H:%M"))
        page.get_by_role("button", name="Save schedule").click()
        page.wait_for_load_state("networkidle")
        page.locator("footer .dropdown-toggle, [data-w-dropdown-target='toggle']").last.click()
        page.get_by_role("button", name="Schedule to publish").click()
        page.wait_for_load_state("networkidle")
        expect(page.get_by_text("scheduled for publishing", exact=False).first).to_be_visible()
    made = NewsPage.objects.get(slug="the-buoy-is-back")
    assert not made.live and made.go_live_at is not None

    from labsite.management.commands import run_periodic

    stop = threading.Event()

    class Clock:
        """The command's clock, whose sleep ends the loop as Ctrl-C would once we are done."""

        monotonic = staticmethod(time.monotonic)

        @staticmethod
        def sleep(seconds):
            if stop.wait(seconds):
                raise KeyboardInterrupt

    monkeypatch.setattr(run_periodic, "time", Clock)

    def ticking():
        try:
            call_command("run_periodic", loop=True, every=15, ticks=20, stdout=io.StringIO())
        finally:
            connection.close()

    loop = threading.Thread(target=ticking, daemon=True)
    loop.start()
    visitor = browser.new_context().new_page()
    url = f"{live_server.url}{news.url}the-buoy-is-back/"
    appeared = None
    with steps.step("wait for it as a visitor", ceiling=200):
        while timezone.now() < go_live + datetime.timedelta(seconds=90):
            response = visitor.goto(url)
            if response.status == 200:
                appeared = timezone.now()
                break
            visitor.wait_for_timeout(3000)
    visitor.context.close()
    assert appeared is not None, "the page never appeared"
    late = (appeared - go_live).total_seconds()
    print(f"\n  appeared {late:.0f} s after its go-live time")
    assert 0 <= late < 60
    stop.set()
    loop.join(timeout=60)
    steps.report()
