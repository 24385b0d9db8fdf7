"""Benchmark: site search latency with 5,000 publications on PostgreSQL (goal: p95 < 50 ms).

Run: .venv/bin/python bench/bench_search.py [--publications 5000] [--queries 300]
     [--database-url postgres://postgres@127.0.0.1:5432/postgres]

It creates a throwaway PostgreSQL database beside the one named (dropped at the end), loads the
demo group, imports publications built from the real .bib files in tests/data/bibtex (as
bench_bibtex_import does) and indexes them with Wagtail's database search backend, which uses
PostgreSQL full-text search there. Then it times GET /search/?q=... through Django's test
client for single words and two-word phrases taken from the titles, plus a type-filtered view,
and prints p50, p95 and max per kind of query and overall. Rendering is included; network is not.
"""

import argparse
import os
import random
import re
import statistics
import sys
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--publications", type=int, default=5000)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/postgres")
    parser.add_argument(
        "--keep", action="store_true", help="Keep the database (to inspect queries)."
    )
    args = parser.parse_args()

    from support import throwaway_database

    os.environ["DJANGO_SETTINGS_MODULE"] = "labsite.settings.test"
    with throwaway_database(args.database_url, "search", keep=args.keep):
        return run(args)


def run(args) -> int:
    import django

    django.setup()
    from bench_bibtex_import import build_bibtex
    from django.core.management import call_command
    from django.test import Client, override_settings
    from django.test.utils import setup_test_environment

    setup_test_environment()
    call_command("migrate", verbosity=0)
    call_command("load_demo", no_admin=True, verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115

    from research.models import PublicationPage
    from research.publications import tasks
    from research.publications.services import default_index_page, import_drafts, preview_bibtex

    index = default_index_page()
    started = time.perf_counter()
    with override_settings(
        TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    ):
        result = import_drafts(preview_bibtex(build_bibtex(args.publications), index), index)
    ids = [page.pk for page in result.created]
    tasks.index_publications.call(ids)
    print(
        f"publications: {PublicationPage.objects.count()} "
        f"(imported and indexed {len(ids)} in {time.perf_counter() - started:.0f} s)"
    )

    titles = list(PublicationPage.objects.values_list("title", flat=True))
    words = sorted({w.lower() for t in titles for w in re.findall(r"[A-Za-z]{5,}", t)} - {"copy"})
    rng = random.Random(7)
    kinds = {
        "one word": lambda: rng.choice(words),
        "two words": lambda: f"{rng.choice(words)} {rng.choice(words)}",
        "by type": lambda: rng.choice(words),
    }
    client = Client()
    client.get("/search/?q=warmup")
    timings: dict[str, list[float]] = {kind: [] for kind in kinds}
    for n in range(args.queries):
        kind = list(kinds)[n % len(kinds)]
        query = urllib.parse.quote(kinds[kind]())
        url = f"/search/?q={query}" + (
            "&type=research.publicationpage" if kind == "by type" else ""
        )
        t0 = time.perf_counter()
        response = client.get(url)
        timings[kind].append((time.perf_counter() - t0) * 1000)
        assert response.status_code == 200, url
    everything = [t for values in timings.values() for t in values]
    print(f"{'queries':12} {'n':>5} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for kind, values in [*timings.items(), ("all", everything)]:
        print(
            f"{kind:12} {len(values):5} {statistics.median(values):8.1f} "
            f"{percentile(values, 0.95):8.1f} {max(values):8.1f}"
        )
    p95 = percentile(everything, 0.95)
    print(f"RESULT p95 {p95:.1f} ms ({'meets' if p95 < 50 else 'misses'} the 50 ms goal)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
