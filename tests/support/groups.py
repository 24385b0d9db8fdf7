"""Two research groups on one install (the fixture, registered by tests/labsite/conftest.py),
and an editor of one of them."""

import pytest
from django.contrib.auth import get_user_model

from labsite.groups.services import create_group


@pytest.fixture
def two_groups(tree, settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "ocean.localhost", "glacier.localhost"]
    ocean = create_group("Ocean Lab", "ocean.localhost")
    glacier = create_group("Glacier Lab", "glacier.localhost")
    return ocean, glacier


def group_editor(group, name):
    """A user in the group's editors' group (made by create_group)."""
    user = get_user_model().objects.create_user(name, f"{name}@example.org", "pw-12345678")
    user.groups.add(group.editors)
    return user
