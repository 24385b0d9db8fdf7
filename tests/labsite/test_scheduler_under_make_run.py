"""Issue 40, finding 1: under `make run` nothing ran the periodic jobs, so a page "scheduled for
publishing" never appeared and nobody was told. `make run` now starts `run_periodic --loop`
beside the server; every tick leaves a heartbeat, and the dashboard warns when none came."""

import datetime
import io
import re
from pathlib import Path

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Site

from labsite import scheduling
from tests.factories import NewsIndexPageFactory, NewsPageFactory

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def scheduled_page(go_live):
    root = Site.objects.get(is_default_site=True).root_page
    index = NewsIndexPageFactory(parent=root, title="Embargoes", slug="embargoes")
    page = NewsPageFactory(parent=index, title="Embargoed result", live=False)
    page.go_live_at = go_live
    page.save_revision().publish()
    return page


def test_make_run_starts_the_loop_beside_the_server_and_stops_it_with_the_server():
    recipe = (ROOT / "Makefile").read_text()
    run = recipe[recipe.index("\nrun:") : recipe.index("\n\n", recipe.index("\nrun:"))]
    assert re.search(r"run_periodic --loop --every (\d+) &", run), run
    assert "trap 'kill $$jobs" in run and "runserver" in run


@pytest.mark.parametrize("offset", [0, 1, 7, 14, 29, 31, 44])
def test_under_fifteen_second_ticks_a_page_goes_live_within_a_minute(offset):
    """Ticks every 15 s from t0 (as `make run` does), the page due at t0 + 40 s + offset: the
    first tick that publishes it is less than a minute after its go-live time, wherever the
    go-live falls between ticks and whatever the job ran last."""
    t0 = timezone.now().replace(microsecond=0) + datetime.timedelta(hours=1)
    go_live = t0 + datetime.timedelta(seconds=40 + offset)
    page = scheduled_page(go_live)
    published_at = None
    for tick in range(12):
        now = t0 + datetime.timedelta(seconds=15 * tick)
        with time_machine.travel(now, tick=False):
            scheduling.run_due()
        page.refresh_from_db()
        if page.live:
            published_at = now
            break
    assert published_at is not None
    assert datetime.timedelta(0) <= published_at - go_live < datetime.timedelta(minutes=1)


def test_the_loop_ticks_until_stopped_and_publishes_what_is_due(monkeypatch):
    page = scheduled_page(timezone.now() - datetime.timedelta(seconds=5))
    sleeps = []

    def sleep(seconds):
        sleeps.append(seconds)
        if len(sleeps) == 2:
            raise KeyboardInterrupt  # Ctrl-C, or `make run`'s trap when the server stops

    monkeypatch.setattr("labsite.management.commands.run_periodic.time.sleep", sleep)
    out = io.StringIO()
    call_command("run_periodic", loop=True, every=15, stdout=out)
    page.refresh_from_db()
    assert page.live
    assert "publish_scheduled:" in out.getvalue()
    assert "Periodic jobs stopped." in out.getvalue()
    assert len(sleeps) == 2 and 0 < sleeps[0] <= 15
    assert not scheduling.is_stalled()


def test_a_failing_tick_is_reported_and_the_loop_goes_on(monkeypatch):
    calls = []

    def run_due():
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("database is locked")
        return {"publish_scheduled": "done"}

    def sleep(seconds):
        if len(calls) == 2:
            raise KeyboardInterrupt

    monkeypatch.setattr(scheduling, "run_due", run_due)
    monkeypatch.setattr("labsite.management.commands.run_periodic.time.sleep", sleep)
    out, err = io.StringIO(), io.StringIO()
    call_command("run_periodic", loop=True, every=1, stdout=out, stderr=err)
    assert "tick failed (database is locked)" in err.getvalue()
    assert "publish_scheduled: done" in out.getvalue()


def test_the_dashboard_warns_when_no_tick_came_for_two_intervals(admin_client):
    warning = "Scheduled publishing is not running"
    response = admin_client.get("/admin/")
    assert warning in response.content.decode()
    assert "have never run" in response.content.decode()
    assert "run_periodic --schedule" in response.content.decode()  # an administrator: how

    scheduling.run_due()
    assert warning not in admin_client.get("/admin/").content.decode()

    later = timezone.now() + datetime.timedelta(seconds=2 * scheduling.TICK_SECONDS + 5)
    with time_machine.travel(later, tick=False):
        page = admin_client.get("/admin/").content.decode()
    assert warning in page and "last ran 2\xa0minutes ago" in page


def test_an_editor_is_told_to_ask_whoever_runs_the_site(client, django_user_model):
    from django.contrib.auth.models import Group

    editor = django_user_model.objects.create_user("ed", "ed@example.org", "pw-pw-pw-12345")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    page = client.get("/admin/").content.decode()
    assert "Scheduled publishing is not running" in page
    assert "Please tell whoever runs the site." in page
    assert "run_periodic" not in page
