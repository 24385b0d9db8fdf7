"""Finding 4 of the "nothing lost, nothing leaked" issue: a worker killed after the mail server
accepted a message but before it wrote "sent" left the row "sending", and 300 s later the retry
sent it again. Now a row handed to the server and abandoned becomes "maybe sent", never sent
twice by itself, and every attempt carries the row's own Message-ID.

The kill is real: `send_queued_email` runs in its own process against a local SMTP server
(aiosmtpd) that takes its time to answer the end of DATA, and gets SIGKILL while it waits."""

import asyncio
import os
import signal
import socket
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from tests.support import databases

# Separate processes on a database of their own: CI runs these once per database.
pytestmark = pytest.mark.processes

ROOT = Path(__file__).resolve().parents[2]


class SlowServer:
    """Records every message it receives, then waits before saying 250 OK."""

    def __init__(self, delay: float):
        self.delay = delay
        self.message_ids: list[str] = []

    async def handle_DATA(self, server, session, envelope):
        text = envelope.content.decode("utf-8", "replace")
        for line in text.splitlines():
            if line.lower().startswith("message-id:"):
                self.message_ids.append(line.split(":", 1)[1].strip())
        await asyncio.sleep(self.delay)
        return "250 OK"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp():
    from aiosmtpd.controller import Controller

    handler = SlowServer(delay=30)
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield handler, controller.port
    controller.stop()


@pytest.fixture(scope="module")
def migrated(tmp_path_factory):
    """A database and settings of their own, which separate processes share: migrated once
    for the module (a minute), emptied of email before each test."""
    folder = tmp_path_factory.mktemp("outbox")
    (folder / "outbox_settings.py").write_text(
        textwrap.dedent(
            """
            import os
            from labsite.settings.test import *  # noqa: F403
            EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
            # Each test starts its own mail server.
            EMAIL_HOST, EMAIL_PORT, EMAIL_TIMEOUT = "127.0.0.1", int(os.environ.get("OUTBOX_SMTP_PORT", "25")), 60
            EMAIL_CLAIM_SECONDS = 2
            # Queued tasks wait (no worker here): the cron command is the sender under test.
            TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
            """
        )
    )

    def environment(url):
        return {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "outbox_settings",
            "DATABASE_URL": url,
            "PYTHONPATH": f"{folder}{os.pathsep}{ROOT}",
        }

    with databases.scratch_database("outbox", folder) as url:
        env = environment(url)
        run(env, "manage.py", "migrate", "--no-input", "-v", "0")
        yield env


@pytest.fixture
def site(migrated, smtp):
    _handler, port = smtp
    env = {**migrated, "OUTBOX_SMTP_PORT": str(port)}
    run(env, "-c", SHELL.format(code="OutboxEmail.objects.all().delete()"))
    return env


def run(env, *args, timeout=300):
    result = subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]
    return result.stdout


SHELL = """
import django; django.setup()
from labsite.mail.delivery import queue_message
from labsite.mail.models import OutboxEmail
{code}
"""


def test_a_sender_killed_after_the_server_took_the_message_never_sends_it_twice(smtp, site):
    handler, _port = smtp
    message_id = run(
        site,
        "-c",
        SHELL.format(
            code="print(queue_message(to=['ana@example.org'], subject='Your application', "
            "text='We received it.', purpose='application').message_id)"
        ),
    ).strip()
    assert message_id.startswith("<") and message_id.endswith(">")

    sender = subprocess.Popen(
        [sys.executable, "manage.py", "send_queued_email"], cwd=ROOT, env=site,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while not handler.message_ids:  # the server has the whole message and sits on its answer
        assert sender.poll() is None and time.monotonic() < deadline, sender.stdout.read()
        time.sleep(0.05)
    os.kill(sender.pid, signal.SIGKILL)
    sender.wait()
    time.sleep(2.5)  # the dead sender's lease runs out

    handler.delay = 0  # the server answers at once from now on
    out = run(site, "manage.py", "send_queued_email")
    state = run(site, "-c", SHELL.format(code="print(OutboxEmail.objects.get().status)")).strip()
    assert state == "uncertain", out
    assert handler.message_ids == [message_id], "sent twice"

    # An editor's retry sends it again, as the same message (the recipient's mail system
    # shows one).
    run(site, "-c", SHELL.format(code=textwrap.dedent("""
        from labsite.mail.delivery import retry_now, send_due
        retry_now(OutboxEmail.objects.get())
        send_due()
        """)))  # fmt: skip
    assert handler.message_ids == [message_id, message_id]


def test_a_sender_killed_before_it_reached_the_server_is_simply_retried(site, smtp):
    handler, _port = smtp
    handler.delay = 0
    run(
        site,
        "-c",
        SHELL.format(
            code=textwrap.dedent("""
            import datetime
            from django.utils import timezone
            row = queue_message(to=['bo@example.org'], subject='Hello', text='Hi.')
            # Claimed by a sender that died before it handed the message over.
            OutboxEmail.objects.filter(pk=row.pk).update(
                status='sending', claimed_by='dead', handed_over_at=None,
                claimed_until=timezone.now() - datetime.timedelta(seconds=1),
            )
            """)
        ),
    )
    run(site, "manage.py", "send_queued_email")
    state = run(site, "-c", SHELL.format(code="print(OutboxEmail.objects.get().status)")).strip()
    assert state == "sent" and len(handler.message_ids) == 1
