"""Benchmark: labsite's uncached pages beside Wagtail's bakerydemo, in one sitting.

Run: .venv/bin/python bench/bench_beside_bakerydemo.py --bakerydemo DIR --bakerydemo-python PY
     [--before DIR] [--rounds 8] [--only PAGE ...]

Renders each labsite page type and its bakerydemo equivalent in-process (Django's test client,
no server), in long-lived worker processes, alternating page by page in blocks of 8 renders so
that the machine's slow and quick spells fall on both alike; prints the medians and
bakerydemo's time divided by labsite's (the goal: 2 or more on the geometric mean, 1.5 or
more on every pair), and each renderer's resident memory at the end, after rendering every
page of the run. With --before, a second
labsite checkout (e.g. an older commit from `git worktree add`) is measured in the same rounds.

bakerydemo is not fetched or installed here: set it up yourself (a clone, its own virtualenv,
`migrate`, `load_initial_data`, `collectstatic`) with a settings module `bakerydemo.settings.bench`
that sets DEBUG = False and ALLOWED_HOSTS = ["*"]. Its urls.py includes django-debug-toolbar's
URLs, which instrument every template render even with DEBUG off: remove those two lines first,
or bakerydemo is measured slower than it is.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BLOG_POST = "/blog/wild-yeast/"

#: labsite page type -> bakerydemo's equivalent: indexes against its blog, breads and recipes
#: lists, detail pages against a blog post, the application form against its contact form.
PAIRS = {
    "home": "/",
    "publication-index": "/blog/",
    "people-index": "/breads/",
    "engagement-index": "/blog/",
    "project-index": "/blog/",
    "paper-feed": "/blog/",
    "research-index": "/blog/",
    "news-index": "/blog/",
    "opening-index": "/blog/",
    "supervision": "/recipes/",
    "research-theme": BLOG_POST,
    "publication": BLOG_POST,
    "project": BLOG_POST,
    "activity": BLOG_POST,
    "news": BLOG_POST,
    "person": BLOG_POST,
    "standard": BLOG_POST,
    "opening": BLOG_POST,
    "apply": "/contact-us/",
}
BLOCK = 8
BUILD_DEMO = """
import sys
sys.path.insert(0, sys.argv[2])  # this checkout's helpers, whichever checkout is measured
from bench.support import demo_site
print(demo_site(sys.argv[1], None, "labsite-beside-"))
"""


def worker(kind: str, root: str) -> None:
    """Answer 'PATH N' lines on stdin with N render times (ms) as a JSON line."""
    if kind == "labsite":
        # The demo database is built by another process, as bakerydemo's was before the run:
        # loading it here would leave its memory in this worker's figure.
        workdir = subprocess.run(
            [sys.executable, "-c", BUILD_DEMO, root, str(ROOT)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.splitlines()[-1]
        sys.path.insert(0, str(ROOT))
        from bench.support import open_demo_site  # puts ``root`` first on the path

        open_demo_site(Path(root), workdir)
        import logging

        logging.getLogger("django.request").setLevel(logging.ERROR)
    else:
        sys.path.insert(0, root)
        os.chdir(root)
        os.environ["DJANGO_SETTINGS_MODULE"] = "bakerydemo.settings.bench"
        import django

        django.setup()
        from django.core.signals import request_finished, request_started
        from django.db import close_old_connections

        # As labsite's side: one connection for the whole run, as a warm worker keeps it.
        request_started.disconnect(close_old_connections)
        request_finished.disconnect(close_old_connections)
    from django.test import Client

    client = Client()
    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        path, count = line.rsplit(" ", 1)
        times = []
        for _ in range(int(count)):
            begin = time.perf_counter()
            response = client.get(path)
            times.append((time.perf_counter() - begin) * 1000)
        answer = {"status": response.status_code, "times": times, "rss_mb": rss_mb()}
        print(json.dumps(answer), flush=True)


def rss_mb() -> float:
    """This process's resident memory now (Linux), in MB."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise SystemExit("no VmRSS in /proc/self/status: the memory figure needs Linux")


