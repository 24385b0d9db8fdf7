"""Benchmark: build and send one paper-feed digest to 10,000 subscribers through a local SMTP sink.

Run: .venv/bin/python bench/bench_digest.py [--subscribers 10000] [--papers 12]
     [--batch 500] [--database-url postgres://postgres@127.0.0.1:5432/postgres]

It creates a throwaway PostgreSQL database, loads the demo group, adds --subscribers confirmed
subscribers of the daily paper digest and --papers papers shared on one day, starts an aiosmtpd
sink and runs `send_digests` for the next morning in this process (tasks in-process, as in the
embedded default; each batch of --batch recipients is queued in one transaction and sent over one
SMTP connection). Prints the time to build and queue, the time to send, emails the SMTP server
received, peak memory (RSS growth of this process), and checks that a second run sends nothing.
"""

import argparse
import datetime
import os
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from support import SMTPSink, free_port, throwaway_database  # noqa: E402

SHARED_AT = datetime.datetime(2031, 3, 11, 10, 0, tzinfo=datetime.UTC)
NEXT_MORNING = datetime.datetime(2031, 3, 12, 7, 0, tzinfo=datetime.UTC)


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subscribers", type=int, default=10_000)
    parser.add_argument("--papers", type=int, default=12)
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/postgres")
    args = parser.parse_args()
    os.environ["DJANGO_SETTINGS_MODULE"] = "labsite.settings.test"
    with throwaway_database(args.database_url, "digest"):
        return run(args)


def prepare(args) -> None:
    from wagtail.models import Site

    from labsite.models import Subscriber, Subscription
    from people.models import PersonPage
    from research.models import FeedPaper, PaperFeedPage, PaperRecommendation

    site = Site.objects.get(is_default_site=True)
    feed = PaperFeedPage.objects.get()
    people = list(PersonPage.objects.all()[:5])
    for n in range(args.papers):
        paper = FeedPaper.objects.create(
            feed=feed,
            url=f"https://example.org/bench-paper/{n}",
            title=f"Benchmark paper {n}: a study of something worth reading",
            authors="A. Author, B. Author, C. Author",
            venue="Journal of Benchmarks",
            abstract="A paragraph of abstract. " * 30,
            added_at=SHARED_AT + datetime.timedelta(minutes=n),
        )
        PaperRecommendation.objects.create(
            paper=paper, person=people[n % len(people)], comment="Worth the group's time."
        )
    confirmed = datetime.datetime(2031, 1, 1, tzinfo=datetime.UTC)
    for start in range(0, args.subscribers, 2000):
        chunk = Subscriber.objects.bulk_create(
            [
                Subscriber(site=site, email=f"reader{n}@example.org", confirmed_at=confirmed)
                for n in range(start, min(start + 2000, args.subscribers))
            ]
        )
        Subscription.objects.bulk_create(
            [Subscription(subscriber=s, list_key="papers", frequency="daily") for s in chunk]
        )


def run(args) -> int:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import override_settings

    call_command("migrate", verbosity=0)
    call_command("load_demo", no_admin=True, verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    prepare(args)
    port = free_port()
    sink = SMTPSink(port)
    sink.start()
    from labsite.models import OutboxEmail
    from labsite.subscriptions import digests

    settings = {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": port,
        "EMAIL_USE_TLS": False,
        "DIGEST_BATCH_SIZE": args.batch,
        "TASKS": {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}},
    }
    try:
        with override_settings(**settings):
            connection.close()
            before = rss_mb()
            started = time.perf_counter()
            report = digests.send_digests(NEXT_MORNING, only="papers")
            elapsed = time.perf_counter() - started
            peak = rss_mb()
            deadline = time.time() + 30
            while sink.delivered < args.subscribers and time.time() < deadline:
                time.sleep(0.1)
            received_first = sink.delivered
            again_started = time.perf_counter()
            digests.send_digests(NEXT_MORNING, only="papers")
            again = time.perf_counter() - again_started
            time.sleep(1)
    finally:
        sink.stop()
    queued = sum(row["queued"] for row in report)
    sent = OutboxEmail.objects.filter(purpose="digest", status="sent").count()
    size = OutboxEmail.objects.filter(purpose="digest").first()
    print(f"subscribers:            {args.subscribers}")
    print(f"papers in the digest:   {args.papers}")
    print(f"batch size:             {args.batch}")
    print(f"queued and sent:        {queued} queued, {sent} marked sent, {elapsed:.1f} s")
    print(f"throughput:             {queued / elapsed:.0f} emails/s")
    print(f"SMTP server received:   {received_first}")
    print(f"second run:             {sink.delivered - received_first} more emails, {again:.2f} s")
    print(f"one email:              {len(size.text_body)} B text + {len(size.html_body)} B HTML")
    print(f"peak RSS:               {peak:.0f} MB (grew {peak - before:.0f} MB during the send)")
    ok = received_first == args.subscribers and sink.delivered == received_first
    print(f"RESULT {'ok' if ok else 'FAILED'}: every subscriber got exactly one email")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
