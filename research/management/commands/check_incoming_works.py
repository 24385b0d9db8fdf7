"""manage.py check_incoming_works: the weekly check of ORCID records and arXiv for new works."""

from django.core.management.base import BaseCommand, CommandError

from people.profiles.models import PersonPage
from research.incoming import services


class Command(BaseCommand):
    help = (
        "Find new works in the ORCID records (and arXiv, where asked) of every person, queue "
        "them under 'Works to review' and email each member a short list."
    )

    def add_arguments(self, parser):
        parser.add_argument("--person", help="Only this person (the slug of their page).")

    def handle(self, person=None, **options):
        if person:
            page = PersonPage.objects.filter(slug=person).first()
            if page is None:
                raise CommandError(f"No person page has the slug '{person}'.")
            checked = services.check(page)
            for problem in checked.problems:
                self.stderr.write(problem)
            self.stdout.write(f"{len(checked.new)} new works for {page.title}")
            return
        self.stdout.write(services.check_everyone())
