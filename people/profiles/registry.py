"""Sections of a person's page that other apps fill (research themes, publications...).

``people`` must not import ``research``; research registers its sections here instead.
Each ``items(person)`` callable runs a fixed number of queries and returns a list (empty
lists are not shown).
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from labsite.registry import Registry


@dataclass(frozen=True)
class ProfileSection:
    key: str
    heading: str
    template: str
    items: Callable[[object], Sequence]
    order: int = 100


_registry: Registry[ProfileSection] = Registry(key=lambda s: s.key, order=lambda s: s.order)


def register(section: ProfileSection) -> ProfileSection:
    return _registry.register(section)


def sections_for(person) -> list[tuple[ProfileSection, Sequence]]:
    """The registered sections with their items for ``person``, leaving out empty ones."""
    filled = []
    for section in _registry:
        items = section.items(person)
        if items:
            filled.append((section, items))
    return filled
