"""``{% slot_picture image "card" alt=... %}``: a <picture> (AVIF, WebP, JPEG with srcset) of one
of the layout's image slots (labsite/renditions/slots.py), whose renditions were prepared when
the page was published."""

from django import template

from labsite.renditions import pictures, slots

register = template.Library()


@register.simple_tag
def slot_picture(image, slot_name, **attrs):
    if not image:
        return ""
    return pictures.picture(image, slot_name, attrs)


@register.simple_tag
def slot_rendition(image, slot_name):
    """The rendition of a single-file slot (the logo, link previews)."""
    return image.get_rendition(slots.spec(slot_name)) if image else None
