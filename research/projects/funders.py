"""Keeping each project's stored funder names true when a grant is edited or deleted."""

from django.db.models.signals import post_delete, post_migrate, post_save

from research.projects.models import ProjectPage, funder_names


def refresh(projects) -> int:
    """Rebuild the funder names of ``projects`` in two queries and a bulk update."""
    records = list(projects.only("pk", "funder_names").prefetch_related("grants"))
    for project in records:
        project.funder_names = funder_names(project)
    ProjectPage.objects.bulk_update(records, ["funder_names"], batch_size=200)
    return len(records)


def _grant_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        refresh(ProjectPage.objects.filter(grants=instance))


def _grant_deleting(sender, instance, **kwargs):
    instance._funded_projects = list(instance.projects.values_list("pk", flat=True))


def _grant_deleted(sender, instance, **kwargs):
    refresh(ProjectPage.objects.filter(pk__in=getattr(instance, "_funded_projects", [])))


def connect():
    from django.db.models.signals import pre_delete

    from labsite.models import Grant

    post_save.connect(_grant_saved, sender=Grant, dispatch_uid="project-funders-grant-saved")
    pre_delete.connect(_grant_deleting, sender=Grant, dispatch_uid="project-funders-grant-deleting")
    post_delete.connect(_grant_deleted, sender=Grant, dispatch_uid="project-funders-grant-deleted")
    post_migrate.connect(backfill, dispatch_uid="project-funders-backfill")


def backfill(sender=None, app_config=None, **kwargs) -> int:
    """Projects saved before funder names were stored (connected to ``post_migrate``)."""
    if app_config is not None and app_config.label != "research":
        return 0
    missing = ProjectPage.objects.filter(funder_names=[], grants__isnull=False)
    return refresh(ProjectPage.objects.filter(pk__in=missing.values("pk")))
