"""One scheduler for all periodic work: scheduled publishing and expiry, email retries, digests,
retention purges, old task results.

Apps register jobs (name, interval, function); a *tick* runs every job that is due. Ticks come
from one of two places:

- the embedded default (tasks in-process): one cron line, every minute,
  ``manage.py run_periodic``;
- production (a task worker): ``manage.py run_periodic --schedule`` once; the tick task then
  re-enqueues itself a minute ahead, for ever;
- ``make run``: ``manage.py run_periodic --loop`` beside the development server.

Every tick leaves a heartbeat (:data:`HEARTBEAT`), so the admin can warn when nothing ticks: a
page "scheduled for publishing" that never appears is otherwise noticed by nobody.

Each job's last start is claimed with a conditional UPDATE, so overlapping ticks (cron and a
worker, two workers) run a job once per interval. A failing job is recorded and retried at the
next interval; it never stops the others.
"""

import datetime
import io
import logging
import traceback
from collections.abc import Callable
from dataclasses import dataclass

from django.core.management import call_command
from django.db.models import F
from django.utils import timezone
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from labsite.models import PeriodicJobRun
from labsite.registry import Registry

logger = logging.getLogger(__name__)

TICK_SECONDS = 60
#: The row whose start time is the last tick's, whether or not a job was due then.
HEARTBEAT = "(scheduler tick)"


@dataclass(frozen=True)
class PeriodicJob:
    name: str
    every: datetime.timedelta
    run: Callable[[datetime.datetime], str]  # returns one line saying what it did
    description: str = ""


_jobs: Registry[PeriodicJob] = Registry(key=lambda job: job.name)


def register(job: PeriodicJob) -> None:
    _jobs.register(job)


def jobs() -> list[PeriodicJob]:
    return _jobs.all()


def command_job(name: str, every: datetime.timedelta, command: str, *args, description=""):
    """A job that runs a management command and reports its last line of output."""

    def run(now):
        out = io.StringIO()
        call_command(command, *args, stdout=out, stderr=out)
        lines = [line for line in out.getvalue().splitlines() if line.strip()]
        return lines[-1] if lines else "done"

    return PeriodicJob(name, every, run, description or f"manage.py {command}")


def _claim(job: PeriodicJob, now: datetime.datetime, force: bool) -> bool:
    record, _ = PeriodicJobRun.objects.get_or_create(name=job.name)
    last = record.last_started_at
    if not force and last is not None and now - last < job.every:
        return False
    # Only the tick whose UPDATE still sees the old start time runs the job.
    return bool(
        PeriodicJobRun.objects.filter(pk=record.pk, last_started_at=last).update(
            last_started_at=now
        )
    )


def run_due(now: datetime.datetime | None = None, only: str | None = None, force=False) -> dict:
    """Run every due job (or ``only`` that one); {name: outcome} for those that ran."""
    now = now or timezone.now()
    if only is None:
        PeriodicJobRun.objects.update_or_create(name=HEARTBEAT, defaults={"last_started_at": now})
    report = {}
    for job in jobs():
        if only and job.name != only:
            continue
        if not _claim(job, now, force):
            continue
        try:
            outcome, error = job.run(now), ""
        except Exception as exc:  # one job's failure must not stop the others
            logger.exception("periodic job %s failed", job.name)
            outcome, error = f"failed: {exc}", traceback.format_exc(limit=5)
        PeriodicJobRun.objects.filter(name=job.name).update(
            last_finished_at=timezone.now(),
            last_outcome=outcome[:2000],
            last_error=error,
            runs=F("runs") + 1,
        )
        report[job.name] = outcome
    return report


def last_tick() -> datetime.datetime | None:
    return (
        PeriodicJobRun.objects.filter(name=HEARTBEAT)
        .values_list("last_started_at", flat=True)
        .first()
    )


def is_stalled(now: datetime.datetime | None = None) -> bool:
    """True when no tick came for longer than two intervals (or none ever came)."""
    last = last_tick()
    now = now or timezone.now()
    return last is None or now - last > datetime.timedelta(seconds=2 * TICK_SECONDS)


@task()
def tick() -> dict:
    """Run the due jobs, then come back in a minute (on a task worker)."""
    report = run_due()
    schedule_next()
    return report


def schedule_next(now: datetime.datetime | None = None) -> bool:
    """With a task worker, enqueue the next tick unless one is already waiting.

    In-process tasks cannot wait: there, cron runs ``manage.py run_periodic`` every minute."""
    backend = tick.get_backend()
    if not backend.supports_defer:
        return False
    if _tick_waiting():
        return False
    now = now or timezone.now()
    tick.using(run_after=now + datetime.timedelta(seconds=TICK_SECONDS)).enqueue()
    return True


def _tick_waiting() -> bool:
    return DBTaskResult.objects.filter(task_path=tick.module_path, status="READY").exists()
