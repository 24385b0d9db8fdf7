"""Benchmark: requests per second over HTTP, uncached / page cache / Varnish / nginx static.

Run: .venv/bin/python bench/bench_http.py [--seconds 5] [--connections 8] [--workers 2]
     [--scale 100] [--renders 20] [--repeat 3]

Loads the demo group into a throwaway SQLite database (grown with --scale), first prints
bench_pages.py's in-process table for that same database (queries and milliseconds per page
type, --renders renders each), then starts, side by side on this
machine: gunicorn (sync workers) without the page cache, gunicorn with it (the embedded
default: no proxy), Varnish (the repository's VCL) in front of a third
gunicorn that purges it, and nginx serving each page's HTML saved as a static
file, twice: as it is (`nginx`), and with gzip_static beside the same gzipped bytes Varnish
sends (`nginx-gz`). Before measuring, each nginx URL must answer 200 with the saved file, and
a wrk run with any error status stops the benchmark: a rate of error pages says nothing.
wrk measures each URL against each in turn, in one run, so the ratios compare like with like.
gunicorn's sync workers close every connection, so nginx is also measured with
`Connection: close`. --repeat N measures Varnish, nginx and nginx-gz (keep-alive) N times
each, alternately, and prints the medians, and for v/nginx and v/gz the median of the N
ratios of a Varnish run to the nginx run after it: on a two-core machine wrk, Varnish and nginx
share the cores, and single runs of the same cached page vary by a fifth. Varnish runs with
the repository's VCL and varnishd.params. Needs Debian's wrk, varnish and nginx.
"""

import argparse
import gzip
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
sys.path.insert(0, str(ROOT))
from bench.support import free_port, served_demo, stop_all, wait_for  # noqa: E402
from tests.support import varnish as varnish_command  # noqa: E402
from tools.screenshots import PAGES  # noqa: E402

#: Every public page type that answers 200 (the not-found page is measured in bench_pages).
URLS = [path for name, path in PAGES.items() if name != "not-found"]


def wrk(url: str, seconds: int, connections: int, close: bool = False) -> tuple[float, int]:
    """Requests per second, and how many requests were answered."""
    # As browsers ask: Varnish keeps pages gzipped and would otherwise unzip each response.
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "-H", "Host: 127.0.0.1",
               "-H", "Accept-Encoding: gzip"]  # fmt: skip
    if close:
        command += ["-H", "Connection: close"]
    output = subprocess.run(command + [url], capture_output=True, text=True, check=True).stdout
    return wrk_figures(output, url)


def wrk_figures(output: str, url: str) -> tuple[float, int]:
    """Requests per second and requests answered, from wrk's report; stops the benchmark if
    any answer had an error status."""
    # A rate of error pages says nothing about the page: an nginx that could not read the file
    # answers a 153-byte 403 far faster than any server sends the page itself.
    failed = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    if failed:
        raise SystemExit(
            f"{url} answered {failed.group(1)} requests with an error status under wrk: the "
            "figures would describe the error page, not the page"
        )
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    return rate, int(re.search(r"(\d+) requests in", output).group(1))


def cpu_seconds(leader: int) -> float:
    """CPU time used so far by every process of a server's session (master, workers, threads).

    On a machine where wrk shares the cores with the server, requests per second also measure
    how much CPU the server leaves to wrk; requests per CPU-second measure the server alone."""
    ticks = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[3]) == leader:  # the session id (started with start_new_session)
            ticks += int(fields[11]) + int(fields[12])  # user and system time
    return ticks / os.sysconf("SC_CLK_TCK")


def measured(url: str, leader: int, seconds: int, connections: int) -> tuple[float, float]:
    """Requests per second, and requests per CPU-second of the server."""
    before = cpu_seconds(leader)
    rate, answered = wrk(url, seconds, connections)
    used = cpu_seconds(leader) - before
    return rate, answered / used if used else float("nan")


