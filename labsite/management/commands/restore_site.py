from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from labsite.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Restore a backup_site archive into this site's (empty) database and media folders. "
        "Stop the site and the task worker first."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", help="The .tar.gz written by backup_site.")
        parser.add_argument("--yes", action="store_true", help="Do not ask for confirmation.")

    def handle(self, source, yes=False, **options):
        path = Path(source)
        if not path.is_file():
            raise CommandError(f"{path} does not exist.")
        if not yes and input(
            "This replaces the site's database and media. Go on? [y/N] "
        ).lower() not in ("y", "yes"):
            self.stdout.write("Nothing was restored.")
            return
        try:
            result = restore(path)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"Restored the {result['database']} database of {result['created'][:10]} "
            f"(labsite {result['labsite']}), {result['restored_media']} media and "
            f"{result['restored_private']} private files. Run manage.py migrate if this code is newer."
        )
