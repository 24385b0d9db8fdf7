"""Issue 40: an editor's day in Chromium, each step timed (printed with -s, and kept under a
generous ceiling so a step that hangs fails rather than passes slowly).

- A refused first publish, the tab closed, the page started again: no hidden draft holds its
  address (Wagtail 8's autosave made one from the create form).
"""

import re
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
    # The action menu's toggle, in the form's footer (choosers and the header have their own).
    page.locator("footer.footer [data-w-dropdown-target='toggle']").first.click()
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
        # By keyboard: the date pickers stay open over the dialog and, depending on the hour
        # they show, over this button.
        page.get_by_role("button", name="Save schedule").press("Enter")
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


def email_to(address, purpose=None):
    from labsite.models import OutboxEmail

    rows = OutboxEmail.objects.filter(to=[address]).order_by("-pk")
    if purpose:
        rows = rows.filter(purpose=purpose)
    return rows.first()


def link_in(text, fragment):
    return next(word for word in text.split() if fragment in word).rstrip(".,)")


def test_a_members_first_day_from_invitation_to_published_paper(
    browser, page, live_server, django_user_model, settings
):
    """Invite (from the person page), choose a password (from the email), edit the own page,
    bring in the own paper, send both for review; the editor approves from the review emails;
    the member is told, and a visitor reads both."""
    from django.contrib.auth.models import Group

    from people.models import PeopleIndexPage
    from research.models import PublicationPage
    from tests.factories import PersonPageFactory

    steps = Steps("A member's first day")
    # The links in emails point at the admin as the browser reaches it.
    settings.WAGTAILADMIN_BASE_URL = live_server.url
    person = PersonPageFactory(
        parent=PeopleIndexPage.objects.first(), given_names="Ines", family_name="Newcomer"
    )
    person.save_revision().publish()
    editor = django_user_model.objects.create_user("ed", "ed@example.org", "editor-pass-123")
    editor.groups.add(Group.objects.get(name="Site editors"))
    bibtex = (
        "@article{newcomer2026fjords,\n  author = {Newcomer, Ines and Lind, Astrid},\n"
        "  title = {Listening to fjords through the winter},\n  journal = {Ocean Acoustics},\n"
        "  year = {2026},\n  doi = {10.5555/fjords.2026.17}\n}\n"
    )

    with steps.step("editor: log in and invite her from her page"):
        log_in(page, live_server, "ed", "editor-pass-123")
        page.goto(f"{live_server.url}/admin/pages/{person.pk}/edit/")
        # Among the page's actions in the header, beside Move, Copy and History.
        page.locator("header [data-w-dropdown-target='toggle']").first.click()
        page.get_by_role("link", name="Invite to edit this page").click()
        page.fill("#id_email", "ines@example.org")
        page.get_by_role("button", name="Send the invitation").click()
        expect(page.get_by_text("Ines Newcomer is invited").first).to_be_visible()
    invitation = email_to("ines@example.org", "invitation")
    assert invitation is not None

    member = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    with steps.step("member: choose a password from the email's link and log in"):
        member.goto(link_in(invitation.text_body, "/admin/password_reset/"))
        member.fill("#id_new_password1", "fjord-winter-2026")
        member.fill("#id_new_password2", "fjord-winter-2026")
        member.get_by_role("button", name="Reset password").click()
        log_in(member, live_server, "ines@example.org", "fjord-winter-2026")
    with steps.step("member: edit her page and send it for review"):
        member.get_by_role("link", name="Edit your page").click()
        member.fill("#id_short_bio", "Listens to fjords through the winter.")
        member.locator("footer .dropdown-toggle, [data-w-dropdown-target='toggle']").last.click()
        member.get_by_role("button", name=re.compile("Submit to")).click()
        member.wait_for_load_state()
    with steps.step("member: bring in her paper from BibTeX"):
        member.goto(f"{live_server.url}/admin/")
        member.get_by_role("link", name="Import your papers from BibTeX").click()
        member.fill("#id_text", bibtex)
        member.get_by_role("button", name="Preview").click()
        member.get_by_role("button", name="Import ticked entries").click()
        expect(member.get_by_text("sent to a site editor for review")).to_be_visible()
    paper = PublicationPage.objects.get(bibtex_key="newcomer2026fjords")
    assert not paper.live and paper.workflow_in_progress

    with steps.step("editor: approve both from the review emails"):
        for title in ("Ines Newcomer", "Listening to fjords through the winter"):
            review = email_to("ed@example.org")
            rows = [r for r in type(review).objects.filter(to=["ed@example.org"])
                    if title in r.subject]  # fmt: skip
            assert rows, f"no review email for {title}"
            page.goto(link_in(rows[-1].text_body, "/admin/"))
            page.locator("footer .dropdown-toggle, [data-w-dropdown-target='toggle']").last.click()
            page.get_by_role("button", name="Approve").first.click()
            page.wait_for_load_state()
    published = email_to("ines@example.org")
    assert published is not None and "Published" in published.subject

    with steps.step("visitor: read her page and her paper"):
        visitor = browser.new_context().new_page()
        visitor.goto(f"{live_server.url}{person.url}")
        expect(visitor.get_by_text("Listens to fjords through the winter.")).to_be_visible()
        expect(visitor.get_by_text("Listening to fjords through the winter").first).to_be_visible()
        visitor.context.close()
    member.context.close()
    steps.report()


