"""Fixtures shared by the core's tests."""

import pytest
from django.core.cache import cache

from tests.factories import StandardPageFactory
from tests.support.groups import two_groups  # noqa: F401  (a fixture, found by name)


@pytest.fixture
def page_cache(settings, tmp_path):
    """Pages stored (the test settings store none), with a generation stamp of the test's own."""
    settings.PAGE_CACHE_STORE = True
    settings.PAGE_CACHE_STAMP_FILE = tmp_path / "generation"
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def page(tree):
    page = StandardPageFactory(parent=tree.home, title="Visiting us", slug="visiting-us")
    page.save_revision().publish()
    return page
