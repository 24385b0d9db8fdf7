"""Benchmark: the paper feed at the scale of a daily listing (60 papers a day for two years).

Run: .venv/bin/python bench/bench_paper_feed.py [--papers 40000] [--requests 30]
     [--database-url URL]

Builds a throwaway database (SQLite, or --database-url, migrated and filled), loads the demo
group, then:

1. **Ingest**: reads the recorded real listings in tests/data (an arXiv search, arXiv's own
   cs.AI listing, a Crossref journal) and stores them through the same code the hourly job uses
   (research.paperfeed.ingest.store), cycled with fresh identifiers until --papers exist; prints
   papers per second and the peak memory the reading and storing took (tracemalloc).
2. **Votes**: gives a fifth of the papers between 1 and 12 votes (stored counts).
3. **Pages**: renders each public view of the feed in-process through Django's test client,
   warm, and prints status, SQL queries, median and 90th-percentile ms, and KB.
"""

import argparse
import datetime
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--papers", type=int, default=40_000, help="papers in the feed")
    parser.add_argument("--requests", type=int, default=30, help="timed renders per page")
    parser.add_argument("--database-url", help="default: a new SQLite file in a temporary folder")
    args = parser.parse_args()
    if args.papers < 100 or args.requests < 1:
        parser.error("--papers must be 100 or more and --requests 1 or more")
    sys.path.insert(0, str(ROOT))
    from bench.support import demo_site, measure_page, table_header  # noqa: E402  (needs ROOT on the path first)

    demo_site(ROOT, args.database_url, "labsite-bench-feed-")
    from django.db import connection
    from django.test import Client

    feed, stored, seconds, peak = ingest(args.papers)
    print(
        f"ingest: {stored} papers in {seconds:.1f} s = {stored / seconds:.0f} papers/s; "
        f"peak memory {peak / 1e6:.1f} MB (reading and storing, tracemalloc)"
    )
    vote(feed)
    if connection.vendor == "postgresql":
        # 40,000 rows just bulk-inserted: autovacuum analyzes and vacuums such a table within a
        # minute; measure the settled database, not the planner's guesses before that.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE research_feedpaper")

    client = Client()
    some_day = feed.local_date(datetime.datetime.now(datetime.UTC)) - datetime.timedelta(days=100)
    pages = {
        "feed (newest first)": feed.url,
        "feed page 300": f"{feed.url}?page=300",
        "trending (by votes)": f"{feed.url}?order=votes",
        "one day by votes": f"{feed.url}?day={some_day.isoformat()}&order=votes",
        "past week": f"{feed.url}?period=week",
        "words in title/abstract": f"{feed.url}?q=learning+model",
        "RSS": f"{feed.url}feed/rss/",
        "home": "/",
    }
    print(table_header(26))
    for name, path in pages.items():
        measure_page(client, name, path, args.requests, width=26)


def recorded_drafts():
    """Every paper in the recorded listings, read by the readers the sources use."""
    from research.paperfeed import ingest

    return (
        ingest.read_arxiv((DATA / "arxiv" / "query-testing-10.xml").read_bytes())
        + ingest.read_feed((DATA / "feeds" / "rss-arxiv-cs.AI-2025-08-20.atom.xml").read_bytes())
        + ingest.read_crossref(
            (DATA / "crossref" / "journals-2167-8359-works-query-ecology.json").read_bytes()
        )
    )


def ingest(total: int):
    """Store ``total`` papers through ingest.store, a day of 60 at a time over the past days."""
    import dataclasses

    from django.utils import timezone

    from research.paperfeed import ingest
    from research.paperfeed.models import FeedPaper, PaperFeedPage, PaperSource

    feed = PaperFeedPage.objects.live().first()
    source = PaperSource.objects.create(
        name="Bench", feed=feed, kind="feed", query="https://example.org/feed", per_day=60,
        trusted=True,
    )  # fmt: skip
    tracemalloc.start()
    started = time.perf_counter()
    templates = recorded_drafts()
    days = -(-total // 60)
    now = timezone.now()
    stored, serial = 0, 0
    for day in range(days, 0, -1):
        batch = []
        for _ in range(min(60, total - stored)):
            template = templates[serial % len(templates)]
            serial += 1
            # A fresh identity for each copy: a new arXiv-style ID, no DOI.
            batch.append(dataclasses.replace(template, doi="", url="", arxiv_id=_arxiv_id(serial)))
        tally = ingest.store(source, batch, now=now - datetime.timedelta(days=day, hours=-12))
        stored += tally.added
        if not tally.added:
            break
    seconds = time.perf_counter() - started
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert FeedPaper.objects.filter(source=source).count() == stored
    return feed, stored, seconds, peak


def _arxiv_id(serial: int) -> str:
    """A well-formed new-style arXiv ID for copy number ``serial`` (YYMM.NNNNN)."""
    month = serial // 90_000
    return f"{20 + month // 12:02d}{month % 12 + 1:02d}.{serial % 90_000 + 10_000:05d}"


def vote(feed) -> None:
    import random

    from research.paperfeed.models import FeedPaper

    rng = random.Random(7)
    ids = list(FeedPaper.objects.filter(feed=feed).values_list("pk", flat=True))
    chosen = rng.sample(ids, len(ids) // 5)
    for pk in chosen:
        FeedPaper.objects.filter(pk=pk).update(vote_count=rng.randint(1, 12))


if __name__ == "__main__":
    main()
