"""Sections of a person's page that other apps fill (research themes, publications...).

``people`` must not import ``research``; research registers its sections here instead.
Each ``items(person)`` callable runs a fixed number of queries and returns a list (empty
lists are not shown).
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class ProfileSection:
    key: str
    heading: str
    template: str
    items: Callable[[object], Sequence]
    order: int = 100


_registry: dict[str, ProfileSection] = {}


def register(section: ProfileSection) -> ProfileSection:
    _registry[section.key] = section
    return section


def sections_for(person) -> list[tuple[ProfileSection, Sequence]]:
    """The registered sections with their items for ``person``, leaving out empty ones."""
    filled = []
    for section in sorted(_registry.values(), key=lambda s: (s.order, s.key)):
        items = section.items(person)
        if items:
            filled.append((section, items))
    return filled
