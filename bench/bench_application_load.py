"""Load test: 200 concurrent applications to gunicorn on PostgreSQL while SMTP is down, then up.

Run: .venv/bin/python bench/bench_application_load.py [--submissions 200] [--smtp-down 20]
     [--workers 4] [--database-url postgres://postgres@127.0.0.1:5432/postgres]

It creates a throwaway PostgreSQL database, migrates it, loads the demo group and collects
static files, then starts with production settings: gunicorn, one `db_worker` task worker and
no SMTP server. Every simulated applicant GETs the form (CSRF cookie, start token) and POSTs it
with a real PDF CV, all at once. The SMTP server (aiosmtpd, a local sink) starts --smtp-down
seconds after the submissions end; failed emails retry with backoff (base 2 s here). Prints:
submissions sent and accepted, applications stored, emails queued, delivered (counted by the
SMTP server), retried, failed, and how long delivery took after SMTP came back.
Goal: every submission stored, 0 lost, every email eventually delivered.
"""

import argparse
import concurrent.futures
import contextlib
import http.client
import os
import re
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
PYTHON = sys.executable
sys.path.insert(0, str(ROOT / "bench"))

from support import SMTPSink, free_port  # noqa: E402


def pdf_bytes() -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.effect_noise((600, 800), 60).convert("RGB").save(buffer, format="PDF")
    return buffer.getvalue()


def multipart(fields: dict, files: dict) -> tuple[bytes, str]:
    boundary = "----labsite" + secrets.token_hex(12)
    parts = []
    for name, value in fields.items():
        values = value if isinstance(value, list) else [value]
        for item in values:
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{item}\r\n'.encode()
            )
    for name, (filename, content) in files.items():
        parts.append(
            (
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                f'filename="{filename}"\r\nContent-Type: application/pdf\r\n\r\n'
            ).encode()
            + content
            + b"\r\n"
        )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


