from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from labsite import page_targets
from research.publications.bibtex import BibtexError
from research.publications.index_page import PublicationIndexPage
from research.publications.models import PublicationStatus
from research.publications.services import (
    NoPublicationIndex,
    default_index_page,
    import_drafts,
    preview_bibtex,
)


class Command(BaseCommand):
    help = "Import publications from a BibTeX file (the same service as the admin's import)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Path to a .bib file (UTF-8).")
        parser.add_argument(
            "--dry-run", action="store_true", help="Show what would happen; change nothing."
        )
        parser.add_argument(
            "--status",
            choices=PublicationStatus.values,
            help="Give every imported publication this status instead of reading it from the file.",
        )
        parser.add_argument(
            "--index",
            help=(
                "The publications page to add to, when there are several: its address "
                "(http://fjord.localhost:8000/publications/), its group's address or name, or "
                "its ID. Without it: the default site's."
            ),
        )
        parser.add_argument(
            "--draft",
            action="store_true",
            help="Save them as drafts, for an editor to check and publish one by one.",
        )

    def handle(self, *args, file, dry_run, status, index, draft=False, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"There is no file at {path}. Give the path to a .bib file.")
        try:
            text = path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError as error:
            raise CommandError(
                f"{path} is not UTF-8 text (byte {error.start}). Export it again as UTF-8 from your reference manager."
            ) from None
        try:
            index_page = (
                page_targets.find_page(PublicationIndexPage, index, "publications page", "--index")
                if index
                else default_index_page()
            )
        except page_targets.TargetError as error:
            raise CommandError(str(error)) from None
        except NoPublicationIndex as error:
            raise CommandError(str(error)) from None
        try:
            drafts = preview_bibtex(text, index_page)
        except BibtexError as error:
            raise CommandError(str(error)) from None

        for draft in drafts:
            if draft.state == "error":
                self.stdout.write(
                    f"line {draft.line:>5}  {draft.key}: ERROR {'; '.join(draft.errors)}"
                )
            elif draft.state == "duplicate":
                self.stdout.write(f"line {draft.line:>5}  {draft.key}: {draft.duplicate_reason}")
            elif options["verbosity"] > 1 or dry_run:
                self.stdout.write(f"line {draft.line:>5}  {draft.key}: new — {draft.title[:70]}")
        counts = {
            state: sum(d.state == state for d in drafts) for state in ("new", "duplicate", "error")
        }
        if dry_run:
            self.stdout.write(
                f"Dry run: {counts['new']} would be imported, {counts['duplicate']} duplicates skipped, "
                f"{counts['error']} with errors. Nothing was changed."
            )
            return
        result = import_drafts(drafts, index_page, status=status, as_drafts=draft)
        self.stdout.write(
            f"Imported {len(result.created)} publication(s){' as drafts' if draft else ''} "
            f"into '{index_page.title}'; "
            f"skipped {len(result.skipped)} duplicate(s); {len(result.failed)} entr{'y' if len(result.failed) == 1 else 'ies'} with errors."
        )
