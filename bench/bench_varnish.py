"""Benchmark: the instructions Varnish spends on each cached page, counted by callgrind.

Run: .venv/bin/python bench/bench_varnish.py [--requests 3000] [--vcl PATH] [--without-params]
     [--param NAME=VALUE ...]

Requests per second through Varnish depend on what else the machine is doing (bench_http.py
shares two cores with wrk, and the same run a few minutes apart moves by a fifth); the
instructions Varnish executes do not: callgrind counts the same total for the same binary, VCL,
parameters and requests. This starts gunicorn with the page cache on the demo group, and
varnishd under `valgrind --tool=callgrind` with the repository's VCL and varnishd.params
(tests/support/varnish.py, as docs/deployment.md runs it). It stores every page Varnish keeps,
zeroes the counters, asks for those pages --requests times in turn over one keep-alive
connection, as a browser with gzip would, and prints instructions per request (user space
only: the kernel's share of sending is the same for any configuration) and where they go.

To compare a change, run it twice: e.g. `--vcl old.vcl --without-params` with the VCL of an
earlier commit (`git show REV:labsite/pagecache/varnish.vcl > old.vcl`). Needs Debian's varnish
and valgrind; takes about a minute.
"""

import argparse
import http.client
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
sys.path.insert(0, str(ROOT))
from bench.support import free_port, served_demo, stop_all, wait_for  # noqa: E402
from tests.support import varnish as varnish_command  # noqa: E402
from tools.screenshots import PAGES  # noqa: E402

#: Where a cached request's instructions go (inclusive counts of varnishd's own functions).
PARTS = [
    ("VSLb", "formatted records of the shared-memory log (printf)"),
    ("VSLb_ts", "  of which the Timestamp records"),
    ("VSLbt", "copied records of the log (headers)"),
    ("HSH_Lookup", "finding the stored object"),
    ("VCL_recv_method", "the VCL's vcl_recv"),
    ("VCL_deliver_method", "the VCL's vcl_deliver"),
    ("Resp_Setup_Deliver", "the response's headers (Age, Via, X-Varnish)"),
    ("V1D_Deliver", "writing the response"),
]


def fetch(connection: http.client.HTTPConnection, path: str) -> http.client.HTTPResponse:
    connection.request("GET", path, headers={"Host": "127.0.0.1", "Accept-Encoding": "gzip"})
    response = connection.getresponse()
    response.read()
    return response


