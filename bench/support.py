"""Helpers shared by the benchmarks: a free port, and a local SMTP server that counts messages."""

import contextlib
import os
import socket
import threading
import urllib.parse


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class SMTPSink:
    def __init__(self, port: int):
        from aiosmtpd.controller import Controller

        self.delivered = 0
        self.lock = threading.Lock()
        sink = self

        class Handler:
            async def handle_DATA(self, server, session, envelope):
                with sink.lock:
                    sink.delivered += 1
                return "250 OK"

        self.controller = Controller(Handler(), hostname="127.0.0.1", port=port)

    def start(self):
        import logging

        logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd logs every command
        self.controller.start()

    def stop(self):
        self.controller.stop()


@contextlib.contextmanager
def throwaway_database(server_url: str, label: str, keep: bool = False):
    """A new PostgreSQL database beside ``server_url``'s, set as DATABASE_URL, dropped afterwards."""
    import psycopg

    name = f"labsite_bench_{label}_{os.getpid()}"
    with psycopg.connect(server_url, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    os.environ["DATABASE_URL"] = (
        urllib.parse.urlparse(server_url)._replace(path=f"/{name}").geturl()
    )
    try:
        yield name
    finally:
        from django.db import connections

        connections.close_all()
        if keep:
            print(f"kept database {name}")
        else:
            with psycopg.connect(server_url, autocommit=True) as connection:
                connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def demo_site(code_root, database_url: str | None, prefix: str) -> str:
    """Django set up on labsite.settings.test over a throwaway database (SQLite in a temporary
    folder, or ``database_url``), migrated, with the demo group loaded; the folder's path.

    Measured the way a warm worker serves: one connection kept for the whole run (closing it
    after every request would also reset the query counter), and the test client's host
    allowed without setup_test_environment(), which would instrument every template render.
    """
    import tempfile
    import time

    workdir = tempfile.mkdtemp(prefix=prefix)
    open_demo_site(code_root, workdir, database_url)
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0, interactive=False)
    started = time.perf_counter()
    call_command("load_demo", no_admin=True, verbosity=0)
    print(f"demo loaded in {time.perf_counter() - started:.1f} s ({connection.vendor})")
    return workdir


def open_demo_site(code_root, workdir, database_url: str | None = None) -> None:
    """Django set up on labsite.settings.test over the database ``demo_site`` made in
    ``workdir`` (or ``database_url``), measured as a warm worker serves (see demo_site)."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(code_root))
    os.chdir(code_root)
    os.environ["DATABASE_URL"] = database_url or f"sqlite:///{workdir}/bench.sqlite3"
    os.environ["DJANGO_SETTINGS_MODULE"] = "labsite.settings.test"

    import django

    django.setup()
    from django.conf import settings
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    settings.MEDIA_ROOT = Path(workdir) / "media"
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)


def wait_for(port: int, process, what: str, seconds: float = 60) -> None:
    """Until something listens on ``port``; stops the run with ``process``'s last output if
    it exits first, or after ``seconds``."""
    import time

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            if process.poll() is not None:
                log = process.stdout.read().decode()[-2000:]
                raise SystemExit(f"{what} stopped: {log}") from None
            time.sleep(0.1)
    raise SystemExit(f"{what} did not start within {seconds:.0f} s")


def stop_all(processes, timeout: float = 10) -> None:
    """Stop each process and everything it started (each was started in a session of its own)."""
    import signal
    import subprocess

    for process in processes:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
    for process in processes:
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def served_demo(code_root, work, python: str, scale: int = 1) -> dict[str, str]:
    """The environment in which manage.py and gunicorn serve the demo group from a throwaway
    SQLite database in ``work`` (migrated, loaded, grown ``scale`` times), on settings that
    store page copies when BENCH_PAGE_CACHE=1 and purge the proxy at BENCH_PURGE_URL if set."""
    import subprocess
    from pathlib import Path

    work = Path(work)
    (work / "bench_settings.py").write_text(
        "from labsite.settings.test import *  # noqa\n"
        "import os\n"
        "ALLOWED_HOSTS = ['*']\n"
        f"MEDIA_ROOT = {str(work / 'media')!r}\n"
        f"PAGE_CACHE_STAMP_FILE = {str(work / 'generation')!r}\n"
        "PAGE_CACHE_STORE = os.environ.get('BENCH_PAGE_CACHE') == '1'\n"
        # As production keeps them (settings/production.py); the test settings open a
        # connection per request, a quarter of an uncached page's CPU.
        "DATABASES['default']['CONN_MAX_AGE'] = 600\n"
        "if os.environ.get('BENCH_PURGE_URL'):\n"
        "    WAGTAILFRONTENDCACHE = {'proxy': {\n"
        "        'BACKEND': 'labsite.pagecache.purge.ProxyBackend',\n"
        "        'LOCATION': os.environ['BENCH_PURGE_URL']}}\n"
    )
    env = dict(
        os.environ,
        PYTHONPATH=f"{work}:{code_root}",
        DJANGO_SETTINGS_MODULE="bench_settings",
        DATABASE_URL=f"sqlite:///{work}/bench.sqlite3",
    )
    manage = [python, str(Path(code_root) / "manage.py")]
    subprocess.run(manage + ["migrate", "-v0"], env=env, check=True, cwd=code_root)
    subprocess.run(manage + ["load_demo", "--no-admin", "-v0"], env=env, check=True, cwd=code_root)
    if scale > 1:
        grow = (
            "import django; django.setup(); from tests.growth import grow_to; "
            f"grow_to(people={2 * scale}, publications={50 * scale}, "
            f"activities={5 * scale}, projects={scale // 2 or 1})"
        )
        subprocess.run([python, "-c", grow], env=env, check=True, cwd=code_root)
    return env


#: The table ``measure_page`` prints a row of (``width`` wide first column).
def table_header(width: int = 22) -> str:
    return (
        f"{'page':{width}} {'status':>6} {'queries':>7} {'median ms':>9} {'p90 ms':>7} "
        f"{'cpu ms':>6} {'KB':>6}"
    )


def measure_page(client, name: str, path: str, requests: int, width: int = 22) -> float:
    """Warm a page (renditions, template and settings caches), count its queries, time
    ``requests`` renders; print one table row and return the median in ms.

    Beside the wall-clock median, the median CPU time of this process per render: with SQLite
    the two agree (all the work is in the process), with PostgreSQL the difference is the time
    spent waiting for the database."""
    import statistics
    import time

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(3):
        client.get(path)
    connection.queries_log.clear()  # a full log (9,000 entries) would hide new ones
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    # Counted now: the next request's request_started signal empties the query log.
    query_count = len(queries)
    timings, cpu = [], []
    for _ in range(requests):
        begin, begin_cpu = time.perf_counter(), time.process_time()
        client.get(path)
        timings.append((time.perf_counter() - begin) * 1000)
        cpu.append((time.process_time() - begin_cpu) * 1000)
    timings.sort()
    median = statistics.median(timings)
    p90 = timings[min(len(timings) - 1, int(len(timings) * 0.9))]
    print(
        f"{name:{width}} {response.status_code:>6} {query_count:>7} {median:>9.1f} {p90:>7.1f} "
        f"{statistics.median(cpu):>6.1f} {len(response.content) / 1024:>6.1f}"
    )
    return median
