"""Finding 9 of the production-truth issue: a page with a go-live time stayed 404 because
nothing ran publish_scheduled. One scheduler now runs every periodic job."""

import datetime
import io

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from labsite import scheduling
from labsite.models import PeriodicJobRun
from tests.factories import NewsIndexPageFactory, NewsPageFactory

pytestmark = pytest.mark.django_db


def test_a_scheduled_page_is_served_after_one_tick_past_its_go_live_time(client):
    index = NewsIndexPageFactory(parent=client_root(), title="Embargoes", slug="embargoes")
    go_live = timezone.now() + datetime.timedelta(hours=2)
    page = NewsPageFactory(parent=index, title="Embargoed result", live=False)
    page.go_live_at = go_live
    page.save_revision().publish()
    page.refresh_from_db()
    assert not page.live and page.url
    assert client.get(page.url).status_code == 404

    with time_machine.travel(go_live + datetime.timedelta(minutes=1), tick=False):
        assert client.get(page.url).status_code == 404  # time alone publishes nothing
        out = io.StringIO()
        call_command("run_periodic", stdout=out)
        assert "publish_scheduled:" in out.getvalue()
        assert client.get(page.url).status_code == 200


def client_root():
    from wagtail.models import Site

    return Site.objects.get(is_default_site=True).root_page


def test_every_periodic_job_is_registered_and_runs_once_per_interval():
    names = {job.name for job in scheduling.jobs()}
    assert {
        "publish_scheduled",
        "send_queued_email",
        "send_digests",
        "purge_applications",
        "drain_application_spool",
        "prune_task_results",
    } <= names
    first = scheduling.run_due()
    assert set(first) == names
    failed = PeriodicJobRun.objects.exclude(last_error="").values_list("name", flat=True)
    assert not failed, f"failed under the embedded default (in-process tasks): {list(failed)}"
    assert first["prune_task_results"] == "nothing kept: background tasks run in-process here"
    assert scheduling.run_due() == {}, "a second tick at once runs nothing"
    later = timezone.now() + datetime.timedelta(minutes=2)
    # The jobs due every minute.
    assert set(scheduling.run_due(later)) == {
        "publish_scheduled",
        "send_queued_email",
        "drain_application_spool",
    }
    assert PeriodicJobRun.objects.get(name="publish_scheduled").runs == 2


def test_a_failing_job_is_recorded_and_does_not_stop_the_others(monkeypatch):
    def broken(now):
        raise RuntimeError("the mail server is on fire")

    monkeypatch.setitem(
        scheduling._jobs._items,
        "broken",
        scheduling.PeriodicJob("broken", datetime.timedelta(minutes=1), broken, "test"),
    )
    report = scheduling.run_due()
    assert report["broken"] == "failed: the mail server is on fire"
    assert "publish_scheduled" in report
    record = PeriodicJobRun.objects.get(name="broken")
    assert "RuntimeError" in record.last_error


def test_on_a_task_worker_the_tick_reschedules_itself_once(database_tasks):
    from django_tasks_db.models import DBTaskResult

    assert scheduling.schedule_next() is True
    assert scheduling.schedule_next() is False  # one waiting tick is enough
    (waiting,) = DBTaskResult.objects.filter(task_path="labsite.scheduling.tick")
    assert waiting.status == "READY" and waiting.run_after > timezone.now()
    out = io.StringIO()
    call_command("send_digests", schedule=True, stdout=out)
    assert "Not scheduled" in out.getvalue()  # the same tick, already waiting


def test_in_process_tasks_cannot_schedule_and_the_command_says_what_to_do():
    out = io.StringIO()
    call_command("run_periodic", schedule=True, stdout=out)
    assert "cron every minute" in out.getvalue()


def test_the_command_lists_jobs_and_refuses_unknown_ones():
    from django.core.management.base import CommandError

    scheduling.run_due()
    out = io.StringIO()
    call_command("run_periodic", list=True, stdout=out)
    assert "publish_scheduled (every 30 s" in out.getvalue() and "last run" in out.getvalue()
    with pytest.raises(CommandError, match="no job 'nope'"):
        call_command("run_periodic", job="nope")


def test_finished_tasks_are_pruned_on_a_database_queue(database_tasks):
    report = scheduling.run_due(only="prune_task_results", force=True)
    assert not PeriodicJobRun.objects.get(name="prune_task_results").last_error
    assert "in-process" not in report["prune_task_results"]
