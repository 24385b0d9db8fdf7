import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connections
from django.utils import timezone

from labsite import scheduling
from labsite.models import PeriodicJobRun


class Command(BaseCommand):
    help = (
        "Run the periodic jobs that are due: scheduled publishing and unpublishing, email "
        "retries, digests, retention purges. Safe to run as often as you like: each job runs "
        "once per interval. With tasks in-process (the default) run it from cron every minute; "
        "with a task worker, '--schedule' once starts a tick that repeats by itself."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--schedule",
            action="store_true",
            help="Enqueue the repeating tick on the task worker instead of running jobs now.",
        )
        parser.add_argument(
            "--loop",
            action="store_true",
            help="Keep ticking until stopped (Ctrl-C), as `make run` does beside the server.",
        )
        parser.add_argument(
            "--every",
            type=int,
            default=15,
            help="With --loop: seconds between ticks (default: %(default)s).",
        )
        parser.add_argument(
            "--ticks",
            type=int,
            default=0,
            help="With --loop: stop after this many ticks (default: never).",
        )
        parser.add_argument("--list", action="store_true", help="List the jobs and their last run.")
        parser.add_argument("--job", help="Run only this job (with --force: even if not due).")
        parser.add_argument("--force", action="store_true", help="Run even if not due.")

    def handle(
        self,
        *args,
        schedule=False,
        loop=False,
        every=15,
        ticks=0,
        list=False,
        job=None,
        force=False,
        **options,
    ):
        names = [j.name for j in scheduling.jobs()]
        if job and job not in names:
            raise CommandError(f"There is no job '{job}'. Jobs: {', '.join(names)}.")
        if list:
            records = {r.name: r for r in PeriodicJobRun.objects.all()}
            for item in scheduling.jobs():
                record = records.get(item.name)
                last = (
                    f"last run {timezone.localtime(record.last_started_at):%Y-%m-%d %H:%M}: "
                    f"{record.last_outcome}"
                    if record and record.last_started_at
                    else "never run"
                )
                seconds = int(item.every.total_seconds())
                every = f"{seconds} s" if seconds < 60 else f"{seconds // 60} min"
                self.stdout.write(f"{item.name} (every {every}, {item.description}): {last}")
            return
        if schedule:
            if scheduling.schedule_next():
                self.stdout.write("The periodic tick is scheduled on the task worker.")
            else:
                self.stdout.write(
                    "Not scheduled: tasks run in-process here (run this command from cron every "
                    "minute instead), or a tick is already waiting."
                )
            return
        if loop:
            self._loop(max(every, 1), ticks)
            return
        report = scheduling.run_due(only=job, force=force)
        if not report:
            self.stdout.write("No job is due.")
        for name, outcome in report.items():
            self.stdout.write(f"{name}: {outcome}")

    def _loop(self, every: int, ticks: int = 0):
        self.stdout.write(
            f"Periodic jobs: a tick every {every} s (scheduled publishing, email, digests…)."
        )
        done = 0
        try:
            while not ticks or done < ticks:
                started = time.monotonic()
                try:
                    report = scheduling.run_due()
                except Exception as exc:  # a locked or missing database: say so, keep ticking
                    self.stderr.write(f"periodic jobs: tick failed ({exc}); trying again")
                    connections.close_all()  # a broken connection is opened afresh next tick
                    report = {}
                for name, outcome in report.items():
                    when = timezone.localtime().strftime("%H:%M:%S")
                    self.stdout.write(f"[{when}] {name}: {outcome}")
                done += 1
                if ticks and done >= ticks:
                    break
                time.sleep(max(0.0, every - (time.monotonic() - started)))
        except KeyboardInterrupt:
            self.stdout.write("Periodic jobs stopped.")