def inclusive_counts(profile: Path) -> tuple[int, dict[str, int]]:
    """The profile's total and the inclusive count of each function in PARTS."""
    output = subprocess.run(
        ["callgrind_annotate", "--inclusive=yes", "--threshold=100", str(profile)],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    total = int(
        re.search(r"([\d,]+) \(100\.0%\)\s+PROGRAM TOTALS", output).group(1).replace(",", "")
    )
    counts = {}
    for name, _ in PARTS:
        found = re.search(rf"^\s*([\d,]+) \(\s*[\d.]+%\)\s+\?\?\?:{name} \[", output, re.MULTILINE)
        counts[name] = int(found.group(1).replace(",", "")) if found else 0
    return total, counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--vcl", type=Path, help="another VCL (its backend port 8000 is moved)")
    parser.add_argument(
        "--without-params", action="store_true", help="varnishd's defaults, not varnishd.params"
    )
    parser.add_argument("--param", action="append", default=[], metavar="NAME=VALUE")
    args = parser.parse_args()
    if args.vcl and not args.vcl.is_file():
        parser.error(f"--vcl {args.vcl}: no such file")
    if args.requests < 100:
        parser.error("--requests must be 100 or more (fewer measure mostly the warm-up)")
    for tool in ("valgrind", "callgrind_control", "callgrind_annotate"):
        if not shutil.which(tool):
            print(f"skipped: {tool} is not installed (apt-get install valgrind)")
            return
    varnishd = shutil.which("varnishd") or "/usr/sbin/varnishd"
    if not Path(varnishd).exists():
        print("skipped: varnishd is not installed (apt-get install varnish)")
        return

    work = Path(tempfile.mkdtemp(prefix="labsite-bench-varnish-"))
    env = served_demo(ROOT, work, PYTHON)
    processes = []
    try:
        backend_port, varnish_port = free_port(), free_port()
        gunicorn = subprocess.Popen(
            [PYTHON, "-m", "gunicorn", "labsite.wsgi", "-w", "1", "-b",
             f"127.0.0.1:{backend_port}"],
            # Purging this Varnish, so its pages say how long a proxy may keep them.
            env={**env, "BENCH_PAGE_CACHE": "1",
                 "BENCH_PURGE_URL": f"http://127.0.0.1:{varnish_port}"},
            cwd=ROOT, start_new_session=True,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        )  # fmt: skip
        processes.append(gunicorn)
        wait_for(backend_port, gunicorn, "gunicorn")
        vcl = work / "labsite.vcl"
        try:
            vcl.write_text(
                varnish_command.vcl_for_backend(backend_port, args.vcl or varnish_command.VCL)
            )
        except ValueError as error:
            raise SystemExit(f"--vcl: {error}") from None
        parameters = [] if args.without_params else varnish_command.parameters()
        for extra in args.param:
            parameters += ["-p", extra]
        profiles = work / "callgrind"
        profiles.mkdir()
        varnish = subprocess.Popen(
            ["valgrind", "--tool=callgrind", "--trace-children=yes",
             f"--callgrind-out-file={profiles}/%p", varnishd, "-F", "-j", "none",
             "-n", str(work / "varnish"), "-f", str(vcl), "-a", f"127.0.0.1:{varnish_port}",
             "-s", "malloc,64m", *parameters],
            cwd=work, start_new_session=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        )  # fmt: skip
        processes.append(varnish)
        wait_for(
            varnish_port, varnish, "varnishd under valgrind", 180
        )  # compiling the VCL under valgrind is slow

        connection = http.client.HTTPConnection("127.0.0.1", varnish_port, timeout=60)
        stored = []
        for name, path in PAGES.items():
            if name == "not-found":
                continue
            fetch(connection, path)
            if fetch(connection, path).headers.get("X-Proxy-Cache") == "hit":
                stored.append(path)
        if not stored:
            raise SystemExit("Varnish stored no page: does the VCL still cache labsite's pages?")
        for path in stored * 3:  # warm: every code path once before counting
            fetch(connection, path)
        subprocess.run(["callgrind_control", "-z"], capture_output=True, check=True)
        answered = 0
        for index in range(args.requests):
            response = fetch(connection, stored[index % len(stored)])
            answered += response.status == 200 and response.headers["X-Proxy-Cache"] == "hit"
        subprocess.run(["callgrind_control", "-d"], capture_output=True, check=True)
        time.sleep(2)
        # The cache process (varnishd's child) answers; it is the largest profile dumped.
        dumps = sorted(profiles.glob("*.1"), key=lambda path: path.stat().st_size)
        if not dumps:
            raise SystemExit("callgrind wrote no profile after the requests")
        total, counts = inclusive_counts(dumps[-1])
    finally:
        stop_all(processes, timeout=20)

    print(f"VCL: {args.vcl or varnish_command.VCL.relative_to(ROOT)}; parameters: "
          f"{' '.join(parameters) or 'none (varnishd defaults)'}")  # fmt: skip
    print(f"{args.requests} requests over {len(stored)} stored pages, {answered} answered as hits")
    print(f"{'instructions per cached request (user space)':52} {total / args.requests:>9,.0f}")
    for name, label in PARTS:
        share = counts[name] / total if total else 0
        print(f"  {label:50} {counts[name] / args.requests:>9,.0f} {share:>6.1%}")


if __name__ == "__main__":
    main()
