import datetime

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from wagtail.models import Site

from people.applications.models import (
    CV_DIRECTORY,
    Application,
    ApplicationSettings,
    private_storage,
    retention_cutoff,
)
from people.openings.models import OpeningPage

# A CV kept while the applicant fixed other fields is abandoned if it is unclaimed after this.
PENDING_CV_HOURS = 24


class Command(BaseCommand):
    help = (
        "Delete applications (with their CVs and emails) older than each site's retention "
        "period (or their opening's own), and CVs uploaded to forms that were never sent. The scheduler (run_periodic) "
        "runs it daily."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would be deleted; delete nothing."
        )

    def handle(self, *args, dry_run, **options):
        now = timezone.now()
        default_site = Site.objects.filter(is_default_site=True).first()
        if default_site is None and Application.objects.filter(site__isnull=True).exists():
            raise CommandError(
                "Some applications belong to no site and there is no default site to take the "
                "retention period from. Mark a site as the default under Settings > Sites."
            )
        expired = []
        # Openings that keep applications for a period of their own (people.applicant_data.
        # retention): their applications follow it, on whichever site they arrived.
        own = dict(
            OpeningPage.objects.filter(retention_months__isnull=False).values_list(
                "pk", "retention_months"
            )
        )
        for site in Site.objects.all():
            months = ApplicationSettings.for_site(site).retention_months
            cutoff = retention_cutoff(months, now)
            query = Application.objects.older_than(cutoff).filter(site=site)
            if site == default_site:
                query = query | Application.objects.older_than(cutoff).filter(site__isnull=True)
            expired += list(query.exclude(opening_id__in=own))
        for months in sorted(set(own.values())):
            openings = [pk for pk, kept in own.items() if kept == months]
            expired += list(
                Application.objects.older_than(retention_cutoff(months, now)).filter(
                    opening_id__in=openings
                )
            )
        for application in expired:
            self.stdout.write(
                f"{'Would delete' if dry_run else 'Deleting'} {application.reference} "
                f"(received {application.created_at:%Y-%m-%d})"
            )
            if not dry_run:
                with transaction.atomic():
                    application.delete()
        orphans = self._orphaned_cvs(now)
        if not dry_run:
            for name in orphans:
                private_storage().delete(name)
        verb = "Would delete" if dry_run else "Deleted"
        self.stdout.write(
            f"{verb} {len(expired)} application(s) and {len(orphans)} unclaimed CV file(s)."
        )

    def _orphaned_cvs(self, now) -> list[str]:
        storage = private_storage()
        limit = now - datetime.timedelta(hours=PENDING_CV_HOURS)
        referenced = set(Application.objects.values_list("cv", flat=True))
        found = []
        for name in _walk(storage, CV_DIRECTORY):
            if name in referenced:
                continue
            if storage.get_modified_time(name) < limit:
                found.append(name)
        return found


def _walk(storage, directory):
    if not storage.exists(directory):
        return
    subdirectories, files = storage.listdir(directory)
    for name in files:
        yield f"{directory}/{name}"
    for sub in subdirectories:
        yield from _walk(storage, f"{directory}/{sub}")
