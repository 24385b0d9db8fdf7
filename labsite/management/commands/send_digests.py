import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from labsite import scheduling
from labsite.subscriptions import digests
from labsite.subscriptions import lists as subscriptions


class Command(BaseCommand):
    help = (
        "Build and send the email digests that are due (yesterday's daily ones, last week's "
        "weekly ones). Safe to run as often as you like: nobody gets a digest twice. Run it "
        "by hand to send a missed period; 'manage.py run_periodic' runs it on schedule."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--list",
            dest="only",
            help="Only this list: " + ", ".join(item.key for item in subscriptions.lists()),
        )
        parser.add_argument(
            "--now",
            help="Pretend it is this moment (YYYY-MM-DD or YYYY-MM-DDTHH:MM), to send a missed period.",
        )
        parser.add_argument(
            "--schedule",
            action="store_true",
            help="Start the periodic tick on the task worker (same as 'run_periodic --schedule'), "
            "which sends digests among the other periodic jobs.",
        )

    def handle(self, *args, only=None, now=None, schedule=False, **options):
        if only and subscriptions.get_list(only) is None:
            known = ", ".join(item.key for item in subscriptions.lists())
            raise CommandError(f"There is no list '{only}'. Lists: {known}.")
        moment = timezone.now()
        if now:
            try:
                parsed = datetime.datetime.fromisoformat(now)
            except ValueError:
                raise CommandError(
                    f"--now '{now}' is not a date or time; write it like 2026-11-25 or 2026-11-25T07:00."
                ) from None
            moment = parsed if timezone.is_aware(parsed) else timezone.make_aware(parsed)
        if schedule:
            if scheduling.schedule_next():
                self.stdout.write("The periodic tick (digests among its jobs) is scheduled.")
            else:
                self.stdout.write(
                    "Not scheduled: tasks run in-process here (run 'manage.py run_periodic' from "
                    "cron every minute), or the tick is already waiting."
                )
            return
        report = digests.send_digests(moment, only=only)
        if not report:
            self.stdout.write("No digest is due: no list has subscribers for a finished period.")
            return
        for row in report:
            self.stdout.write(
                f"{row['site']} {row['list']} ({row['frequency']}) {row['period']}: "
                f"{row['items']} item(s), {row['queued']} email(s) queued now."
            )
