from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from labsite.backup import BackupError, backup


class Command(BaseCommand):
    help = "Write the database and the media folders into one .tar.gz (restore with restore_site)."

    def add_arguments(self, parser):
        parser.add_argument("destination", help="The file to write, e.g. labsite-2026-11-26.tar.gz")

    def handle(self, destination, **options):
        path = Path(destination)
        if path.exists():
            raise CommandError(f"{path} exists already; choose a new name.")
        try:
            manifest = backup(path)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"Backed up the {manifest['database']} database, {manifest['media_files']} media and "
            f"{manifest['private_files']} private files into {path} ({manifest['bytes'] / 1e6:.1f} MB)."
        )
