import io
import os
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.support.database import check_session_database


def pytest_sessionstart(session):
    # Here, not in the header hook: that one is skipped under -q.
    session.config._labsite_database = check_session_database(session.config)


def pytest_report_header(config):
    return f"database: {getattr(config, '_labsite_database', 'not checked yet')}"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the demo group once into the test database; each test rolls back its own changes."""
    with django_db_blocker.unblock():
        call_command("load_demo", no_admin=True, one_group=True, verbosity=0, stdout=io.StringIO())
        # Browser tests run against a live server and flush the database afterwards; with
        # serialized_rollback they get this state (demo included) back before they start.
        from django.db import connections

        for connection in connections.all():
            connection._test_serialized_contents = connection.creation.serialize_db_to_string()


@pytest.fixture(autouse=True)
def _fresh_memo():
    """A rolled-back test's changes send no signal: forget what was derived from them."""
    from django.core.cache import caches

    from labsite.pagecache import memo
    from labsite.renditions import pictures

    memo.forget_everything()
    pictures.forget_everything()
    caches["template_fragments"].clear()


@pytest.fixture
def purged_proxy(settings):
    """As if a reverse proxy in front were purged on changes: pages then say how long it may
    keep them (s-maxage). Nothing listens at the address; tests that purge stub it."""
    settings.WAGTAILFRONTENDCACHE = {
        "proxy": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": "http://127.0.0.1:9",
        }
    }
    return settings.WAGTAILFRONTENDCACHE


@pytest.fixture
def database_tasks(settings, monkeypatch):
    """Production's task backend: tasks wait in the database for a worker.

    The worker runs here inside the test's transaction. A real worker is its own process and
    closes its stale connections between tasks; here that would close the test's connection
    and its transaction with it (PostgreSQL really closes it, SQLite's in-memory database
    ignores it), so the worker keeps the connection it is given. On SQLite, django-tasks-db
    0.12 (the Django 6 line's) opens its own "BEGIN EXCLUSIVE" unless the connection's
    transactions already are exclusive; inside a test's transaction that cannot start, so the
    connection says they are (production's worker runs outside any transaction).
    """
    from django.db import connection

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )
    if connection.vendor != "sqlite":
        yield
        return
    connection.get_connection_params()  # sets transaction_mode from the settings
    before = connection.transaction_mode
    connection.transaction_mode = "EXCLUSIVE"
    try:
        yield
    finally:
        connection.transaction_mode = before


@pytest.fixture
def admin_client_logged_in(client, django_user_model):
    user = django_user_model.objects.create_superuser("boss", "boss@example.org", "pw")
    client.force_login(user)
    return client


def _on_postgresql() -> bool:
    from django.db import connection

    return connection.vendor == "postgresql"


def pytest_collection_modifyitems(config, items):
    """PostgreSQL-only tests skip elsewhere (CI runs them in its PostgreSQL pass, and fails when a
    test skipped in both passes).

    Browser tests need a session of their own (`make test` runs `pytest tests/browser` after
    the rest): their live server flushes the database, and after non-browser tests in the same
    session the demo group is not reliably restored. Mixed runs leave them out, and say so."""
    if not _on_postgresql():
        needs_postgres = pytest.mark.skip(
            reason="needs PostgreSQL: set DATABASE_URL=postgres://..."
        )
        for item in items:
            if item.get_closest_marker("postgres"):
                item.add_marker(needs_postgres)
    browser_tests = [item for item in items if "tests/browser/" in str(item.fspath)]
    for item in browser_tests:
        item.add_marker("browser")
    if browser_tests and len(browser_tests) < len(items):
        items[:] = [item for item in items if item not in browser_tests]
        config.hook.pytest_deselected(items=browser_tests)
        config._labsite_browser_deselected = len(browser_tests)


def pytest_runtest_logreport(report):
    """Remember skipped tests for .ci/run, which fails on any test skipped on both databases."""
    if report.skipped and report.when in ("setup", "call"):
        _skipped.add(report.nodeid)


_skipped: set[str] = set()


def pytest_sessionfinish(session, exitstatus):
    target = os.environ.get("LABSITE_SKIPPED_REPORT")
    if target and _skipped:
        with Path(target).open("a", encoding="utf-8") as out:
            out.writelines(f"{nodeid}\n" for nodeid in sorted(_skipped))


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    database = getattr(config, "_labsite_database", "")
    if database:
        terminalreporter.write_line(f"ran on {database}")
    count = getattr(config, "_labsite_browser_deselected", 0)
    if count:
        terminalreporter.write_line(
            f"{count} browser test(s) left out of this mixed run; run them with: pytest tests/browser (make test does both)"
        )


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counters, cached fragments and renditions must not leak from one test into
    the next (image ids repeat between tests)."""
    from django.core.cache import caches

    for alias in ("default", "renditions"):
        caches[alias].clear()
    yield


@pytest.fixture(autouse=True)
def _private_files(settings, tmp_path):
    """Each test gets its own private-file folder, so CVs from one test never meet another,
    and its own content-generation stamp: commands a test starts in other processes (which
    read the same test settings) cannot make its kept values stale halfway."""
    settings.PAGE_CACHE_STAMP_FILE = tmp_path / "pagecache-generation"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "private", "base_url": None},
        },
    }


class SiteTree:
    """The test site's home and index pages, found by type, so factories can place pages under
    them (``PersonPageFactory(parent=tree.people)``) without naming any demo page.

    Models are imported inside the methods: pytest imports this file before Django is set up."""

    def __init__(self):
        from wagtail.models import Site

        self.home = Site.objects.get(is_default_site=True).root_page.specific

    def _index(self, model):
        return model.objects.child_of(self.home).first()

    @property
    def people(self):
        from people.models import PeopleIndexPage

        return self._index(PeopleIndexPage)

    @property
    def publications(self):
        from research.models import PublicationIndexPage

        return self._index(PublicationIndexPage)

    @property
    def openings(self):
        from people.models import OpeningIndexPage

        return self._index(OpeningIndexPage)

    @property
    def research(self):
        from research.models import ResearchIndexPage

        return self._index(ResearchIndexPage)

    @property
    def engagement(self):
        from research.models import EngagementIndexPage

        return self._index(EngagementIndexPage)

    @property
    def projects(self):
        from research.models import ProjectIndexPage

        return self._index(ProjectIndexPage)

    @property
    def paper_feed(self):
        from research.models import PaperFeedPage

        return self._index(PaperFeedPage)

    @property
    def news(self):
        from labsite.models import NewsIndexPage

        return self._index(NewsIndexPage)


@pytest.fixture
def tree(db):
    return SiteTree()
