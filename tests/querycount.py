"""Query counting for public pages: the count must not grow with the amount of content."""

from collections.abc import Callable

from django.db import connection
from django.test.utils import CaptureQueriesContext


def count_queries(client, url: str) -> tuple[int, list[str]]:
    """Queries for one GET of ``url`` in the steady state: after warm-up GETs that fill caches.

    Two warm-ups: the first visit of a page may create a row once ever (a site's settings on
    first read), which changes the content generation and so empties the per-process memo."""
    for _ in range(2):
        warm = client.get(url)
        assert warm.status_code == 200, f"{url} answered {warm.status_code}"
    # The fewer of two counts: the steady state, even if something outside the request (a
    # kept value reaching LONGEST_KEPT between two GETs) made one of them compute again.
    counts = []
    for _ in range(2):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200, f"{url} answered {response.status_code}"
        counts.append((len(captured), [q["sql"] for q in captured.captured_queries]))
    return min(counts, key=lambda count: count[0])


def assert_constant_queries(
    client, urls: list[str], grow: Callable[[], None]
) -> dict[str, tuple[int, int]]:
    """Count queries for each URL, call ``grow`` (adds content), count again; fail on any change."""
    before = {url: count_queries(client, url) for url in urls}
    grow()
    after = {url: count_queries(client, url) for url in urls}
    changed = {
        url: (before[url][0], after[url][0]) for url in urls if before[url][0] != after[url][0]
    }
    if changed:
        details = []
        for url, (small, large) in changed.items():
            extra = [q for q in after[url][1] if q not in before[url][1]][:5]
            gone = [q for q in before[url][1] if q not in after[url][1]][:5]
            details.append(f"{url}: {small} -> {large} queries; new: {extra}; gone: {gone}")
        raise AssertionError("Query count grows with content:\n" + "\n".join(details))
    return {url: (before[url][0], after[url][0]) for url in urls}
