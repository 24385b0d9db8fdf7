"""Upgrading without forks: a database made by the first commit of the release series (its own
code migrates it and loads the demo group) is migrated by this code, and every live page still
renders. Runs on SQLite and, in CI's second pass, on PostgreSQL."""

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from labsite.release import SERIES_BASE
from tests.support import databases

ROOT = Path(__file__).resolve().parents[1]

RENDER = """
import django, json
django.setup()
from django.test import Client
from django.test.utils import setup_test_environment
from wagtail.models import Page
setup_test_environment()
client = Client()
bad, counted = [], {}
for page in Page.objects.live().filter(depth__gt=1).specific():
    counted[type(page).__name__] = counted.get(type(page).__name__, 0) + 1
    status = client.get(page.url).status_code if page.url else 200
    if status not in (200, 301, 302):
        bad.append((page.url, status))
print(json.dumps({"bad": bad, "counted": counted}))
"""

COUNT = """
import django, json
django.setup()
from wagtail.models import Page
from django.db.models import Count
print(json.dumps({row["content_type__model"]: row["n"] for row in Page.objects.live().values("content_type__model").annotate(n=Count("pk"))}))
"""


def _run(args, cwd, env, timeout=600):
    result = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert result.returncode == 0, (
        f"{' '.join(map(str, args))} failed:\n{result.stdout[-2000:]}\n{result.stderr[-4000:]}"
    )
    return result.stdout


@pytest.fixture
def scratch_database(tmp_path):
    with databases.scratch_database("upgrade", tmp_path) as url:
        yield url


def test_a_database_from_the_start_of_the_series_upgrades_and_every_page_renders(
    scratch_database, tmp_path
):
    if not (ROOT / ".git").exists():
        pytest.fail("the upgrade test needs the repository's history (a git clone, not an export)")
    old = tmp_path / "series-base"
    _run(["git", "worktree", "add", "--detach", str(old), SERIES_BASE], ROOT, os.environ.copy())
    try:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "labsite.settings.test",
            "DATABASE_URL": scratch_database,
            "PYTHONPATH": str(old),
        }
        started = time.perf_counter()
        _run([sys.executable, "manage.py", "migrate", "--no-input", "-v", "0"], old, env)
        _run([sys.executable, "manage.py", "load_demo", "--no-admin", "-v", "0"], old, env)
        before = _run([sys.executable, "-c", COUNT], old, env)
        built = time.perf_counter() - started

        env["PYTHONPATH"] = str(ROOT)
        started = time.perf_counter()
        plan = _run([sys.executable, "manage.py", "migrate", "--plan"], ROOT, env)
        _run([sys.executable, "manage.py", "migrate", "--no-input", "-v", "0"], ROOT, env)
        migrated = time.perf_counter() - started
        after = _run([sys.executable, "-c", COUNT], ROOT, env)
        rendered = _run([sys.executable, "-c", RENDER], ROOT, env)
    finally:
        subprocess.run(
            ["git", "worktree", "remove", "--force", str(old)], cwd=ROOT, capture_output=True
        )

    import json

    applied = [line for line in plan.splitlines() if re.match(r"^\w+\.\d{4}_", line)]
    print(
        f"\nupgrade from {SERIES_BASE[:7]}: {len(applied)} migrations in {migrated:.1f} s "
        f"(base database built in {built:.1f} s)"
    )
    assert applied, "the series base should be behind this code by some migrations"
    print("  " + ", ".join(applied))
    assert json.loads(after) == json.loads(before), "pages were lost or added by the upgrade"
    result = json.loads(rendered)
    assert not result["bad"], result["bad"]
    assert sum(result["counted"].values()) >= 50
