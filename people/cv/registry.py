"""The sections a CV can have; each app registers the ones its records fill."""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.safestring import SafeString

from labsite.registry import Registry


@dataclass(frozen=True)
class CVLine:
    #: The line as HTML the site made (a stored citation) or plain text (escaped when shown).
    text: str | SafeString
    when: str = ""
    where: str = ""


@dataclass(frozen=True)
class CVSection:
    key: str
    heading: str
    lines: Callable[[object], list[CVLine]]
    order: int = 100


sections: Registry[CVSection] = Registry(key=lambda s: s.key, order=lambda s: s.order)


def register(section: CVSection) -> CVSection:
    return sections.register(section)


def choices() -> list[tuple[str, str]]:
    return [(section.key, section.heading) for section in sections]
