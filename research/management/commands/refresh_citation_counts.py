"""Ask OpenAlex and Crossref how often each live publication with a DOI is cited."""

from django.core.management.base import BaseCommand

from research.impact.services import PER_RUN, refresh_citation_counts


class Command(BaseCommand):
    help = (
        "Refresh citation counts from OpenAlex (needs OPENALEX_API_KEY) and Crossref for live "
        "publications with a DOI whose figure is missing or older than six days."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--limit", type=int, default=PER_RUN, help="at most this many DOIs per source"
        )

    def handle(self, *args, limit, **options):
        report = refresh_citation_counts(limit=limit)
        self.stdout.write(report.line())
