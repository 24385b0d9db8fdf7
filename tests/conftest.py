import io

import pytest
from django.core.management import call_command


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the demo group once into the test database; each test rolls back its own changes."""
    with django_db_blocker.unblock():
        call_command("load_demo", no_admin=True, verbosity=0, stdout=io.StringIO())
        # Browser tests run against a live server and flush the database afterwards; with
        # serialized_rollback they get this state (demo included) back before they start.
        from django.db import connections

        for connection in connections.all():
            connection._test_serialized_contents = connection.creation.serialize_db_to_string()


@pytest.fixture
def admin_client_logged_in(client, django_user_model):
    user = django_user_model.objects.create_superuser("boss", "boss@example.org", "pw")
    client.force_login(user)
    return client


def pytest_collection_modifyitems(config, items):
    """Run browser tests last: their live server flushes the database (and the demo) when done."""
    browser_tests = [item for item in items if "tests/browser/" in str(item.fspath)]
    for item in browser_tests:
        item.add_marker("browser")
    items[:] = [item for item in items if item not in browser_tests] + browser_tests
