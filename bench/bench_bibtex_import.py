"""Benchmark: import 1,000 BibTeX entries (goal: under 5 s), then the background work.

Run: .venv/bin/python bench/bench_bibtex_import.py [--entries 1000] [--database-url URL]
It builds a throwaway SQLite database (or uses --database-url), loads the demo group, and
imports entries made from the real .bib files in tests/data/bibtex (titles numbered so each is
new). Prints: parse+check time, page creation time, and the background task's time.
"""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def build_bibtex(count: int) -> str:
    import bibtexparser

    sources = [
        p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests/data/bibtex").glob("*.bib"))
    ]
    entries = []
    for text in sources:
        entries += [
            e
            for e in bibtexparser.parse_string(text).entries
            if "title" in [f.key.lower() for f in e.fields]
        ]
    out = []
    for n in range(count):
        entry = entries[n % len(entries)]
        raw = entry.raw
        raw = raw.replace(entry.key, f"{entry.key}x{n}", 1)
        title_field = next(f for f in entry.fields if f.key.lower() == "title")
        raw = raw.replace(title_field.value, f"{title_field.value} (copy {n})", 1)
        for doi_field in [f for f in entry.fields if f.key.lower() == "doi"]:
            raw = raw.replace(doi_field.value, f"10.5555/bench.{n}")
        raw = raw.replace("2203.14655", f"2203.{10000 + n:05d}")  # keep arXiv IDs unique too
        out.append(raw)
    return "\n\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=1000)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    tmp = tempfile.mkdtemp()
    os.environ["DATABASE_URL"] = args.database_url or f"sqlite:///{tmp}/bench.sqlite3"
    os.environ["DJANGO_SETTINGS_MODULE"] = "labsite.settings.test"
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import override_settings
    from django.test.utils import setup_test_environment

    setup_test_environment()
    call_command("migrate", verbosity=0)
    call_command("load_demo", no_admin=True, verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115

    from research.models import PublicationPage
    from research.publications import tasks
    from research.publications.services import default_index_page, import_drafts, preview_bibtex

    text = build_bibtex(args.entries)
    index = default_index_page()
    before = PublicationPage.objects.count()
    with override_settings(
        TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    ):
        t0 = time.perf_counter()
        drafts = preview_bibtex(text, index)
        t1 = time.perf_counter()
        result = import_drafts(drafts, index)
        t2 = time.perf_counter()
    ids = [p.pk for p in result.created]
    t3 = time.perf_counter()
    tasks.finish_import.call(ids)
    t4 = time.perf_counter()
    created = PublicationPage.objects.count() - before
    print(f"entries in file:            {len(drafts)}")
    print(
        f"publications created:       {created} (failed {len(result.failed)}, duplicates {len(result.skipped)})"
    )
    print(f"parse + check + match:      {t1 - t0:6.2f} s")
    print(f"create pages (import):      {t2 - t1:6.2f} s")
    print(f"IMPORT TOTAL:               {t2 - t0:6.2f} s   (goal < 5 s for 1,000)")
    print(f"background: citations, revisions, search index: {t4 - t3:6.2f} s")
    print(f"database: {os.environ['DATABASE_URL'].split('@')[-1]}")
    from collections import Counter

    for reason, n in Counter(reason[:100] for _d, reason in result.failed).most_common(3):
        print(f"  failed x{n}: {reason}")


if __name__ == "__main__":
    main()
