"""Upgrading without forks, as a deployer does it.

- The previous release (the first commit of the series, ``labsite.release.SERIES_BASE``) is
  installed from its own lock file into its own virtualenv, builds its database and loads its
  demo with its own code; this code on this lock migrates it; the live pages are the same in
  number and type, and every one renders. Runs on Django 5.2 (the release's own line).
- A database made on Django 5.2 (this code, ``.venv``) is switched to Django 6.1 (this code on
  the 6.1 lock, the interpreter running the test): migrate, and every live page renders.
  Runs on Django 6.1 (make test DJANGO=6.1 after make install-dev).

Both start processes of their own on a database of their own (marker ``processes``): CI runs
that marker once per database, on one Django line each, so the release upgrade runs on
PostgreSQL and the switch of Django lines on SQLite (each ~80 s a cell; .ci/run says where).
"""

import fcntl
import hashlib
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import django
import pytest

from labsite.release import SERIES_BASE
from tests.support import databases

ROOT = Path(__file__).resolve().parents[1]
#: Virtualenvs of earlier releases, kept between runs (keyed by their lock file's contents),
#: outside the checkout so no tool that walks the code walks them.
RELEASE_VENVS = (
    Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "labsite" / "upgrade-venvs"
)

RENDER = """
import django, json
django.setup()
from django.test import Client
from django.test.utils import setup_test_environment
from wagtail.models import Page
setup_test_environment()
client = Client()
bad, counted = [], {}
from urllib.parse import urlsplit
for page in Page.objects.live().filter(depth__gt=1).specific():
    counted[type(page).__name__] = counted.get(type(page).__name__, 0) + 1
    # Each group's pages by its own host name, as a visitor asks for them.
    address = urlsplit(page.full_url or "")
    status = client.get(address.path, HTTP_HOST=address.netloc).status_code if page.url else 200
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

VERSIONS = "import django, sys; print(django.__version__, sys.version.split()[0])"


def _run(args, cwd, env, timeout=900):
    result = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert result.returncode == 0, (
        f"{' '.join(map(str, args))} failed:\n{result.stdout[-2000:]}\n{result.stderr[-4000:]}"
    )
    return result.stdout


def _python_311() -> str:
    found = subprocess.run(
        [str(ROOT / "tools" / "find-python"), "3.11"], capture_output=True, text=True
    )
    if found.returncode:
        pytest.fail(found.stderr.strip())
    return found.stdout.strip()


def _release_venv(lock: Path) -> Path:
    """A virtualenv with exactly ``lock`` installed, made once and kept (a lock file guards
    against two test sessions making it at once)."""
    digest = hashlib.sha256(lock.read_bytes()).hexdigest()[:16]
    venv = RELEASE_VENVS / digest
    RELEASE_VENVS.mkdir(parents=True, exist_ok=True)
    with open(RELEASE_VENVS / f"{digest}.lock", "w") as guard:
        fcntl.flock(guard, fcntl.LOCK_EX)
        if not (venv / ".installed").exists():
            _run([_python_311(), "-m", "venv", "--clear", str(venv)], ROOT, os.environ.copy())
            _run(
                [str(venv / "bin" / "python"), "-m", "pip", "install", "-q", "-r", str(lock)],
                ROOT,
                os.environ.copy(),
                timeout=1200,
            )
            (venv / ".installed").touch()
    return venv / "bin" / "python"


@pytest.fixture
def scratch_database(tmp_path):
    with databases.scratch_database("upgrade", tmp_path) as url:
        yield url


def _settled_env(url: str, code: Path) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "labsite.settings.test",
        "DATABASE_URL": url,
        "PYTHONPATH": str(code),
    }


def _migrate_and_render(python: str, env: dict, before: str) -> tuple[list[str], float]:
    started = time.perf_counter()
    plan = _run([python, "manage.py", "migrate", "--plan"], ROOT, env)
    _run([python, "manage.py", "migrate", "--no-input", "-v", "0"], ROOT, env)
    migrated = time.perf_counter() - started
    after = _run([python, "-c", COUNT], ROOT, env)
    rendered = json.loads(_run([python, "-c", RENDER], ROOT, env))
    assert json.loads(after) == json.loads(before), "pages were lost or added by the upgrade"
    assert not rendered["bad"], rendered["bad"]
    assert sum(rendered["counted"].values()) >= 50
    applied = [line for line in plan.splitlines() if re.match(r"^\s*\w+\.\d{4}_", line)]
    return applied, migrated


@pytest.mark.processes
@pytest.mark.timeout(2700)  # installs the previous release from its lock (pip: up to 20 min)
@pytest.mark.skipif(
    django.VERSION[:2] != (5, 2), reason="runs in the Django 5.2 cells (the release's own line)"
)
def test_the_previous_release_installed_from_its_lock_upgrades_and_every_page_renders(
    scratch_database, tmp_path
):
    if not (ROOT / ".git").exists():
        pytest.fail("the upgrade test needs the repository's history (a git clone, not an export)")
    old = tmp_path / "series-base"
    _run(["git", "worktree", "add", "--detach", str(old), SERIES_BASE], ROOT, os.environ.copy())
    try:
        started = time.perf_counter()
        old_python = str(_release_venv(old / "requirements" / "run.lock"))
        installed = time.perf_counter() - started
        env = _settled_env(scratch_database, old)
        old_versions = _run([old_python, "-c", VERSIONS], old, env)
        started = time.perf_counter()
        _run([old_python, "manage.py", "migrate", "--no-input", "-v", "0"], old, env)
        _run([old_python, "manage.py", "load_demo", "--no-admin", "-v", "0"], old, env)
        before = _run([old_python, "-c", COUNT], old, env)
        built = time.perf_counter() - started
        applied, migrated = _migrate_and_render(
            sys.executable, _settled_env(scratch_database, ROOT), before
        )
    finally:
        subprocess.run(
            ["git", "worktree", "remove", "--force", str(old)], cwd=ROOT, capture_output=True
        )
    print(
        f"\nupgrade from {SERIES_BASE[:7]} (its own install: Django/Python {old_versions.strip()}, "
        f"{installed:.0f} s): {len(applied)} migrations in {migrated:.1f} s "
        f"(its database and demo built in {built:.1f} s)"
    )
    assert applied, "the series base should be behind this code by some migrations"


@pytest.mark.processes
@pytest.mark.skipif(
    django.VERSION[:2] == (5, 2), reason="runs in the Django 6.1 cells (the line switched to)"
)
def test_a_django_5_2_database_switches_to_6_1_and_every_page_renders(scratch_database):
    python_52 = ROOT / ".venv" / "bin" / "python"
    if not python_52.exists():
        pytest.fail("the Django 5.2 virtualenv is missing: run `make install-dev` first")
    env = _settled_env(scratch_database, ROOT)
    assert _run([str(python_52), "-c", VERSIONS], ROOT, env).startswith("5.2.")
    _run([str(python_52), "manage.py", "migrate", "--no-input", "-v", "0"], ROOT, env)
    _run([str(python_52), "manage.py", "load_demo", "--no-admin", "-v", "0"], ROOT, env)
    before = _run([str(python_52), "-c", COUNT], ROOT, env)
    applied, migrated = _migrate_and_render(sys.executable, env, before)
    print(f"\nDjango 5.2 -> {django.get_version()}: {len(applied)} migrations in {migrated:.1f} s")
