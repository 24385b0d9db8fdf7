"""Fixtures shared by the core's tests."""

from tests.support.groups import two_groups  # noqa: F401  (a fixture, found by name)