class Applicant:
    """One browser: GET the form, keep its cookie, POST it back."""

    def __init__(self, port: int, number: int, cv: bytes):
        self.port, self.number, self.cv = port, number, cv

    def request(self, method, path, body=None, headers=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        data = response.read()
        connection.close()
        return response, data

    def run(self) -> tuple[int, float, str]:
        started = time.perf_counter()
        try:
            response, html = self.request("GET", "/apply/")
            html = html.decode()
            cookie = re.search(r"csrftoken=([^;]+)", response.getheader("Set-Cookie") or "").group(
                1
            )
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
            start_token = re.search(r'name="started" value="([^"]+)"', html).group(1)
            year = time.localtime().tm_year + 1
            fields = {
                "csrfmiddlewaretoken": token,
                "started": start_token,
                "name": f"Load Applicant {self.number}",
                "email": f"applicant{self.number}@example.org",
                "institution": "University of Benchmarks",
                "degree": "MSc Load Testing",
                "graduation_month": "6",
                "graduation_year": str(year),
                "start_month": "10",
                "start_year": str(year),
                "topic": "Concurrency under failure",
                "statement": "I would like to research durable systems. " * 10,
                "funding": "needs",
                "consent": "on",
            }
            body, content_type = multipart(fields, {"cv": (f"cv-{self.number}.pdf", self.cv)})
            response, data = self.request(
                "POST",
                "/apply/",
                body=body,
                headers={
                    "Content-Type": content_type,
                    "Cookie": f"csrftoken={cookie}",
                    "Referer": f"http://127.0.0.1:{self.port}/apply/",
                },
            )
            detail = "" if response.status == 302 else data.decode(errors="replace")[:300]
            return response.status, time.perf_counter() - started, detail
        except Exception as error:  # a lost submission is what we are measuring
            return 0, time.perf_counter() - started, repr(error)


def phase_problems(
    *, submissions, accepted, stored, emails, sent, delivered, failed, retried
) -> list[str]:
    """What the run claims and did not show. Each phase must have happened, not only ended
    well: a run whose mail server was never found down (no email retried) proves nothing
    about an outage, whatever else it delivered."""
    problems = []
    if not (stored == submissions == accepted):
        problems.append(f"{submissions} sent, {accepted} accepted, {stored} stored")
    if emails == 0:
        problems.append("no email was queued")
    if retried == 0:
        problems.append("the SMTP-down phase: no email was tried while the server was down")
    if not (sent == emails == delivered) or failed:
        problems.append(f"{emails} queued, {sent} sent, {delivered} received, {failed} failed")
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--submissions", type=int, default=200)
    parser.add_argument("--smtp-down", type=float, default=20.0, help="seconds after the run")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    parser.add_argument(
        "--database-url",
        default="postgres://postgres@127.0.0.1:5432/postgres",
        help="a PostgreSQL server URL; a throwaway database is created beside the one named",
    )
    parser.add_argument("--timeout", type=float, default=300.0)
    args = parser.parse_args()

    import psycopg

    db_name = f"labsite_bench_{os.getpid()}"
    admin_url = args.database_url
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{db_name}"')
    parsed = urllib.parse.urlparse(admin_url)
    database_url = parsed._replace(path=f"/{db_name}").geturl()
    web_port, smtp_port = free_port(), free_port()
    workdir = Path(tempfile.mkdtemp(prefix="labsite-bench-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "labsite.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": database_url,
        "REDIS_URL": "redis://127.0.0.1:6379/15",
        "CACHE_KEY_PREFIX": db_name,
        "SECURE_SSL_REDIRECT": "false",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp_port),
        "EMAIL_TIMEOUT": "5",
        "EMAIL_RETRY_BASE_SECONDS": "2",
        "EMAIL_MAX_ATTEMPTS": "12",
        "APPLICATION_RATE_LIMIT_PER_HOUR": "100000",
        "APPLICATION_MIN_FILL_SECONDS": "0",
        "MEDIA_ROOT": str(workdir / "media"),
        "PRIVATE_MEDIA_ROOT": str(workdir / "private"),
        "STATIC_ROOT": str(workdir / "static"),
        "LOG_LEVEL": "ERROR",
    }
    processes = []
    sink = SMTPSink(smtp_port)
    try:
        manage = [PYTHON, str(ROOT / "manage.py")]
        for command in (
            ["migrate", "-v0"],
            ["load_demo", "--no-admin"],
            ["collectstatic", "--no-input", "-v0"],
        ):
            subprocess.run(
                manage + command, env=env, check=True, cwd=ROOT, stdout=subprocess.DEVNULL
            )
        processes.append(
            subprocess.Popen(
                [
                    PYTHON,
                    "-m",
                    "gunicorn",
                    "labsite.wsgi",
                    "-w",
                    str(args.workers),
                    "-b",
                    f"127.0.0.1:{web_port}",
                    "--timeout",
                    "120",
                    "--log-level",
                    "warning",
                ],
                env=env,
                cwd=ROOT,
            )
        )
        worker_log = open(workdir / "worker.log", "w")  # noqa: SIM115 (closed with the process)
        processes.append(
            subprocess.Popen(
                manage + ["db_worker", "--interval", "0.5", "--no-startup-delay"],
                env=env,
                cwd=ROOT,
                stdout=worker_log,
                stderr=subprocess.STDOUT,
            )
        )
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", web_port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.2)

        cv = pdf_bytes()
        print(
            f"SMTP is down. Sending {args.submissions} submissions at once "
            f"({len(cv) // 1024} KB PDF each, {args.workers} gunicorn workers, PostgreSQL)..."
        )
        applicants = [Applicant(web_port, n, cv) for n in range(args.submissions)]
        run_started = time.perf_counter()
        with concurrent.futures.ThreadPoolExecutor(max_workers=args.submissions) as pool:
            results = list(pool.map(lambda a: a.run(), applicants))
        run_seconds = time.perf_counter() - run_started
        accepted = sum(1 for status, _, _ in results if status == 302)
        errors = [(status, detail) for status, _, detail in results if status != 302]
        latencies = sorted(seconds for _, seconds, _ in results)

        time.sleep(args.smtp_down)
        sink.start()
        smtp_up = time.perf_counter()
        print(
            f"SMTP is up after {time.perf_counter() - run_started:.0f} s. Waiting for delivery..."
        )

        os.environ.update(env)
        import django

        django.setup()
        from labsite.models import OutboxEmail
        from people.models import Application

        deadline = time.perf_counter() + args.timeout
        while time.perf_counter() < deadline:
            pending = OutboxEmail.objects.exclude(status__in=["sent", "failed"]).count()
            if pending == 0:
                break
            time.sleep(1)
        delivered_after = time.perf_counter() - smtp_up
        stored = Application.objects.filter(institution="University of Benchmarks").count()
        emails = OutboxEmail.objects.count()
        sent = OutboxEmail.objects.filter(status="sent").count()
        failed = OutboxEmail.objects.filter(status="failed").count()
        retried = OutboxEmail.objects.filter(attempts__gt=1).count()
        attempts = sum(OutboxEmail.objects.values_list("attempts", flat=True))

        print()
        print(f"submissions sent            {len(results)}")
        print(f"accepted (302)              {accepted}")
        print(f"HTTP errors / lost          {len(errors)}")
        for status, detail in errors[:5]:
            print(f"   {status}: {detail[:200]}")
        print(f"applications stored         {stored}")
        print(
            f"submission time             {run_seconds:.1f} s for all; per request p50 "
            f"{statistics.median(latencies):.2f} s, p95 {latencies[int(len(latencies) * 0.95) - 1]:.2f} s"
        )
        print(f"emails queued               {emails}")
        print(f"emails sent (database)      {sent}")
        print(f"emails received by SMTP     {sink.delivered}")
        print(f"emails retried at least once {retried} ({attempts} attempts in all)")
        print(f"emails failed for good      {failed}")
        print(f"delivery finished           {delivered_after:.1f} s after SMTP came back")
        problems = phase_problems(
            submissions=args.submissions,
            accepted=accepted,
            stored=stored,
            emails=emails,
            sent=sent,
            delivered=sink.delivered,
            failed=failed,
            retried=retried,
        )
        ok = not problems
        for problem in problems:
            print(f"   not shown: {problem}")
        print("RESULT", "OK: nothing lost, every email delivered" if ok else "FAILED")
        if not ok:
            print(f"(the task worker's log is in {workdir / 'worker.log'})")
        return 0 if ok else 1
    finally:
        for process in processes:
            process.send_signal(signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
        with contextlib.suppress(Exception):  # it may never have started
            sink.stop()
        from django.db import connections

        connections.close_all()
        with psycopg.connect(admin_url, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{db_name}" WITH (FORCE)')


if __name__ == "__main__":
    sys.exit(main())
