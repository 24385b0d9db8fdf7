from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from labsite import demo


class Command(BaseCommand):
    help = "Load the fictional demo research group. Safe to run again: existing content is kept."

    def add_arguments(self, parser):
        parser.add_argument(
            "--admin-password",
            default="labsite-demo",
            help="Password for the 'admin' superuser if it does not exist yet (default: %(default)s).",
        )
        parser.add_argument("--no-admin", action="store_true", help="Do not create an admin user.")
        parser.add_argument(
            "--migrate",
            action="store_true",
            help="Migrate the database first, in the same process (make run: one start-up less).",
        )
        parser.add_argument(
            "--one-group",
            action="store_true",
            help="Only the Tidewater group: no second group, department page or German pages.",
        )

    def handle(self, *args, admin_password, no_admin, one_group=False, **options):
        if options.get("migrate"):
            self.stdout.write("== migrating the database")
            call_command("migrate", interactive=False, verbosity=options.get("verbosity", 1))
            self.stdout.write("== loading the demo group (keeps anything already there)")
        context = demo.DemoContext()
        with transaction.atomic():
            for step in demo.steps():
                if one_group and not step.one_group:
                    continue
                # One line per step as it starts, so a first load (a minute) is never silent.
                if options.get("verbosity", 1) > 0:
                    self.stdout.write(f"  {step.name}")
                    self.stdout.flush()
                step.run(context)
        self.stdout.write(f"Demo group ready: {context.created} new object(s) created.")
        if not no_admin:
            self._ensure_admin(admin_password)

    def _ensure_admin(self, password):
        User = get_user_model()
        if User.objects.filter(username="admin").exists():
            self.stdout.write("Admin user 'admin' already exists; its password was not changed.")
            return
        User.objects.create_superuser("admin", "admin@example.org", password)
        self.stdout.write(
            f"Created admin user 'admin' with password '{password}'. Change it in the admin."
        )
