"""Benchmark: the expertise finder's ranking quality (recall@5), for each method tried.

Run: .venv/bin/python bench/bench_expertise.py
     [--database-url postgres://postgres@127.0.0.1:5432/postgres]

It creates a throwaway PostgreSQL database (dropped at the end), loads the demo group, then adds
a real corpus: the 70 publications with abstracts of a real lab's site (BrunaLab's, see
tests/data/README.md), whose authors appearing on two papers or more become people. For each
publication with at least one such person among its authors, its abstract is the query and the
publication itself is left out of what is searched; recall@5 is the share of its true authors
(people with another paper left to be found by) ranked in the top five people. Reported per
method ("bm25": the finder's own index; "fts": the site's search backend, PostgreSQL full text
here) for the demo, the corpus's working part and its held-back part (a third of the papers,
chosen by a hash of the title and not looked at while the ranking was written), and for the
corpus without its most prolific author (on most papers, they would be found by chance).
Exits non-zero when a set had too few queries to mean anything.
"""

import argparse
import hashlib
import json
import os
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
CORPUS = ROOT / "tests" / "data" / "expertise" / "bruna-lab-publications.json"
TOP = 5


def held_back(title: str) -> bool:
    return int(hashlib.sha1(title.encode()).hexdigest(), 16) % 3 == 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/postgres")
    args = parser.parse_args()
    from support import throwaway_database

    os.environ["DJANGO_SETTINGS_MODULE"] = "labsite.settings.test"
    with throwaway_database(args.database_url, "expertise"):
        return run()


def name_key(name: str) -> tuple[str, str]:
    words = name.replace(".", " ").split()
    return (words[0][0].lower() if len(words) > 1 else "", words[-1].lower())


def load_corpus(index_page):
    from people.models import PeopleIndexPage, PersonPage
    from research.publications.bibtex import AuthorDraft, EntryDraft, match_members
    from research.publications.importer import import_drafts

    papers = json.loads(CORPUS.read_text(encoding="utf-8"))
    counts = Counter(name_key(a) for p in papers for a in p["authors"])
    people_index = PeopleIndexPage.objects.first()
    role = PersonPage.objects.exclude(role=None).first().role
    fullest = {}
    for paper in papers:
        for author in paper["authors"]:
            key = name_key(author)
            if counts[key] >= 2 and len(author) > len(fullest.get(key, "")):
                fullest[key] = author
    for key, name in fullest.items():
        words = name.split()
        people_index.add_child(
            instance=PersonPage(title=name, slug=f"corpus-{key[0]}-{key[1]}"[:50],
                                given_names=" ".join(words[:-1]), family_name=words[-1], role=role)
        )  # fmt: skip
    drafts = []
    for n, paper in enumerate(papers):
        draft = EntryDraft(key=f"bruna{n}", line=0, title=paper["title"][:255],
                           year=int(paper["year"]) if paper["year"].isdigit() else 2000,
                           abstract=paper["abstract"], venue="")  # fmt: skip
        draft.authors = [AuthorDraft(a, a) for a in paper["authors"]]
        drafts.append(draft)
    match_members(drafts)
    result = import_drafts(drafts, index_page)
    return result.created


def evaluate(pages, method, skip_person=None):
    from research.expertise.services import find
    from research.publications.models import PublicationAuthor

    authorships = {}
    for page_id, person_id in PublicationAuthor.objects.filter(
        page__in=pages, person__isnull=False
    ).values_list("page_id", "person_id"):
        authorships.setdefault(page_id, set()).add(person_id)
    papers_of = Counter(p for people in authorships.values() for p in people)
    hits = total = queries = 0
    for page in pages:
        truth = {p for p in authorships.get(page.pk, ()) if papers_of[p] >= 2 and p != skip_person}
        if not truth or not page.abstract:
            continue
        people, _ = find(page.abstract, method=method, exclude={page.pk}, people=TOP + 1)
        ranked = [m.person for m in people if m.person != skip_person][:TOP]
        hits += len(truth & set(ranked))
        total += len(truth)
        queries += 1
    return hits, total, queries


def run() -> int:
    import django

    django.setup()
    from django.core.management import call_command
    from django.test.utils import setup_test_environment

    setup_test_environment()
    call_command("migrate", verbosity=0)
    call_command("load_demo", no_admin=True, verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    from research.models import PublicationPage
    from research.publications.services import default_index_page
    from research.publications.tasks import index_publications

    demo = list(PublicationPage.objects.live())
    created = load_corpus(default_index_page())
    index_publications.call([page.pk for page in created])
    corpus = list(PublicationPage.objects.filter(pk__in=[p.pk for p in created]))
    working = [p for p in corpus if not held_back(p.title)]
    held = [p for p in corpus if held_back(p.title)]
    from research.publications.models import PublicationAuthor

    prolific = Counter(
        PublicationAuthor.objects.filter(page__in=corpus, person__isnull=False).values_list(
            "person_id", flat=True
        )
    ).most_common(1)[0][0]
    failed = False
    print(f"corpus: {len(corpus)} publications ({len(working)} working, {len(held)} held back); "
          f"demo: {len(demo)}")  # fmt: skip
    for method in ("bm25", "fts"):
        for label, pages, skip in (
            ("demo", demo, None),
            ("corpus, working part", working, None),
            ("corpus, held back", held, None),
            ("corpus without its most prolific author", corpus, prolific),
        ):
            started = time.perf_counter()
            hits, total, queries = evaluate(pages, method, skip)
            took = (time.perf_counter() - started) / max(queries, 1) * 1000
            if queries < 5:
                print(f"{method:5} {label}: only {queries} queries, too few to measure")
                failed = True
                continue
            print(f"{method:5} {label}: recall@{TOP} {hits / total:.2f} ({hits}/{total} true "
                  f"authors, {queries} queries, {took:.1f} ms per query)")  # fmt: skip
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
