from django.core.management.base import BaseCommand, CommandError

from labsite.mail import delivery as mail


class Command(BaseCommand):
    help = (
        "Send stored emails that are due: new ones whose task never ran and failed ones due to "
        "retry. Run it from cron every few minutes when tasks run in-process (the default)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--limit", type=int, default=500, help="Send at most this many (default: %(default)s)."
        )

    def handle(self, *args, limit, **options):
        if limit < 1:
            raise CommandError("--limit must be 1 or more.")
        outcomes = mail.send_due(limit=limit)
        if not outcomes:
            self.stdout.write("No email is due.")
            return
        summary = ", ".join(f"{count} {status}" for status, count in sorted(outcomes.items()))
        self.stdout.write(f"Outgoing email: {summary}.")
