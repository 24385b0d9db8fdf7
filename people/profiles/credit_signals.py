"""Keeping stored credits true when the people they name change (people.profiles.credits)."""

from django.db.models.signals import post_delete, post_migrate, post_save, pre_delete
from wagtail.signals import page_published, page_unpublished, post_page_move

from people.profiles import credits


def _person_changed(sender, instance, **kwargs):
    # Name, address or visibility may have changed: every list naming them is rebuilt.
    credits.refresh_naming(person_id=instance.pk)


def _person_deleting(sender, instance, **kwargs):
    """Rows naming a deleted member keep their name as typed text (the link goes)."""
    instance._credited_by = []
    for model in credits.credited_models():
        relation = model.credit_relation
        row_model = model._meta.get_field(relation).related_model
        keys = list(
            model._default_manager.filter(**{f"{relation}__person_id": instance.pk})
            .values_list("pk", flat=True)
            .distinct()
        )
        if not keys:
            continue
        instance._credited_by.append((model, keys))
        if any(f.name == "name" for f in row_model._meta.fields):
            row_model._default_manager.filter(person_id=instance.pk, name="").update(
                name=instance.title[:200]
            )


def _person_deleted(sender, instance, **kwargs):
    # The rows now point nowhere (SET_NULL) or are gone (CASCADE): rebuild from what is left.
    for model, keys in getattr(instance, "_credited_by", []):
        credits.refresh(model._default_manager.filter(pk__in=keys))


def _external_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        credits.refresh_naming(external_id=instance.pk)


def connect():
    from people.profiles.models import PersonPage
    from people.profiles.snippets import ExternalPerson

    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(_person_changed, sender=PersonPage, dispatch_uid=f"credits-{signal!r}")
    pre_delete.connect(_person_deleting, sender=PersonPage, dispatch_uid="credits-person-deleting")
    post_delete.connect(_person_deleted, sender=PersonPage, dispatch_uid="credits-person-deleted")
    post_save.connect(_external_saved, sender=ExternalPerson, dispatch_uid="credits-external")
    post_migrate.connect(_migrated, dispatch_uid="credits-backfill")


def _migrated(sender, app_config=None, **kwargs):
    # Once per migrate (post_migrate is sent for every app): after the last app's migrations.
    if app_config is not None and app_config.label == "people":
        credits.backfill()
