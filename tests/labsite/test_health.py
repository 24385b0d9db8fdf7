"""Probes for a real host: live, ready (naming what fails), never cached; JSON log lines."""

import json
import logging

import pytest
from django.db import DatabaseError

from labsite import health
from labsite.logs import JsonFormatter

pytestmark = pytest.mark.django_db


def test_live_and_ready_answer_and_are_never_stored(client):
    live = client.get("/_health/live")
    assert live.status_code == 200 and live.content == b"ok\n"
    assert "no-store" in live["Cache-Control"] or "max-age=0" in live["Cache-Control"]
    ready = client.get("/_health/ready")
    data = json.loads(ready.content)
    assert ready.status_code == 200 and data["ready"] is True
    assert set(data["checks"]) == {"database", "migrations", "cache", "media"}
    assert all(check["status"] == "ok" for check in data["checks"].values())
    assert "sessionid" not in ready.cookies


def test_ready_says_what_is_broken(client, monkeypatch):
    def broken():
        raise DatabaseError("could not connect to server: Connection refused")

    monkeypatch.setitem(health.CHECKS, "database", broken)
    response = client.get("/_health/ready")
    data = json.loads(response.content)
    assert response.status_code == 503 and data["ready"] is False
    assert "Connection refused" in data["checks"]["database"]["status"]
    assert data["checks"]["cache"]["status"] == "ok"


def test_unapplied_migrations_make_the_site_not_ready(client, monkeypatch):
    monkeypatch.setattr(health, "_migrated", False)

    class Executor:
        def __init__(self, connection):
            self.loader = type(
                "L", (), {"graph": type("G", (), {"leaf_nodes": lambda self: []})()}
            )()

        def migration_plan(self, targets):
            return [("research", "0099_new"), ("people", "0099_new")]

    monkeypatch.setattr(health, "MigrationExecutor", Executor)
    data = json.loads(client.get("/_health/ready").content)
    assert data["checks"]["migrations"]["status"].startswith("2 migrations not applied")


def test_json_log_lines_carry_the_request_and_the_exception():
    formatter = JsonFormatter()
    try:
        raise ValueError("boom")
    except ValueError:
        import sys

        record = logging.LogRecord(
            "django.request",
            logging.ERROR,
            __file__,
            1,
            "Internal Server Error: %s",
            ("/x/",),
            sys.exc_info(),
        )
    record.status_code = 500
    record.request = type("R", (), {"method": "GET", "path": "/x/"})()
    line = json.loads(formatter.format(record))
    assert line["level"] == "ERROR" and line["path"] == "/x/" and line["status"] == 500
    assert (
        line["message"] == "Internal Server Error: /x/" and "ValueError: boom" in line["exception"]
    )
