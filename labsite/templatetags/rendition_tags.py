"""``{% slot_picture image "card" alt=... %}``: a <picture> (AVIF, WebP, JPEG with srcset) of one
of the layout's image slots (labsite/renditions/slots.py), whose renditions were prepared when
the page was published."""

from django import template
from wagtail.images.models import Picture

from labsite.renditions import slots

register = template.Library()


@register.simple_tag
def slot_picture(image, slot_name, **attrs):
    if not image:
        return ""
    slot = slots.SLOTS[slot_name]
    renditions = image.get_renditions(*slot.filter_specs())
    if slot.sizes:
        attrs.setdefault("sizes", slot.sizes)
    return Picture(renditions, attrs).__html__()


@register.simple_tag
def slot_rendition(image, slot_name):
    """The rendition of a single-file slot (the logo, link previews)."""
    return image.get_rendition(slots.spec(slot_name)) if image else None
