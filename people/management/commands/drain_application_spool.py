from django.core.management.base import BaseCommand

from people.applications import spool


class Command(BaseCommand):
    help = (
        "Import the applications kept on disk while the database was down (safe to run again: "
        "an application already imported is not imported twice)."
    )

    def handle(self, *args, **options):
        outcomes = spool.drain()
        self.stdout.write(
            ", ".join(f"{count} {outcome}" for outcome, count in outcomes.items())
            + " (application spool)"
        )
