"""When to prepare: a page published, an image changed, the site settings (the logo) saved."""

from django.db.models.signals import post_save
from wagtail.images import get_image_model
from wagtail.signals import page_published

from labsite.renditions import prepare


def _page_published(sender, instance, **kwargs):
    prepare.after_commit(prepare.prepare_page_renditions, instance.pk)


def _image_saved(sender, instance, created, raw=False, **kwargs):
    # A new image is on no page yet: its page's publication prepares it.
    if not created and not raw:
        prepare.after_commit(prepare.prepare_image_renditions, instance.pk)


def _settings_saved(sender, instance, raw=False, **kwargs):
    if not raw and getattr(instance, "logo_id", None):
        prepare.after_commit(prepare.prepare_logo_renditions, instance.logo_id)


def connect(settings_model) -> None:
    page_published.connect(_page_published, dispatch_uid="labsite.renditions.page")
    post_save.connect(
        _image_saved, sender=get_image_model(), dispatch_uid="labsite.renditions.image"
    )
    post_save.connect(
        _settings_saved, sender=settings_model, dispatch_uid="labsite.renditions.logo"
    )
