"""One registry helper for the places where the core offers a list that apps fill in
``AppConfig.ready()`` (email lists, periodic jobs, home-page and profile sections, feeds,
demo steps), so the core never imports a domain app."""

from collections.abc import Callable, Iterator
from typing import Generic, TypeVar

T = TypeVar("T")


class Registry(Generic[T]):
    """Items keyed by ``key(item)``; registering a key again replaces the earlier item.

    Iteration follows ``order(item)`` (then the key), so the display order does not depend
    on which app happened to load first.
    """

    def __init__(self, key: Callable[[T], str], order: Callable[[T], object] = lambda item: 0):
        self._key = key
        self._order = order
        self._items: dict[str, T] = {}

    def register(self, item: T) -> T:
        self._items[self._key(item)] = item
        return item

    def get(self, key: str) -> T | None:
        return self._items.get(key)

    def __contains__(self, key: str) -> bool:
        return key in self._items

    def __iter__(self) -> Iterator[T]:
        return iter(sorted(self._items.values(), key=lambda i: (self._order(i), self._key(i))))

    def all(self) -> list[T]:
        return list(self)
