"""Brand colours checked for WCAG AA contrast, with a lighter twin computed for dark mode."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

HEX = re.compile(r"^#?([0-9a-fA-F]{6})$")
LIGHT_BG = "#ffffff"
DARK_BG = "#14171b"
DARK_TEXT = "#0b1622"
AA = 4.5


def parse(value: str) -> tuple[int, int, int]:
    match = HEX.match(value.strip())
    if not match:
        raise ValueError(value)
    digits = match.group(1)
    return tuple(int(digits[i : i + 2], 16) for i in (0, 2, 4))


def to_hex(rgb) -> str:
    return "#" + "".join(f"{round(c):02x}" for c in rgb)


def luminance(colour: str) -> float:
    def channel(c):
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in parse(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def dark_twin(colour: str) -> str:
    """The colour mixed with white until it reads on the dark background and dark text reads on it."""
    rgb = parse(colour)
    for step in range(0, 101, 2):
        mixed = to_hex(c + (255 - c) * step / 100 for c in rgb)
        if contrast(mixed, DARK_BG) >= AA and contrast(mixed, DARK_TEXT) >= AA:
            return mixed
    return "#ffffff"


def validate_accent(value: str) -> None:
    """An accent must carry white button text and read as link text on white (WCAG AA, 4.5:1)."""
    if not value:
        return
    try:
        ratio = contrast(value, LIGHT_BG)
    except ValueError:
        raise ValidationError(
            _("Write the colour as a hex code of six digits, like #0b5cad.")
        ) from None
    if ratio < AA:
        raise ValidationError(
            _(
                "This colour is too light for white text and for links on white: its contrast "
                "is %(ratio).1f:1 and needs at least 4.5:1. Choose a darker shade."
            )
            % {"ratio": ratio}
        )