class Renderer:
    def __init__(self, kind: str, root: Path, python: str):
        self.process = subprocess.Popen(
            [python, __file__, "--worker", kind, str(root)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        while True:
            line = self.process.stdout.readline()
            if not line:
                raise SystemExit(f"the {kind} renderer at {root} stopped while starting")
            if line.startswith('{"ready"'):
                break

    def render(self, path: str, count: int) -> list[float]:
        self.process.stdin.write(f"{path} {count}\n")
        self.process.stdin.flush()
        answer = json.loads(self.process.stdout.readline())
        if answer["status"] != 200:
            raise SystemExit(f"{path} answered {answer['status']}")
        self.rss_mb = answer["rss_mb"]
        return answer["times"]

    def stop(self) -> None:
        self.process.terminate()


def main() -> None:
    if len(sys.argv) == 4 and sys.argv[1] == "--worker":
        worker(sys.argv[2], sys.argv[3])
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bakerydemo", type=Path, required=True, help="bakerydemo checkout")
    parser.add_argument("--bakerydemo-python", required=True, help="its virtualenv's python")
    parser.add_argument("--before", type=Path, help="another labsite checkout to compare")
    parser.add_argument("--rounds", type=int, default=8)
    parser.add_argument("--only", action="append", default=[], help="these page types only")
    args = parser.parse_args()
    if not (args.bakerydemo / "bakerydemo" / "settings" / "bench.py").exists():
        parser.error(f"{args.bakerydemo}/bakerydemo/settings/bench.py is missing (see --help)")
    if args.before and not (args.before / "labsite" / "settings" / "test.py").exists():
        parser.error(f"{args.before} is not a labsite checkout")
    unknown = set(args.only) - set(PAIRS)
    if unknown:
        parser.error(f"unknown page type(s) {sorted(unknown)}; known: {', '.join(PAIRS)}")
    sys.path.insert(0, str(ROOT))
    from tools.screenshots import PAGES

    pairs = {name: path for name, path in PAIRS.items() if not args.only or name in args.only}
    print("starting the renderers (each loads its demo data)...", flush=True)
    renderers = {"bakerydemo": Renderer("bakerydemo", args.bakerydemo, args.bakerydemo_python)}
    if args.before:
        renderers["before"] = Renderer("labsite", args.before, sys.executable)
    renderers["labsite"] = Renderer("labsite", ROOT, sys.executable)
    try:
        for name, theirs in pairs.items():  # warm: renditions, caches, compiled statements
            for label, renderer in renderers.items():
                renderer.render(theirs if label == "bakerydemo" else PAGES[name], 3)
        times: dict[tuple[str, str], list[float]] = {}
        for round_number in range(args.rounds):
            for name, theirs in pairs.items():
                order = list(renderers.items())
                shift = round_number % len(order)  # who goes first changes every round
                for label, renderer in order[shift:] + order[:shift]:
                    path = theirs if label == "bakerydemo" else PAGES[name]
                    times.setdefault((label, name), []).extend(renderer.render(path, BLOCK))
            print(f"round {round_number + 1} of {args.rounds}", flush=True)
    finally:
        for renderer in renderers.values():
            renderer.stop()
    labels = [label for label in renderers if label != "bakerydemo"]
    print(
        f"{'page':18} "
        + " ".join(f"{label + ' ms':>11}" for label in labels)
        + f" {'bakerydemo':>10}  ratio (bakerydemo / labsite)  bakerydemo page"
    )
    ratios_of: dict[str, list[float]] = {label: [] for label in labels}
    for name, theirs in pairs.items():
        medians = {label: statistics.median(times[(label, name)]) for label in renderers}
        for label in labels:
            ratios_of[label].append(medians["bakerydemo"] / medians[label])
        ratios = " -> ".join(f"{ratios_of[label][-1]:.2f}" for label in labels)
        print(
            f"{name:18} "
            + " ".join(f"{medians[label]:11.1f}" for label in labels)
            + f" {medians['bakerydemo']:10.1f}  {ratios:27}  {theirs}"
        )
    for label in labels:
        lowest = min(range(len(pairs)), key=lambda i: ratios_of[label][i])
        print(
            f"{label}: geometric mean of the ratios {statistics.geometric_mean(ratios_of[label]):.2f}"
            f", lowest {ratios_of[label][lowest]:.2f} ({list(pairs)[lowest]})"
        )
    # Each renderer has rendered every page of the run (a warm worker's life so far).
    print(
        "renderer memory after the run (VmRSS): "
        + ", ".join(f"{label} {renderer.rss_mb:.0f} MB" for label, renderer in renderers.items())
    )


if __name__ == "__main__":
    main()
