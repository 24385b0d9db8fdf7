"""The ``<picture>`` markup of an image in a slot, kept in the process for as long as it holds.

A slot's renditions never change for a given original and focal point: a new file gets a new
name, and moving the focal point gives new renditions. So the markup is keyed by exactly those
(with the slot and the tag's attributes), needs no invalidation, and survives every edit that
does not touch the image. Without it, each ``<picture>`` looks up its six renditions in the
renditions cache and unpickles them on every request: a sixth of the home page's time.
"""

from pathlib import Path

from django.conf import settings
from wagtail.images.models import Picture

from labsite.renditions import slots

#: A bound on the memory kept: a few hundred images in a handful of slots each.
LARGEST = 4000

_markup: dict[tuple, str] = {}


def _key(image, slot_name: str, attrs: dict) -> tuple:
    return (
        image.pk,
        image.created_at,  # a database rolled back may give a new image an old number
        image.file.name,
        image.focal_point_x,
        image.focal_point_y,
        image.focal_point_width,
        image.focal_point_height,
        slot_name,
        settings.MEDIA_URL,
        tuple(sorted(attrs.items())),
    )


def picture(image, slot_name: str, attrs: dict) -> str:
    """The ``<picture>`` (AVIF, WebP, JPEG with srcset) of ``image`` in ``slot_name``."""
    slot = slots.SLOTS[slot_name]
    if slot.sizes:
        attrs.setdefault("sizes", slot.sizes)
    key = _key(image, slot_name, attrs)
    markup = _markup.get(key)
    if markup is None:
        renditions = _distinct_widths(image.get_renditions(*slot.filter_specs()))
        if _one_width(renditions):
            # One file per format: a srcset without widths, where ``sizes`` is invalid.
            attrs = {name: value for name, value in attrs.items() if name != "sizes"}
        markup = Picture(renditions, attrs).__html__()
        if len(_markup) >= LARGEST:
            _markup.clear()  # rare: rebuilding costs one look-up per picture
        _markup[key] = markup
    return markup


def _distinct_widths(renditions: dict) -> dict:
    """The renditions, less any of a format whose width an earlier one has: an original
    narrower than a slot's larger size gives two files of one width (never enlarged), and a
    srcset naming a width twice is invalid HTML."""
    seen = set()
    kept = {}
    for spec, rendition in renditions.items():
        shape = (Path(rendition.file.name).suffix.lower(), rendition.width)
        if shape not in seen:
            seen.add(shape)
            kept[spec] = rendition
    return kept


def _one_width(renditions: dict) -> bool:
    return len({rendition.width for rendition in renditions.values()}) <= 1


def forget_everything() -> None:
    _markup.clear()
