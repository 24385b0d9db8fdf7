from django.core.management.base import BaseCommand, CommandError

from labsite.groups.services import GroupExists, create_group


class Command(BaseCommand):
    help = (
        "Set up a new research group on this install: its own site (home page and the usual "
        "index pages), group settings, a collection for its images and documents, and an "
        "editors' group whose rights stop at the group's own pages."
    )

    def add_arguments(self, parser):
        parser.add_argument("name", help="The group's name, e.g. 'Ocean Acoustics Lab'.")
        parser.add_argument("hostname", help="The address it is served at, e.g. ocean.example.org.")
        parser.add_argument("--port", type=int, default=80)

    def handle(self, name, hostname, port=80, **options):
        try:
            group = create_group(name, hostname, port)
        except GroupExists as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"Created '{group.site.site_name}' at http://{hostname}{'' if port == 80 else f':{port}'}/ "
            f"with {len(group.pages)} pages, the collection '{group.collection.name}' and the "
            f"user group '{group.editors.name}' in {group.seconds:.2f} s. Add its editors to that "
            "group (Settings > Users)."
        )
