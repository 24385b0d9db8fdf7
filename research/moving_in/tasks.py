"""The import itself, in the task worker: the admin's request ends at once and its page shows
the progress (django-tasks: in-process by default, a worker in production)."""

import io

from django.core.files.storage import storages
from django.db import transaction
from django_tasks import task

from research.moving_in.apply import ImportRefused, apply
from research.moving_in.files import SiteFiles
from research.moving_in.models import SiteImportRun
from research.moving_in.readers import read_site

STORAGE = "private"


def stored_files(name: str) -> SiteFiles:
    with storages[STORAGE].open(name, "rb") as handle:
        return SiteFiles.from_zip(io.BytesIO(handle.read()))


@task()
def import_uploaded_site(run_id: str) -> str:
    run = SiteImportRun.objects.select_related("user", "site__root_page").get(pk=run_id)
    if run.state != SiteImportRun.RUNNING:
        return run.state  # delivered twice: the first delivery did the work
    try:
        files = stored_files(run.upload)
        plan = read_site(
            files, run.site_format or None, look_up=True, keep_examples=run.keep_examples
        )
        if plan.fingerprint() != run.fingerprint:
            raise ImportRefused(
                "What would be imported is no longer what the preview showed. Upload the zip "
                "again to see a new preview."
            )
        run.say(
            f"Reading done: {len(plan.people)} people, {len(plan.publications)} "
            f"publications, {len(plan.pages)} pages to go."
        )
        outcome = apply(plan, files, owner=run.user, progress=run.say, site=run.site)
    except ImportRefused as error:
        SiteImportRun.objects.filter(pk=run.pk).update(
            state=SiteImportRun.FAILED, message=str(error)
        )
        return SiteImportRun.FAILED
    run.outcome = {
        "created": outcome.created,
        "existing": outcome.existing,
        "problems": outcome.problems,
        "seconds": round(outcome.seconds, 1),
        "pages": [(page.pk, page.title) for page in outcome.pages[:500]],
    }
    run.state = SiteImportRun.DONE
    with transaction.atomic():
        run.save(update_fields=["outcome", "state", "updated_at"])
    storages[STORAGE].delete(run.upload)
    return SiteImportRun.DONE
