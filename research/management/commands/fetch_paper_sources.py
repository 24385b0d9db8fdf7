from django.core.management.base import BaseCommand, CommandError

from research.paperfeed import ingest
from research.paperfeed.models import PaperSource


class Command(BaseCommand):
    help = (
        "Check the paper feed's sources (arXiv, Crossref, RSS/Atom) and add their new papers. "
        "The worker runs it every hour; on the embedded default, run it from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--source", type=int, action="append", help="Check only this source (its id)."
        )

    def handle(self, *args, source=None, **options):
        sources = PaperSource.objects.filter(active=True)
        if source:
            sources = PaperSource.objects.filter(pk__in=source)
            missing = set(source) - set(sources.values_list("pk", flat=True))
            if missing:
                known = ", ".join(
                    f"{pk} ({name})" for pk, name in PaperSource.objects.values_list("pk", "name")
                )
                raise CommandError(
                    f"No paper source has the id {', '.join(map(str, sorted(missing)))}. "
                    f"Sources: {known or 'none yet (add one under Paper feed > Sources)'}."
                )
        runs = ingest.check_all(sources=sources)
        failed = 0
        for run in runs:
            if run.error:
                failed += 1
                self.stderr.write(f"{run.source.name}: failed: {run.error}")
            else:
                self.stdout.write(
                    f"{run.source.name}: {run.found} found, {run.added} added, "
                    f"{run.already_there} already there, {run.filtered_out} left out by keywords, "
                    f"{run.over_daily_limit} over the daily number ({run.seconds:.1f} s)"
                )
        added = sum(run.added for run in runs)
        self.stdout.write(f"{len(runs)} source(s) checked, {added} paper(s) added, {failed} failed")
