"""Project-level guarantees: migrations, production settings, the demo loader."""

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import models
from wagtail.images import get_image_model
from wagtail.models import Page, Revision

from people.models import OpeningPage, PersonPage, Role
from research.models import PublicationAuthor, PublicationPage

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "SECRET_KEY": "x" * 20 + "-test-only-key-that-is-long-enough-1234567890",
    "ALLOWED_HOSTS": "lab.example.org",
    "DATABASE_URL": "postgres://labsite:secret@127.0.0.1:5432/labsite",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
}


def manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in PRODUCTION_ENV and k != "DATABASE_URL"}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "labsite.settings.production", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.django_db
def test_models_and_migrations_agree():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_production_settings_pass_check_deploy_without_warnings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_on_sqlite_writes_alongside_other_processes(tmp_path):
    # The workers and the task worker share the file: WAL, a busy timeout and IMMEDIATE
    # transactions, as in the embedded default, or concurrent writes fail with "locked".
    database = tmp_path / "site.sqlite3"
    script = (
        "from django.db import connection\n"
        "with connection.cursor() as cursor:\n"
        "    print(cursor.execute('PRAGMA journal_mode').fetchone()[0],"
        " cursor.execute('PRAGMA busy_timeout').fetchone()[0],"
        " connection.settings_dict['CONN_MAX_AGE'], connection.transaction_mode)\n"
    )
    result = manage(
        "shell", "-c", script, env={**PRODUCTION_ENV, "DATABASE_URL": f"sqlite:///{database}"}
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1].split() == ["wal", "5000", "600", "IMMEDIATE"]


@pytest.mark.parametrize(
    ("variable", "value", "expected"),
    [
        ("SECRET_KEY", None, "SECRET_KEY is not set"),
        ("SECRET_KEY", "short", "SECRET_KEY is shorter than 50 characters"),
        ("ALLOWED_HOSTS", None, "ALLOWED_HOSTS is not set"),
        ("DATABASE_URL", None, "DATABASE_URL is not set"),
        ("DATABASE_URL", "nosuchdb://x", "DATABASE_URL is malformed"),
        ("REDIS_URL", "127.0.0.1:6379", "REDIS_URL is malformed"),
        ("EMAIL_PORT", "smtp", "EMAIL_PORT must be a whole number"),
        ("EMAIL_USE_TLS", "maybe", "EMAIL_USE_TLS must be true or false"),
    ],
)
def test_bad_environment_stops_start_up_with_one_line(variable, value, expected):
    env = dict(PRODUCTION_ENV)
    if value is None:
        env.pop(variable, None)
    else:
        env[variable] = value
    result = manage("check", env=env)
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert expected in lines[0]
    assert f"for example: {variable}=" in lines[0]


COUNTED = [Page, PersonPage, PublicationPage, PublicationAuthor, OpeningPage, Role, Revision]


def _counts() -> dict[str, int]:
    counts: dict[str, int] = {m.__name__: m.objects.count() for m in COUNTED}
    counts["Image"] = get_image_model().objects.count()
    return counts


@pytest.mark.django_db
def test_load_demo_twice_changes_nothing():
    """The suite's database holds the one-group demo; the whole demo's second run is in
    test_demo_showcase."""
    before = _counts()
    call_command("load_demo", no_admin=True, one_group=True, verbosity=0, stdout=io.StringIO())
    assert _counts() == before


@pytest.mark.django_db
def test_demo_group_has_the_promised_size():
    today_people = list(PersonPage.objects.live())
    assert len(today_people) >= 12
    assert sum(p.is_alumnus() for p in today_people) >= 3
    assert PublicationPage.objects.live().count() >= 30
    assert PublicationPage.objects.values("status").distinct().count() == 4
    assert PublicationPage.objects.aggregate(n=models.Count("year", distinct=True))["n"] >= 5
    openings = list(OpeningPage.objects.live())
    assert len(openings) >= 3
    assert sum(not o.is_open() for o in openings) == 1


@pytest.mark.django_db
def test_demo_keeps_an_editors_change():
    about = Page.objects.get(slug="about").specific
    about.title = "About us, edited"
    about.save_revision().publish()
    call_command("load_demo", no_admin=True, verbosity=0, stdout=io.StringIO())
    assert Page.objects.get(slug="about").title == "About us, edited"
