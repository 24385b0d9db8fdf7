"""Benchmark: render every public page type in-process, with the demo group loaded.

Run: .venv/bin/python bench/bench_pages.py [--requests 30] [--scale 100] [--database-url URL]
     [--code-root DIR]

It builds a throwaway SQLite database (or uses --database-url, which it migrates and fills),
loads the demo group, warms each page up (renditions, caches), then times --requests renders of
each page through Django's test client: no server, no network, so the figure is the site's own
cost per request. Prints, per page type: status, SQL queries, median and 90th-percentile ms,
the median CPU time of the process (on PostgreSQL, what the clock adds is waiting for the
database), and bytes. --code-root runs the same measurement against another checkout of labsite (for
example an older commit made with `git worktree add`), so two versions compare on one machine
in one sitting.
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=30, help="timed renders per page")
    parser.add_argument("--database-url", help="default: a new SQLite file in a temporary folder")
    parser.add_argument(
        "--scale",
        type=int,
        default=1,
        help="grow the demo: 100 gives 5,000 publications, 200 people, 500 activities",
    )
    parser.add_argument(
        "--code-root", type=Path, default=ROOT, help="the labsite checkout to measure"
    )
    parser.add_argument(
        "--profile",
        metavar="PAGE",
        action="append",
        default=[],
        help="also profile 50 warm renders of this page type (cProfile; repeatable), e.g. person",
    )
    parser.add_argument(
        "--profile-out",
        metavar="FILE",
        type=Path,
        help="also save the (last) profile for pstats, e.g. to see who calls what",
    )
    parser.add_argument(
        "--only", metavar="PAGE", action="append", default=[], help="time only these page types"
    )
    args = parser.parse_args()
    if args.requests < 1:
        parser.error("--requests must be 1 or more")
    code_root = args.code_root.resolve()
    if not (code_root / "labsite" / "settings" / "test.py").exists():
        parser.error(f"{code_root} is not a labsite checkout (no labsite/settings/test.py)")
    # This benchmark's own helpers, whichever checkout it measures; that checkout's code next.
    sys.path.insert(0, str(ROOT))
    from bench.support import demo_site, measure_page, table_header

    sys.path.insert(0, str(code_root))
    import logging

    demo_site(code_root, args.database_url, "labsite-bench-pages-")
    # After Django's set-up, which configures logging: the 404 page type is expected.
    logging.getLogger("django.request").setLevel(logging.ERROR)
    from django.test import Client

    if args.scale > 1:
        from tests.growth import grow_to

        started = time.perf_counter()
        grow_to(
            people=2 * args.scale,
            publications=50 * args.scale,
            activities=5 * args.scale,
            projects=args.scale // 2 or 1,
        )
        print(f"grown to scale {args.scale} in {time.perf_counter() - started:.0f} s")

    from tools.screenshots import PAGES

    client = Client()
    print(table_header())
    medians = []
    for name, path in PAGES.items():
        if args.only and name not in args.only:
            continue
        medians.append(measure_page(client, name, path, args.requests))
    print(f"{'geometric mean':22} {'':>6} {'':>7} {statistics.geometric_mean(medians):>9.1f}")
    for name in args.profile:
        profile_page(client, name, PAGES[name], out=args.profile_out)


def profile_page(client, name: str, path: str, renders: int = 50, out: Path | None = None) -> None:
    """Where the time of one page type goes: the top functions by cumulative and own time."""
    import cProfile
    import pstats

    for _ in range(3):
        client.get(path)
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(renders):
        client.get(path)
    profiler.disable()
    print(f"\n== profile of {name} ({path}), {renders} warm renders")
    stats = pstats.Stats(profiler)
    if out:
        stats.dump_stats(out)
    stats.sort_stats("cumulative").print_stats(35)
    stats.sort_stats("tottime").print_stats(20)
    # The site's own functions, which are what a change here can make cheaper.
    stats.sort_stats("cumulative").print_stats(r"/(labsite|people|research)/", 30)


if __name__ == "__main__":
    main()
