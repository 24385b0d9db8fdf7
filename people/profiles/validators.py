"""Validation for identifiers and profile links people type into their pages."""

import re
from urllib.parse import urlparse

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

ORCID_EXAMPLE = "0000-0002-1825-0097"
_ORCID_SHAPE = re.compile(r"^(\d{4})-?(\d{4})-?(\d{4})-?(\d{3}[\dX])$")


def orcid_check_digit(base_digits: str) -> str:
    """ISO 7064 MOD 11-2 check character for the first 15 digits of an ORCID iD."""
    total = 0
    for digit in base_digits:
        total = (total + int(digit)) * 2
    result = (12 - total % 11) % 11
    return "X" if result == 10 else str(result)


def normalise_orcid(value: str) -> str:
    """Return the ORCID iD as 0000-0000-0000-000X, accepting a full https://orcid.org/ URL.

    Raises ValidationError with the expected format when the shape or checksum is wrong.
    """
    raw = value.strip()
    for prefix in ("https://orcid.org/", "http://orcid.org/", "orcid.org/"):
        if raw.lower().startswith(prefix):
            raw = raw[len(prefix) :]
    match = _ORCID_SHAPE.match(raw.upper())
    if not match:
        raise ValidationError(
            _("An ORCID iD is 16 digits in four groups, e.g. %(example)s (the last may be X)."),
            code="orcid_format",
            params={"example": ORCID_EXAMPLE},
        )
    digits = "".join(match.groups())
    if orcid_check_digit(digits[:15]) != digits[15]:
        raise ValidationError(
            _(
                "%(value)s is not a valid ORCID iD: its last character does not match the others. "
                "Copy it from your ORCID record; it looks like %(example)s."
            ),
            code="orcid_checksum",
            params={"value": value.strip(), "example": ORCID_EXAMPLE},
        )
    return "-".join(match.groups())


def validate_orcid(value: str) -> None:
    normalise_orcid(value)


# kind -> (allowed host suffixes, path pattern, example)
_PROFILE_RULES: dict[str, tuple[tuple[str, ...], str, str]] = {
    "github": (("github.com",), r"^/[A-Za-z0-9-]+/?$", "https://github.com/username"),
    "google_scholar": (
        ("scholar.google.com", "scholar.google.co.uk", "scholar.google.de", "scholar.google.fr"),
        r"^/citations/?$",
        "https://scholar.google.com/citations?user=AbCdEfGhIjK",
    ),
    "linkedin": (("linkedin.com",), r"^/in/[^/]+/?$", "https://www.linkedin.com/in/your-name"),
    "bluesky": (("bsky.app",), r"^/profile/[^/]+/?$", "https://bsky.app/profile/you.bsky.social"),
    "mastodon": ((), r"^/@[A-Za-z0-9_]+/?$", "https://mastodon.social/@username"),
}


def validate_profile_url(kind: str, value: str) -> None:
    """Check that a profile address points where its kind says, with an example if not."""
    hosts, path_pattern, example = _PROFILE_RULES[kind]
    parsed = urlparse(value)
    host = (parsed.hostname or "").lower()
    host_ok = not hosts or any(host == h or host.endswith("." + h) for h in hosts)
    path_ok = re.match(path_pattern, parsed.path or "/") is not None
    if kind == "google_scholar" and "user=" not in (parsed.query or ""):
        path_ok = False
    if parsed.scheme not in ("http", "https") or not host_ok or not path_ok:
        raise ValidationError(
            _(
                "This does not look like a %(kind)s profile address. It should look like %(example)s"
            ),
            code="profile_url",
            params={"kind": kind.replace("_", " ").title(), "example": example},
        )


@deconstructible
class ProfileURLValidator:
    """Field validator for one kind of profile address (serialisable for migrations)."""

    def __init__(self, kind: str):
        self.kind = kind

    def __call__(self, value: str) -> None:
        validate_profile_url(self.kind, value)

    def __eq__(self, other):
        return isinstance(other, ProfileURLValidator) and other.kind == self.kind

    def __hash__(self):
        return hash(self.kind)
