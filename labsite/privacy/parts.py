"""The parts of the privacy notice. The core offers the registry; each app registers what it
collects (``AppConfig.ready``), so the notice says what this install does and no more."""

from collections.abc import Callable
from dataclasses import dataclass

from wagtail.models import Site

from labsite.registry import Registry


@dataclass(frozen=True)
class PrivacyPart:
    key: str
    order: int
    #: A heading, as a lazily translated string.
    title: object
    #: The paragraphs (plain text) this part says for ``site``, or [] if it does not apply.
    paragraphs: Callable[[Site], list[str]]


_parts: Registry[PrivacyPart] = Registry(key=lambda p: p.key, order=lambda p: p.order)


def register(part: PrivacyPart) -> PrivacyPart:
    return _parts.register(part)


def for_site(site: Site) -> list[tuple[object, list[str]]]:
    """(title, paragraphs) of every part that applies to ``site``, in order."""
    said = []
    for part in _parts:
        paragraphs = [p for p in part.paragraphs(site) if p]
        if paragraphs:
            said.append((part.title, paragraphs))
    return said