def served_as_file(url: str, root: Path, gzipped: bool = False) -> None:
    """Stop unless nginx answers `url` with the file saved for it under `root` (the gzipped
    copy when `gzipped`): the static side of each ratio must be the page itself."""
    name = url.split("://", 1)[1].split("/", 1)[1].split("?")[0].strip("/")
    expected = (root / name / ("index.html.gz" if gzipped else "index.html")).read_bytes()
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
    try:
        with urllib.request.urlopen(request) as response:
            body = response.read()
    except urllib.error.HTTPError as error:
        raise SystemExit(f"nginx answered {error.code} for {url} (see its error.log)") from None
    if body != expected:
        raise SystemExit(f"nginx did not send the saved page for {url}")


def worker_rss_mb(master_pid: int) -> str:
    """Resident memory of a gunicorn master's workers (its children), in MB."""
    sizes = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(
                line.split(":", 1) for line in status.read_text().splitlines() if ":" in line
            )
        except OSError:
            continue
        if fields.get("PPid", "").strip() == str(master_pid):
            sizes.append(int(fields["VmRSS"].split()[0]) / 1024)
    return ", ".join(f"{size:.0f} MB" for size in sorted(sizes)) or "unknown"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--scale", type=int, default=1, help="grow the demo first (100: 5,000 publications)"
    )
    parser.add_argument(
        "--renders", type=int, default=20, help="in-process renders per page type (0: skip)"
    )
    parser.add_argument(
        "--repeat", type=int, default=1, help="Varnish and nginx runs per page (medians printed)"
    )
    parser.add_argument(
        "--only", metavar="PAGE", action="append", default=[],
        help="measure only these page types over HTTP (names as in bench_pages.py), e.g. person",
    )  # fmt: skip
    args = parser.parse_args()
    if args.repeat < 1:
        parser.error("--repeat must be 1 or more")
    unknown = set(args.only) - set(PAGES)
    if unknown:
        parser.error(f"no such page type: {', '.join(sorted(unknown))} (see bench_pages.py)")
    urls = [path for name, path in PAGES.items() if path in URLS and name in (args.only or PAGES)]
    for tool in ("wrk", "varnishd", "nginx"):
        if not (shutil.which(tool) or Path(f"/usr/sbin/{tool}").exists()):
            # `make bench` runs every benchmark: say what is missing and let the others run.
            print(f"skipped: {tool} is not installed (apt-get install wrk varnish nginx-light)")
            return

    work = Path(tempfile.mkdtemp(prefix="labsite-bench-http-"))
    # nginx started as root serves files as an unprivileged user, which could not enter a
    # directory only its owner may open (mkdtemp's) and would answer 403 for every page.
    work.chmod(0o711)
    env = served_demo(ROOT, work, PYTHON, args.scale)
    if args.renders:
        # The same database, already grown: the in-process figures and the HTTP ones below
        # describe the same pages in the same run.
        print(f"in process (bench_pages.py, {args.renders} renders each):", flush=True)
        pages = [PYTHON, str(ROOT / "bench/bench_pages.py"), "--requests", str(args.renders)]
        subprocess.run(
            pages + ["--database-url", env["DATABASE_URL"]], check=True, cwd=ROOT,
            env={k: v for k, v in env.items() if k != "DJANGO_SETTINGS_MODULE"},
        )  # fmt: skip

    processes = []

    def start(command, what, port, extra_env=None):
        process = subprocess.Popen(
            command, env={**env, **(extra_env or {})}, cwd=ROOT,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
        processes.append(process)
        wait_for(port, process, what)
        return f"http://127.0.0.1:{port}"

    try:
        gunicorn = [PYTHON, "-m", "gunicorn", "labsite.wsgi", "-w", str(args.workers), "-b"]
        plain_port, cached_port = free_port(), free_port()
        backend_port, varnish_port = free_port(), free_port()
        plain = start(gunicorn + [f"127.0.0.1:{plain_port}"], "gunicorn", plain_port)
        # The embedded default: the page cache, no proxy in front.
        cached = start(
            gunicorn + [f"127.0.0.1:{cached_port}"], "gunicorn (page cache)", cached_port,
            {"BENCH_PAGE_CACHE": "1"},
        )  # fmt: skip
        # Varnish's own backend, purging it, so its pages tell Varnish how long to keep them.
        start(
            gunicorn + [f"127.0.0.1:{backend_port}"], "gunicorn (behind Varnish)", backend_port,
            {"BENCH_PAGE_CACHE": "1", "BENCH_PURGE_URL": f"http://127.0.0.1:{varnish_port}"},
        )  # fmt: skip
        vcl = work / "labsite.vcl"
        vcl.write_text(varnish_command.vcl_for_backend(backend_port))
        varnish = start(
            ["/usr/sbin/varnishd", "-F", "-j", "none", "-n", str(work / "varnish"), "-f",
             str(vcl), "-a", f"127.0.0.1:{varnish_port}", "-s", "malloc,64m",
             *varnish_command.parameters()],
            "varnishd", varnish_port,
        )  # fmt: skip
        # One folder for both nginx servers: the page as it is, and beside it the same bytes
        # Varnish sends (it keeps pages gzipped), which only the gzip_static server uses.
        static = work / "static"
        for url in urls:
            target = static / url.split("?")[0].strip("/") / "index.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            with urllib.request.urlopen(plain + url) as response:
                target.write_bytes(response.read())
            request = urllib.request.Request(varnish + url, headers={"Accept-Encoding": "gzip"})
            with urllib.request.urlopen(request) as response:
                gzipped = response.read()
                if response.headers.get("Content-Encoding") != "gzip":
                    gzipped = gzip.compress(gzipped)
            target.with_name("index.html.gz").write_bytes(gzipped)
        nginx_port, gzip_port = free_port(), free_port()
        (work / "nginx.conf").write_text(
            f"daemon off; worker_processes 2; pid {work}/nginx.pid; error_log {work}/nginx.log;\n"
            "events { worker_connections 1024; }\n"
            "http { access_log off; default_type text/html;\n"
            f"  server {{ listen 127.0.0.1:{nginx_port}; root {static}; }}\n"
            f"  server {{ listen 127.0.0.1:{gzip_port}; root {static}; gzip_static on; }}\n"
            "}\n"
        )
        nginx = start(["nginx", "-c", str(work / "nginx.conf")], "nginx", nginx_port)
        nginx_gzip = f"http://127.0.0.1:{gzip_port}"
        for url in urls:
            served_as_file(nginx + url, static)
            served_as_file(nginx_gzip + url, static, gzipped=True)

        print(f"wrk -c{args.connections} -d{args.seconds}s; gunicorn {args.workers} sync workers")
        header = f"{'page':40} {'uncached':>9} {'cached':>9} {'x':>5} {'varnish':>9} "
        header += f"{'nginx':>9} {'nginx-gz':>9} {'nginx-close':>11} {'cached/close':>12} "
        header += f"{'v/nginx':>8} {'v/gz':>6}"
        print(header)
        shares, gzip_shares, by_cpu = [], [], []
        leaders = {"plain": processes[0].pid, "cached": processes[1].pid,
                   "varnish": processes[3].pid, "nginx": processes[4].pid}  # fmt: skip
        for url in urls:
            for base in (plain, cached, varnish):  # warm: workers, renditions, copies
                for _ in range(3):
                    with urllib.request.urlopen(base + url) as response:
                        response.read()
            # A page with a form is never stored (it carries a per-visitor token): Varnish
            # passes it to gunicorn, and it is left out of the proxy's summary below.
            stored = response.headers.get("X-Proxy-Cache") == "hit"
            u, u_cpu = measured(plain + url, leaders["plain"], args.seconds, args.connections)
            c, c_cpu = measured(cached + url, leaders["cached"], args.seconds, args.connections)
            runs = {"varnish": [], "nginx": [], "nginx-gz": []}
            for _ in range(args.repeat):  # alternately, so a slow spell touches all three
                for kind, base in (("varnish", varnish), ("nginx", nginx),
                                   ("nginx-gz", nginx_gzip)):  # fmt: skip
                    leader = leaders["varnish" if kind == "varnish" else "nginx"]
                    runs[kind].append(measured(base + url, leader, args.seconds, args.connections))
            (v, v_cpu), (n, n_cpu), (g, g_cpu) = (
                [statistics.median(run[i] for run in runs[kind]) for i in (0, 1)]
                for kind in ("varnish", "nginx", "nginx-gz")
            )
            # Each Varnish run against the nginx runs right after it: a slow spell of the
            # machine then touches both sides of a ratio, not one side of the medians.
            share, gzip_share = (
                statistics.median(
                    p[0] / s[0] for p, s in zip(runs["varnish"], runs[kind], strict=True)
                )
                for kind in ("nginx", "nginx-gz")
            )
            nc = wrk(nginx + url, args.seconds, args.connections, close=True)[0]
            if stored:
                shares.append(share)
                gzip_shares.append(gzip_share)
            print(
                f"{url[:40]:40} {u:>9.0f} {c:>9.0f} {c / u:>5.1f} {v:>9.0f} {n:>9.0f} {g:>9.0f} "
                f"{nc:>11.0f} {c / nc:>12.0%} {share:>8.0%} {gzip_share:>6.0%}"
            )
            by_cpu.append((url, u_cpu, c_cpu, v_cpu, n_cpu, g_cpu))
        for label, ratios in (
            ("nginx", shares),
            ("nginx-gz (the same gzipped bytes)", gzip_shares),
        ):
            print(
                f"Varnish at >= 80% of {label} on {sum(s >= 0.8 for s in ratios)} of the "
                f"{len(ratios)} pages it stores (median {statistics.median(ratios):.0%}, lowest "
                f"{min(ratios):.0%}; each the median of {args.repeat} ratios of a Varnish run to "
                "the run after it)"
            )
        print("\nrequests per CPU-second of the server itself (wrk's share of the cores left out):")
        print(f"{'page':40} {'uncached':>9} {'cached':>9} {'x':>5} {'varnish':>9} {'nginx':>9} "
              f"{'nginx-gz':>9} {'v/nginx':>8} {'v/gz':>6}")  # fmt: skip
        for url, u_cpu, c_cpu, v_cpu, n_cpu, g_cpu in by_cpu:
            print(
                f"{url[:40]:40} {u_cpu:>9.0f} {c_cpu:>9.0f} {c_cpu / u_cpu:>5.1f} {v_cpu:>9.0f} "
                f"{n_cpu:>9.0f} {g_cpu:>9.0f} {v_cpu / n_cpu:>8.0%} {v_cpu / g_cpu:>6.0%}"
            )
        counters = subprocess.run(
            ["varnishstat", "-n", str(work / "varnish"), "-1", "-f", "MAIN.cache_hit",
             "-f", "MAIN.cache_miss", "-f", "MAIN.s_pass", "-f", "MAIN.bans_added"],
            capture_output=True, text=True, check=False,
        ).stdout  # fmt: skip
        counts = dict(re.findall(r"MAIN\.(\w+)\s+(\d+)", counters))
        print(
            "Varnish: {cache_hit} hits, {cache_miss} misses, {s_pass} passed to gunicorn, "
            "{bans_added} purges".format_map(
                {k: "?" for k in ("cache_hit", "cache_miss", "s_pass", "bans_added")} | counts
            )
        )
        for label, process in (("uncached", processes[0]), ("page cache", processes[1])):
            print(f"gunicorn worker memory ({label}): {worker_rss_mb(process.pid)}")
    finally:
        stop_all(processes)


if __name__ == "__main__":
    main()
