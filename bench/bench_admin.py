"""Benchmark: the admin at scale: the publication list's page listing and the edit forms.

Run: .venv/bin/python bench/bench_admin.py [--scale 100] [--requests 8]

Builds a throwaway SQLite database with the demo group grown to --scale (100: 5,000
publications, 200 people, 500 activities), signs in as a superuser and times, through Django's
test client, the page listing of the publication index, a publication's edit form and a
person's edit form: queries and median ms of each, at demo size and at scale.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=100)
    parser.add_argument("--requests", type=int, default=8)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    os.chdir(ROOT)
    workdir = tempfile.mkdtemp(prefix="labsite-bench-admin-")
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir}/bench.sqlite3"
    os.environ["DJANGO_SETTINGS_MODULE"] = "labsite.settings.test"

    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections, connection
    from django.test import Client

    settings.MEDIA_ROOT = Path(workdir) / "media"
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]  # not instrumented renders
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    call_command("migrate", verbosity=0, interactive=False)
    call_command("load_demo", no_admin=True, verbosity=0)

    from people.models import PersonPage
    from research.models import PublicationIndexPage, PublicationPage
    from tests.growth import grow_to, in_the_group

    user = get_user_model().objects.create_superuser("bench", "bench@example.org", "pw")
    client = Client()
    client.force_login(user)

    def measure(label: str) -> None:
        # The default site's group (the demo may hold a second group and a German site).
        index = in_the_group(PublicationIndexPage).get()
        publication = in_the_group(PublicationPage).order_by("pk").first()
        person = in_the_group(PersonPage).get(slug="maren-okafor")
        print(f"{label}: {in_the_group(PublicationPage).count()} publications")
        for name, url in (
            ("publication index listing", f"/admin/pages/{index.pk}/"),
            ("publication edit form", f"/admin/pages/{publication.pk}/edit/"),
            ("person edit form", f"/admin/pages/{person.pk}/edit/"),
        ):
            assert client.get(url).status_code == 200, url
            connection.force_debug_cursor = True
            connection.queries_log.clear()
            client.get(url)
            queries = len(connection.queries_log)
            timings = []
            for _ in range(args.requests):
                begin = time.perf_counter()
                client.get(url)
                timings.append((time.perf_counter() - begin) * 1000)
            print(f"  {name:28} {queries:4} queries {statistics.median(timings):8.1f} ms")

    measure("demo size")
    started = time.perf_counter()
    grow_to(
        people=2 * args.scale,
        publications=50 * args.scale,
        activities=5 * args.scale,
        projects=args.scale // 2 or 1,
    )
    print(f"grown in {time.perf_counter() - started:.0f} s")
    measure(f"scale {args.scale}")


if __name__ == "__main__":
    main()
