"""Which database the session really runs on, checked before any test runs.

CI's second pass once ran on SQLite while believing it ran on PostgreSQL (the caller's
settings module won over DATABASE_URL). These checks make that impossible to miss: the
header names the vendor and version, and a DATABASE_URL that is not PostgreSQL stops the run.
"""

import os
import sqlite3

import pytest


def describe(connection) -> tuple[str, str]:
    """(vendor, server version) of a live connection to the server the tests will use."""
    if connection.vendor == "postgresql":
        # The database named in DATABASE_URL need not exist (the tests make their own test_
        # one); the server's maintenance database answers just as well.
        with connection._nodb_cursor() as cursor:
            cursor.execute("SHOW server_version")
            version = cursor.fetchone()[0]
    elif connection.vendor == "sqlite":
        connection.ensure_connection()
        version = sqlite3.sqlite_version
    else:
        version = "unknown version"
    return connection.vendor, version


def check_session_database(config) -> str:
    """The header line; stops the session when DATABASE_URL promised PostgreSQL and did not deliver."""
    from django.conf import settings
    from django.db import connection
    from pytest_django.plugin import blocking_manager_key

    with config.stash[blocking_manager_key].unblock():
        try:
            vendor, version = describe(connection)
        except Exception as error:  # an unreachable server must say so, not fail 900 tests
            pytest.exit(f"Cannot connect to the test database: {error}", returncode=3)
        finally:
            connection.close()
    url = os.environ.get("DATABASE_URL", "").strip()
    if url and not url.startswith("sqlite") and vendor != "postgresql":
        pytest.exit(
            f"DATABASE_URL is set but the tests would run on {vendor} "
            f"(settings: {settings.SETTINGS_MODULE}). Run them with --ds=labsite.settings.test.",
            returncode=3,
        )
    import platform

    import django
    import wagtail

    return (
        f"{vendor} {version} (settings: {settings.SETTINGS_MODULE}; Django {django.__version__}, "
        f"Wagtail {wagtail.__version__}, Python {platform.python_version()})"
    )
