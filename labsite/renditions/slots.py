"""Every image slot of the site's templates: sizes, crops and formats, in one place."""

from dataclasses import dataclass

from wagtail.images.models import Filter

#: AVIF first (smallest), WebP, then JPEG for the browsers that know neither.
PICTURE_FORMATS = "format-{avif,webp,jpeg}"


@dataclass(frozen=True)
class Slot:
    specs: str  # a Wagtail filter pattern with brace expansions
    sizes: str = ""  # the <img sizes> attribute matching the layout's slot width

    def filter_specs(self) -> list[str]:
        return Filter.expand_spec(self.specs)


SLOTS = {
    # <picture> slots, one per place in the layout.
    "hero": Slot(f"{PICTURE_FORMATS} fill-{{800x400,1200x600}}", "(max-width: 900px) 100vw, 900px"),
    "figure": Slot(f"{PICTURE_FORMATS} width-{{480,800,1200}}", "(max-width: 800px) 100vw, 800px"),
    "card": Slot(f"{PICTURE_FORMATS} fill-{{400x240,800x480}}", "(max-width: 600px) 100vw, 400px"),
    "person_card": Slot(f"{PICTURE_FORMATS} fill-{{160x160-c100,320x320-c100}}", "160px"),
    "profile_photo": Slot(f"{PICTURE_FORMATS} fill-{{320x320-c100,640x640-c100}}", "200px"),
    "block_hero": Slot(
        f"{PICTURE_FORMATS} fill-{{640x400,1200x750}}", "(max-width: 900px) 100vw, 50vw"
    ),
    # Single files: link previews, structured data, the logo.
    "preview_wide": Slot("fill-1200x630|format-jpeg|jpegquality-80"),
    "preview_square": Slot("fill-600x600|format-jpeg|jpegquality-80"),
    "person_jsonld": Slot("fill-400x400|format-jpeg"),
    "logo": Slot("height-96|format-webp"),
    "logo_jsonld": Slot("max-512x512|format-png"),
}

#: Which slots an image fills, by where it is attached.
PAGE_IMAGE = ("hero", "figure", "card", "preview_wide")
PHOTO = ("person_card", "profile_photo", "preview_square", "person_jsonld")
BLOCK_IMAGE = ("figure", "block_hero")
LOGO = ("logo", "logo_jsonld")


def spec(name: str) -> str:
    """The one filter spec of a single-file slot, for ``image.get_rendition``."""
    (only,) = SLOTS[name].filter_specs()
    return only
