"""Make the renditions a published page will ask for, in a background task.

Publishing a page, changing an image a live page shows, or saving the site settings (the logo)
enqueues a task; on the embedded default it runs at once in the same request, in production on
the task worker. A page's images are found in its image fields (a field named ``photo`` is a
person's photo, any other image field a page image) and in its StreamFields.
"""

import logging
from collections.abc import Iterator

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django_tasks import task
from wagtail.blocks import StreamValue, StructValue
from wagtail.blocks.list_block import ListValue
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.images.models import AbstractImage
from wagtail.models import Page, ReferenceIndex

from labsite.renditions import slots

logger = logging.getLogger(__name__)


def _images_in(value) -> Iterator[AbstractImage]:
    if isinstance(value, AbstractImage):
        yield value
    elif isinstance(value, StreamValue):
        for child in value:
            yield from _images_in(child.value)
    elif isinstance(value, StructValue | dict):
        for item in value.values():
            yield from _images_in(item)
    elif isinstance(value, ListValue | list | tuple):
        for item in value:
            yield from _images_in(item)


def images_of(page) -> Iterator[tuple[AbstractImage, tuple[str, ...]]]:
    """Each image ``page`` shows, with the slots it fills."""
    image_model = get_image_model()
    for field in page._meta.concrete_fields:
        if getattr(field, "related_model", None) is image_model:
            image = getattr(page, field.name)
            if image is not None:
                yield image, slots.PHOTO if field.name == "photo" else slots.PAGE_IMAGE
        elif isinstance(field, StreamField):
            for image in _images_in(getattr(page, field.name)):
                yield image, slots.BLOCK_IMAGE


def prepare(image: AbstractImage, slot_names) -> int:
    """Make every rendition of ``slot_names`` for ``image``; returns how many there are."""
    specs = [spec for name in slot_names for spec in slots.SLOTS[name].filter_specs()]
    try:
        return len(image.get_renditions(*specs))
    except Exception:  # a missing or damaged original: the page shows its alt text
        logger.exception("Could not prepare renditions of image %s", image.pk)
        return 0


@task()
def prepare_page_renditions(page_id: int) -> int:
    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        return 0
    return sum(prepare(image, names) for image, names in images_of(page.specific))


@task()
def prepare_image_renditions(image_id: int) -> int:
    """An image was changed (a new file, a new focal point): the live pages showing it."""
    image = get_image_model().objects.filter(pk=image_id).first()
    if image is None:
        return 0
    made = 0
    for page in _live_pages_showing(image):
        made += sum(prepare(shown, names) for shown, names in images_of(page) if shown == image)
    return made


@task()
def prepare_logo_renditions(image_id: int) -> int:
    image = get_image_model().objects.filter(pk=image_id).first()
    return prepare(image, slots.LOGO) if image is not None else 0


def _live_pages_showing(image) -> Iterator[Page]:
    references = ReferenceIndex.get_references_to(image).filter(
        base_content_type=ContentType.objects.get_for_model(Page)
    )
    page_ids = {int(object_id) for object_id in references.values_list("object_id", flat=True)}
    yield from Page.objects.live().filter(pk__in=page_ids).specific()


def after_commit(task_function, object_id: int) -> None:
    transaction.on_commit(lambda: task_function.enqueue(object_id))
