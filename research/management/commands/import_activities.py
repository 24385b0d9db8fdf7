from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from labsite import page_targets
from research.engagement.importer import import_activities, read_rows
from research.engagement.models import EngagementIndexPage


class Command(BaseCommand):
    help = (
        "Import talks and other engagement from a CSV file (columns: title, kind, start_date, "
        "people, and optional end_date, status, status_note, event, event_url, event_format, "
        "host, institution, location, online, start_time, time_zone, abstract; see "
        "research/engagement/importer.py). Bad rows are reported by line number; good rows are "
        "imported."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The CSV file, UTF-8 (Excel: 'CSV UTF-8').")
        parser.add_argument(
            "--index",
            help=(
                "The talks and engagement page to add to, when there are several: its address "
                "(http://fjord.localhost:8000/engagement/), its group's address or name, or its ID."
            ),
        )
        parser.add_argument(
            "--check", action="store_true", help="Check every row and report; save nothing."
        )
        parser.add_argument(
            "--draft", action="store_true", help="Save as drafts for an editor to publish."
        )

    def handle(self, *args, file, index, check, draft, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"{file}: no such file.")
        try:
            text = path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError as error:
            raise CommandError(
                f"{file} is not UTF-8 text (byte {error.start}). In Excel or LibreOffice, save "
                "it as 'CSV UTF-8' and try again."
            ) from None
        target = self._index(index)
        try:
            read_rows(text)
        except ValueError as error:
            raise CommandError(f"{file}: {error}.") from None
        if check:
            with transaction.atomic():
                report = import_activities(text, target, publish=not draft)
                transaction.set_rollback(True)
        else:
            report = import_activities(text, target, publish=not draft)
        for problem in report.problems:
            self.stderr.write(f"{file}, line {problem.line}: {problem.reason}")
        verb = "Would import" if check else "Imported"
        self.stdout.write(
            f"{verb} {len(report.created)} activit{'y' if len(report.created) == 1 else 'ies'} "
            f"into '{target.title}'."
        )
        if report.problems:
            raise CommandError(
                f"{len(report.problems)} row(s) were not imported (listed above). Fix them and "
                "import a file with just those rows."
            )

    def _index(self, name):
        try:
            return page_targets.find_page(
                EngagementIndexPage, name, "talks and engagement page", "--index"
            )
        except page_targets.TargetError as error:
            raise CommandError(str(error)) from None
