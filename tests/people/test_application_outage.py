"""Finding 3 of the "nothing lost, nothing leaked" issue: the database stopped while applicants
submitted, and those who got a 500 page lost what they had typed and attached.

A real fault: the test starts a PostgreSQL cluster of its own, serves the site from it with
gunicorn, stops the cluster, submits applications over HTTP, starts it again and drains the
spool. Every applicant told "received" is stored once, with their reference, and their
emails are queued once, however often the spool is drained."""

import glob
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import pytest
import requests

ROOT = Path(__file__).resolve().parents[2]
SUBMISSIONS = 8


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Cluster:
    """A PostgreSQL cluster of the test's own, on a port of its own."""

    def __init__(self):
        found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
        if not found:
            pytest.fail("PostgreSQL's server programs are missing (apt-get install postgresql)")
        self.bin = Path(found[-1]).parent
        self.data = Path(tempfile.mkdtemp(prefix="labsite-outage-"))
        self.port = free_port()
        self.as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if self.as_postgres:
            shutil.chown(self.data, "postgres")
        self._run("initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres", "--no-sync")

    def _run(self, program, *args):
        result = subprocess.run(
            [*self.as_postgres, str(self.bin / program), *args], capture_output=True, text=True
        )
        assert result.returncode == 0, result.stdout + result.stderr

    def start(self):
        options = f"-p {self.port} -k {self.data} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run("pg_ctl", "-D", str(self.data), "-o", options, "-w", "-l",
                  str(self.data / "log"), "start")  # fmt: skip

    def stop(self):
        self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")

    def remove(self):
        subprocess.run([*self.as_postgres, str(self.bin / "pg_ctl"), "-D", str(self.data),
                        "-m", "immediate", "stop"], capture_output=True)  # fmt: skip
        shutil.rmtree(self.data, ignore_errors=True)

    @property
    def url(self):
        return f"postgres://postgres@127.0.0.1:{self.port}/postgres"


# A PostgreSQL server, gunicorn and workers of the test's own: CI runs it once per database.
# Its own PostgreSQL cluster, whatever the cell's database: CI runs it once.
pytestmark = [pytest.mark.processes, pytest.mark.own_server]


@pytest.fixture
def site(tmp_path):
    cluster = Cluster()
    server = None
    try:
        cluster.start()
        (tmp_path / "outage_settings.py").write_text(textwrap.dedent("""
            from labsite.settings.test import *  # noqa: F403
            APPLICATION_MIN_FILL_SECONDS = 0
            APPLICATION_RATE_LIMIT = (1000, 3600)
            ALLOWED_HOSTS = ["*"]
            # Emails wait in the outbox (no worker here): counted, not sent.
            TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
            PRIVATE_MEDIA_ROOT = "{private}"
            STORAGES["private"]["OPTIONS"]["location"] = PRIVATE_MEDIA_ROOT  # noqa: F405
            """).replace("{private}", str(tmp_path / "private")))  # fmt: skip
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "outage_settings",
            "DATABASE_URL": cluster.url,
            "PYTHONPATH": f"{tmp_path}{os.pathsep}{ROOT}",
        }
        manage(env, "migrate", "--no-input", "-v", "0")
        manage(env, "load_demo", "--one-group", "--no-admin", "-v", "0")
        port = free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "labsite.wsgi", "--bind", f"127.0.0.1:{port}",
             "--workers", "2", "--timeout", "120", "--log-level", "warning"],
            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        )  # fmt: skip
        address = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 120
        while True:
            try:
                requests.get(f"{address}/_health/live", timeout=10)
                break
            except requests.RequestException:  # not listening yet, or still importing
                assert server.poll() is None and time.monotonic() < deadline, server.stdout.read()
                time.sleep(0.2)
        yield cluster, env, address
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=20)
        cluster.remove()


def manage(env, *args):
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True,
        text=True, timeout=600,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]
    return result.stdout


def fill_in(session, address, n):
    html = session.get(f"{address}/apply/", timeout=10).text
    fields = dict(re.findall(r'name="(csrfmiddlewaretoken|started)" value="([^"]+)"', html))
    year = str(time.gmtime().tm_year + 1)
    return {
        **fields,
        "name": f"Applicant {n}", "email": f"applicant{n}@example.org",
        "institution": "University of Elsewhere", "degree": "MSc", "graduation_month": "6",
        "graduation_year": year, "start_month": "10", "start_year": year,
        "topic": "Coastal sound maps",
        "statement": "I would like to map coastal sound with cheap hydrophones. " * 5,
        "funding": "needs", "consent": "on", "company_fax": "",
    }  # fmt: skip


def pdf() -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (60, 80), "white").save(buffer, format="PDF")
    return buffer.getvalue()


def test_applications_sent_while_the_database_is_down_are_kept_and_imported_once(site):
    cluster, env, address = site
    sessions = [requests.Session() for _ in range(SUBMISSIONS)]
    forms = [fill_in(session, address, n) for n, session in enumerate(sessions)]  # while up
    cluster.stop()
    started = time.monotonic()
    acknowledged = []
    for n, (session, data) in enumerate(zip(sessions, forms, strict=True)):
        response = session.post(
            f"{address}/apply/", data=data, files={"cv": (f"cv-{n}.pdf", pdf(), "application/pdf")},
            timeout=30,
        )  # fmt: skip
        assert response.status_code == 200, response.text[:500]
        reference = re.search(r"<strong>([0-9A-Z-]{4,16})</strong>", response.text)
        assert reference, response.text[:500]
        acknowledged.append(reference.group(1))
    outage = time.monotonic() - started
    # Other pages say the site is unavailable; none answers 500 with the applicant's work lost.
    assert session.get(f"{address}/apply/", timeout=10).status_code == 503

    cluster.start()
    first = manage(env, "drain_application_spool")
    again = manage(env, "drain_application_spool")
    assert f"{SUBMISSIONS} imported" in first and "0 imported" in again, (first, again)
    stored = json.loads(manage(env, "shell", "-c", textwrap.dedent("""
        import json
        from people.models import Application
        from labsite.models import OutboxEmail
        print(json.dumps({a.reference: [a.name, a.cv_size,
            OutboxEmail.objects.filter(source=a.outbox_source).count()]
            for a in Application.objects.filter(name__startswith="Applicant ")}))
        """)).strip().splitlines()[-1])  # fmt: skip
    print(
        f"\n{SUBMISSIONS} submitted during the outage ({outage:.1f} s), "
        f"{len(acknowledged)} acknowledged, {len(stored)} stored after recovery, "
        f"emails queued per application: {sorted({v[2] for v in stored.values()})}"
    )
    assert sorted(stored) == sorted(acknowledged)
    assert all(size > 0 for _name, size, _emails in stored.values())
    queued = {emails for _name, _size, emails in stored.values()}
    assert len(queued) == 1 and queued.pop() >= 1  # the same emails for each, queued once