def test_an_opening_from_draft_to_the_applicants_email(
    browser, page, live_server, django_user_model, settings, tmp_path
):
    """An editor drafts an opening, choosing its supervisor from the group's people, then
    publishes it; an applicant finds it and sends the form with a CV; the supervisor's email
    carries the application and the applicant gets a receipt."""
    import datetime

    from django.core import mail
    from django.utils import timezone

    from people.models import Application, PersonPage
    from tests.factories import pdf_bytes

    settings.APPLICATION_MIN_FILL_SECONDS = 0
    steps = Steps("An opening from draft to the applicant's email")
    django_user_model.objects.create_superuser("chief", "chief@example.org", "chief-pass-123")
    openings = OpeningIndexPage.objects.live().first()
    supervisor = PersonPage.objects.live().exclude(email="").first()
    deadline = timezone.localdate() + datetime.timedelta(days=60)
    cv = tmp_path / "Noor CV.pdf"
    cv.write_bytes(pdf_bytes())
    mail.outbox.clear()

    with steps.step("log in"):
        log_in(page, live_server, "chief", "chief-pass-123")
    with steps.step("draft the opening, its supervisor chosen from the group's people"):
        page.goto(f"{live_server.url}/admin/pages/add/people/openingpage/{openings.pk}/")
        page.fill("#id_title", "PhD studentship: sound under sea ice")
        page.select_option("#id_kind", "phd")
        page.fill("#id_summary", "Three funded years recording the Arctic winter.")
        page.fill("#id_deadline_date", deadline.isoformat())
        page.get_by_role("button", name="Add supervisor").click()
        page.locator("#id_supervisors-0-person-chooser .unchosen button").click()
        page.locator(".modal").get_by_role("link", name=supervisor.title).click()
        page.get_by_role("button", name="Save draft").click()
        expect(page.locator(".messages").get_by_text(re.compile("created"))).to_be_visible()
    opening = OpeningPage.objects.get(slug="phd-studentship-sound-under-sea-ice")
    assert not opening.live
    with steps.step("publish it"):
        publish(page)
        expect(page.locator(".messages").get_by_text(re.compile("published"))).to_be_visible()
    opening.refresh_from_db()
    assert opening.live

    applicant = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    with steps.step("applicant: find it among the openings and send the form with a CV"):
        applicant.goto(f"{live_server.url}{openings.url}")
        applicant.get_by_role("link", name="PhD studentship: sound under sea ice").click()
        applicant.get_by_role("link", name="Contact the supervisors").click()
        applicant.get_by_label("Your name").fill("Noor Example")
        applicant.get_by_label("Email address").fill("noor@example.org")
        applicant.get_by_label("Current institution").fill("University of Elsewhere")
        applicant.get_by_label("Current or most recent degree").fill("MSc Physics")
        applicant.locator("#id_graduation_month").select_option("6")
        applicant.locator("#id_graduation_year").fill(str(deadline.year))
        applicant.locator("#id_start_month").select_option("10")
        applicant.locator("#id_start_year").fill(str(deadline.year + 1))
        applicant.get_by_label("Research interests").fill(
            "Ice acoustics and long-term moorings; I built a hydrophone array for my MSc. " * 3
        )
        applicant.get_by_label("I need funding").check()
        applicant.get_by_label("CV", exact=True).set_input_files(str(cv))
        applicant.get_by_label("I have read the privacy notice").check()
        applicant.get_by_role("button", name="Send").click()
        applicant.wait_for_load_state()
        errors = applicant.locator("#form-errors")
        assert not errors.count(), errors.inner_text()
        applicant.wait_for_url("**/apply/received/**")
    applicant.context.close()
    application = Application.objects.get(email="noor@example.org")
    assert application.opening_id == opening.pk
    to_supervisor = [m for m in mail.outbox if supervisor.email in m.to]
    assert to_supervisor and application.reference in to_supervisor[0].subject
    assert "Noor Example" in to_supervisor[0].body
    assert any("noor@example.org" in m.to for m in mail.outbox), "the applicant's receipt"
    steps.report()
