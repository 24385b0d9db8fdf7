"""manage.py import_site PATH: preview, then import, a group's existing website."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from labsite import page_targets
from research.moving_in import report
from research.moving_in.apply import ImportRefused, already_there, apply
from research.moving_in.files import SiteFiles, SiteFilesError
from research.moving_in.readers import FORMATS, read_site


class Command(BaseCommand):
    help = (
        "Read a website's repository (a folder or a .zip: al-folio, academicpages, Hugo Blox, "
        "the Greene Lab template or hand-written markdown), show what would be created and "
        "what is skipped, and with --yes import it. Running it again imports only what is new."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The folder of the site's repository, or a zip of it.")
        parser.add_argument(
            "--yes", action="store_true", help="Import after the preview, without asking."
        )
        parser.add_argument(
            "--format", choices=sorted(FORMATS), help="Skip detection: the kind of site it is."
        )
        parser.add_argument("--as-user", help="Username recorded as the owner of the new pages.")
        parser.add_argument(
            "--group",
            help=(
                "The group whose site it moves into, by its address (fjord.localhost:8000) or "
                "name, when the install has several. Without it: the default site."
            ),
        )
        parser.add_argument(
            "--all-notes", action="store_true", help="List every warning, not the first 40."
        )
        parser.add_argument(
            "--offline",
            action="store_true",
            help="Do not look up hand-typed references by their DOI or arXiv ID (no network).",
        )
        parser.add_argument(
            "--keep-examples",
            action="store_true",
            help="Import the theme's example content too (it is skipped and listed by default).",
        )

    def handle(
        self,
        path,
        yes=False,
        format=None,
        as_user=None,
        all_notes=False,
        offline=False,
        keep_examples=False,
        group=None,
        **options,
    ):
        self.look_up = not offline
        self.keep_examples = keep_examples
        try:
            self.site = page_targets.find_site(group) if group else None
        except page_targets.TargetError as error:
            raise CommandError(str(error)) from None
        try:
            if path.lower().endswith(".zip"):
                with open(path, "rb") as handle:
                    files = SiteFiles.from_zip(handle)
                    self._run(files, format, yes, as_user, all_notes)
            else:
                self._run(SiteFiles.from_folder(path), format, yes, as_user, all_notes)
        except FileNotFoundError:
            raise CommandError(
                f"{path} does not exist. Give the folder of your site or a zip of it."
            ) from None
        except (SiteFilesError, ImportRefused) as error:
            raise CommandError(str(error)) from None

    def _run(self, files, site_format, yes, as_user, all_notes):
        self.stdout.write(f"Reading {len(files)} files…")
        plan = read_site(files, site_format, look_up=self.look_up, keep_examples=self.keep_examples)
        existing = already_there(plan, site=self.site)
        self.stdout.write(report.text(plan, limit=None if all_notes else 40, existing=existing))
        if not (plan.people or plan.pages or plan.publications):
            self.stdout.write("Nothing to import.")
            return
        if not yes:
            if not self.stdin_is_interactive():
                self.stdout.write("Preview only. Run again with --yes to import.")
                return
            if input("Import all of this? [y/N] ").strip().lower() not in ("y", "yes"):
                self.stdout.write("Nothing was imported.")
                return
        owner = None
        if as_user:
            owner = get_user_model().objects.filter(username=as_user).first()
            if owner is None:
                raise CommandError(f"There is no user '{as_user}'.")
        self.stdout.write("Importing…")
        outcome = apply(plan, files, owner=owner, progress=self.stdout.write, site=self.site)
        self.stdout.write(report.outcome_text(outcome))

    def stdin_is_interactive(self) -> bool:
        import sys

        return sys.stdin.isatty()
