"""Benchmark: moving each fixture site (tests/data/sites/) into a fresh labsite.

Run: .venv/bin/python bench/bench_moving_in.py [--database-url URL] [--site NAME]
Each site goes into its own new SQLite database (migrated, home page only, as after
`make run` without the demo), read with `import_site`'s reader (no network lookups), then
imported, then imported again. Prints, per site: files read, people, publications with and
without a DOI, news, talks, projects, themes, pages, images, redirects, warnings, skipped, and
the wall time of reading and of importing (the background work after a publication import
included), and what the second import added (goal: nothing).
"""

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SITES = ROOT / "tests" / "data" / "sites"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url")
    parser.add_argument("--site", action="append", help="Only these sites (folder names).")
    parser.add_argument("--sites-dir", default=str(SITES), help="Where the sites' folders are.")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp())
    template = tmp / "template.sqlite3"
    os.environ["DATABASE_URL"] = args.database_url or f"sqlite:///{template}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "labsite.settings.test"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connections
    from django.test.utils import setup_test_environment

    setup_test_environment()
    call_command("migrate", verbosity=0)
    connections.close_all()

    from research.moving_in.apply import apply
    from research.moving_in.files import SiteFiles
    from research.moving_in.readers import read_site

    sites = Path(args.sites_dir)
    names = args.site or sorted(p.name for p in sites.iterdir() if p.is_dir())
    header = (
        f"{'site':<16}{'format':<14}{'files':>6}{'people':>7}{'pubs':>6}{'DOI':>5}{'noDOI':>6}"
        f"{'news':>5}{'talks':>6}{'proj':>5}{'themes':>7}{'pages':>6}{'images':>7}{'redir':>6}"
        f"{'warn':>6}{'skip':>5}{'read s':>8}{'import s':>9}{'again':>7}"
    )
    print(header)
    for name in names:
        if not args.database_url:
            database = tmp / f"{name}.sqlite3"
            shutil.copy(template, database)
            connections["default"].settings_dict["NAME"] = str(database)
            connections.close_all()
        files = SiteFiles.from_folder(sites / name)
        started = time.perf_counter()
        plan = read_site(files)
        read_seconds = time.perf_counter() - started
        counts = plan.counts()
        started = time.perf_counter()
        outcome = apply(plan, files)
        import_seconds = time.perf_counter() - started
        again = apply(read_site(files), files)
        print(
            f"{name:<16}{plan.site_format:<14}{plan.files_read:>6}{counts['people']:>7}"
            f"{counts['publications']:>6}{counts['publications with a DOI']:>5}"
            f"{counts['publications without a DOI']:>6}{counts['news items']:>5}{counts['talks']:>6}"
            f"{counts['projects']:>5}{counts['research themes']:>7}{counts['standard pages']:>6}"
            f"{outcome.created.get('images', 0):>7}{outcome.created.get('redirects', 0):>6}"
            f"{counts['warnings']:>6}{counts['skipped']:>5}{read_seconds:>8.2f}{import_seconds:>9.2f}"
            f"{len(again.pages):>7}"
        )
        for problem in outcome.problems:
            print(f"    problem: {problem}")
    print(f"database: {os.environ['DATABASE_URL'].split('@')[-1]}")


if __name__ == "__main__":
    main()
