"""The email lists visitors can subscribe to. Apps register the lists whose content they own
(the core names no domain app): news here, the paper feed and new publications in research,
new openings in people."""

from collections.abc import Callable
from dataclasses import dataclass, field

from labsite.registry import Registry

DAILY, WEEKLY = "daily", "weekly"  # the values of labsite.subscriptions.models.Frequency


@dataclass
class DigestItem:
    title: str
    url: str
    meta: str = ""
    summary: str = ""
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class DigestList:
    key: str
    label: str
    description: str
    # items(site, start, end) -> the list's new items in [start, end), oldest first.
    items: Callable[..., list[DigestItem]]
    order: int = 50
    frequencies: tuple[str, ...] = (DAILY, WEEKLY)


_lists: Registry[DigestList] = Registry(key=lambda item: item.key, order=lambda item: item.order)


def register_list(digest_list: DigestList) -> None:
    _lists.register(digest_list)


def lists() -> list[DigestList]:
    return _lists.all()


def get_list(key: str) -> DigestList | None:
    return _lists.get(key)


def list_label(key: str) -> str:
    found = _lists.get(key)
    return str(found.label) if found else key
