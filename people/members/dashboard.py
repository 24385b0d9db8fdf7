"""What a member's dashboard offers besides their profile: the places where they keep the rest
of their record (their papers, talks, supervision). Upper apps register their own entries, so
this package never imports them; each entry says for itself whether the user may use it."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class RecordLink:
    label: str
    #: Given the request, the address to link to, or "" when the user may not use it.
    url_for: Callable[[object], str]
    order: int = 100


_links: list[RecordLink] = []


def register(link: RecordLink) -> None:
    if link not in _links:
        _links.append(link)
        _links.sort(key=lambda item: item.order)


def links_for(request) -> list[tuple[str, str]]:
    found = []
    for link in _links:
        url = link.url_for(request)
        if url:
            found.append((link.label, url))
    return found
