"""The first items of a list that can grow without bound, and whether there are more.

A person with 500 papers or a theme with 1,000 shows the newest few and links to the full,
paginated listing, so the page's size and the work to build it stay the same as data grows.
"""


class Shortlist(list):
    """A list of at most ``limit`` items; ``more`` says whether the query had others."""

    more = False
    all_url = ""


def shortlist(queryset, limit: int) -> Shortlist:
    """The first ``limit`` items of ``queryset`` (or of a list already read)."""
    rows = list(queryset[: limit + 1])  # one query; the extra row only tells there are more
    items = Shortlist(rows[:limit])
    items.more = len(rows) > limit
    return items


def listing_url(item_url: str, query: str) -> str:
    """The address of the listing an item's page sits under (its parent: its own address
    without the last part, no query needed), filtered by ``query``."""
    if not item_url:
        return ""
    parent = item_url[: item_url.rstrip("/").rfind("/") + 1]
    return f"{parent}?{query}"
