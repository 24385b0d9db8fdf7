"""Benchmark: moving in from the corpus of real sites (tests/data/sites/corpus/).

Run: .venv/bin/python bench/bench_moving_in_corpus.py [--site NAME] [--held-back-only]

Each site (a zip of the text files of one real repository, listed with its commit in
manifest.json) goes into its own new SQLite database, migrated, with the home page only. It is
read as `import_site --offline` reads it, imported, every page it made is rendered and searched
for what the old generator should have turned into HTML (Liquid, Hugo shortcodes, comments,
markdown), and it is imported again. The table compares what the site published as its own
(the manifest's expected counts, set by reading each site's files, for the held-back sites
before the importer ever read them) with what labsite made:

  site | generator | people, publications, DOIs, news: made/expected | skipped | leftovers |
  second import adds | seconds

The working sites are the ones the importer was improved against; the held-back ones are the
fair measure, reported apart. Exits 1 when a site crashes, falls under 95% on any count, has a
leftover, or grows on a second import: a run that did not import every site cannot pass.
"""

import argparse
import io
import json
import os
import re
import shutil
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CORPUS = ROOT / "tests" / "data" / "sites" / "corpus"
LEFTOVER = re.compile(r"\{\{|\{%|\{\{<|<!--|\]\(https?://|^\s*#{1,6}\s|\*\*\w", re.MULTILINE)
MEASURES = ("people", "publications", "dois", "news")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", action="append", help="Only these sites (file stems).")
    parser.add_argument("--held-back-only", action="store_true")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp())
    template = tmp / "template.sqlite3"
    os.environ["DATABASE_URL"] = f"sqlite:///{template}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "labsite.settings.test"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connections
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    call_command("migrate", verbosity=0)
    connections.close_all()

    from labsite.models import NewsPage
    from people.models import PersonPage
    from research.moving_in.apply import apply
    from research.moving_in.files import SiteFiles
    from research.moving_in.readers import read_site
    from research.publications.models import PublicationPage

    sites = json.loads((CORPUS / "manifest.json").read_text())["sites"]
    if args.site:
        sites = [s for s in sites if Path(s["file"]).stem in args.site]
    if args.held_back_only:
        sites = [s for s in sites if s["held_back"]]
    rows: dict[bool, list[str]] = {False: [], True: []}
    failures: list[str] = []
    totals = {held: {m: [0, 0] for m in MEASURES} for held in (False, True)}
    for site in sites:
        name = Path(site["file"]).stem
        database = tmp / f"{name}.sqlite3"
        shutil.copy(template, database)
        connections["default"].settings_dict["NAME"] = str(database)
        connections.close_all()
        started = time.perf_counter()
        try:
            files = SiteFiles.from_zip(io.BytesIO((CORPUS / site["file"]).read_bytes()))
            plan = read_site(files)
            outcome = apply(plan, files)
            seconds = time.perf_counter() - started
            made = {
                "people": PersonPage.objects.count(),
                "publications": PublicationPage.objects.count(),
                "dois": PublicationPage.objects.exclude(doi="").count(),
                "news": NewsPage.objects.count(),
            }
            client = Client()
            leftovers = []
            for page in outcome.pages:
                response = client.get(page.url)
                if response.status_code != 200:
                    leftovers.append(f"{page.url} answered {response.status_code}")
                    continue
                main = response.content.decode().split("<main", 1)[-1].split("</main>", 1)[0]
                main = re.sub(r"<(pre|textarea|code)\b.*?</\1>", "", main, flags=re.DOTALL)
                found = LEFTOVER.search(main)
                if found:
                    leftovers.append(f"{page.url}: {main[found.start() : found.start() + 40]!r}")
            again = apply(read_site(files), files)
            added = len(again.pages) + sum(
                n for kind, n in again.created.items() if kind not in ("images",)
            )
        except Exception as error:  # noqa: BLE001 - a crash is what this benchmark reports
            traceback.print_exc()
            failures.append(f"{name}: crashed ({type(error).__name__}: {error})")
            rows[site["held_back"]].append(f"{name[:44]:<45}{site['generator']:<14}CRASH")
            continue
        cells = []
        for measure in MEASURES:
            expected = site["expected"][measure]
            got = made[measure]
            totals[site["held_back"]][measure][0] += min(got, expected)
            totals[site["held_back"]][measure][1] += expected
            cells.append(f"{got:>4}/{expected:<4}")
            short = expected and got < 0.95 * expected
            extra = got > expected * 1.05 + (1 if expected < 20 else 0)
            if short or extra:
                failures.append(f"{name}: {measure} {got} made, {expected} expected")
        # A leftover the old site showed too (a typo in its own markdown) is listed in the
        # manifest with the reason; anything more is the importer's.
        if len(leftovers) > site.get("known_leftovers", 0):
            failures.append(f"{name}: {len(leftovers)} pages with leftovers, e.g. {leftovers[0]}")
        if added:
            failures.append(f"{name}: the second import added {added}")
        rows[site["held_back"]].append(
            f"{name[:44]:<45}{plan.site_format:<14}{''.join(f'{c:<11}' for c in cells)}"
            f"{len(plan.skipped):>6}{len(leftovers):>7}{added:>7}{seconds:>9.1f}"
        )
    header = (
        f"{'site':<45}{'generator':<14}{'people':<11}{'pubs':<11}{'DOIs':<11}{'news':<11}"
        f"{'skip':>6}{'left':>7}{'again':>7}{'seconds':>9}"
    )
    for held, title in ((False, "Working corpus"), (True, "Held back until the end")):
        if not rows[held]:
            continue
        print(f"\n{title} (made/expected)\n{header}")
        print("\n".join(rows[held]))
        share = ", ".join(
            f"{m} {100 * a / b:.1f}%" if b else f"{m} -" for m, (a, b) in totals[held].items()
        )
        print(f"all sites: {share}")
    print(f"\n{len(sites)} sites; {len(failures)} problems")
    for failure in failures:
        print(f"  {failure}")
    if not sites:
        print("no site was imported: nothing was measured")
        return 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
