"""Findings 1 and 11 of the production-truth issue: the test session ran on the caller's
settings (so CI's PostgreSQL pass was SQLite), and imported packages were undeclared and
unpinned."""

import ast
import importlib.metadata
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
APPS = ("labsite", "people", "research")


def _requirement_name(line: str) -> str:
    return re.split(r"[<>=!~;\[ ]", line.strip(), maxsplit=1)[0].lower().replace("_", "-")


def test_make_test_forces_the_test_settings_whatever_the_caller_exported():
    # Not the variables of the make that runs this suite (CI's PostgreSQL cells pass
    # BROWSER_TESTS=0, which MAKEFLAGS would hand down to this make).
    inherited = ("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "BROWSER_TESTS")
    env = {k: v for k, v in os.environ.items() if k not in inherited}
    env["DJANGO_SETTINGS_MODULE"] = "labsite.settings.dev"
    dry = subprocess.run(
        ["make", "-n", "test"], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    ).stdout
    pytest_lines = [line for line in dry.splitlines() if "-m pytest" in line]
    assert len(pytest_lines) == 2
    assert all("--ds=labsite.settings.test" in line for line in pytest_lines)
    without_browser = subprocess.run(
        ["make", "-n", "test", "BROWSER_TESTS=0"],
        cwd=ROOT, env=env, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert [line for line in without_browser.splitlines() if "-m pytest" in line] == [
        pytest_lines[0]
    ]


def test_a_database_url_that_does_not_lead_to_postgresql_stops_the_session(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "labsite.settings.dev",  # ignores DATABASE_URL
        "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/nowhere",
    }
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "--co", "-q", "tests/test_project_truth.py"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert run.returncode == 3, run.stdout + run.stderr
    assert "DATABASE_URL is set but the tests would run on sqlite" in run.stdout + run.stderr


def _imported_distributions() -> set[str]:
    owners = importlib.metadata.packages_distributions()
    found = set()
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Import):
                    modules = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    modules = [node.module]
                else:
                    continue
                for module in modules:
                    top = module.split(".")[0]
                    if top in APPS or top in sys.stdlib_module_names:
                        continue
                    for distribution in owners.get(top, [top]):
                        found.add(distribution.lower().replace("_", "-"))
    return found


def test_every_package_the_site_imports_is_declared():
    declared = {
        _requirement_name(line)
        for line in tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    }
    undeclared = _imported_distributions() - declared
    assert not undeclared, f"imported but not in pyproject.toml's dependencies: {undeclared}"


def test_the_lock_files_pin_every_declared_dependency():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    pairs = []
    for line_folder, python in (("django-5.2", (3, 11)), ("django-6.1", (3, 12))):
        pairs += [
            (f"requirements/{line_folder}/run.lock", project["dependencies"], python),
            (
                f"requirements/{line_folder}/dev.lock",
                project["dependencies"] + project["optional-dependencies"]["dev"],
                python,
            ),
        ]
    for lock, names, python in pairs:
        pinned = {}
        for line in (ROOT / lock).read_text().splitlines():
            if line.strip() and not line.startswith(("#", " ")):
                name, _, version = line.split("#")[0].strip().partition("==")
                assert version, f"{lock}: {line!r} is not pinned with =="
                pinned[name.lower().replace("_", "-")] = version
        django_line = lock.split("/")[1].removeprefix("django-")
        assert pinned["django"].startswith(f"{django_line}."), (
            f"{lock} pins django {pinned['django']}"
        )
        for requirement in names:
            if "python_version >= '3.12'" in requirement and python < (3, 12):
                continue
            if "python_version < '3.12'" in requirement and python >= (3, 12):
                continue
            assert _requirement_name(requirement) in pinned, f"{lock} lacks {requirement}"
