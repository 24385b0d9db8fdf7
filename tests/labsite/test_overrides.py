"""A group changes its look without forking: a template in the overrides folder replaces
labsite's own of the same path; nothing else changes."""

import pytest
from django.conf import settings
from django.test import override_settings

pytestmark = pytest.mark.django_db


def test_a_template_in_the_overrides_folder_is_used_first(client, tree, tmp_path):
    folder = tmp_path / "templates" / "components"
    folder.mkdir(parents=True)
    (folder / "site_footer.html").write_text(
        '<footer class="ours">Our own footer, kept across upgrades</footer>'
    )
    templates = [
        {
            **settings.TEMPLATES[0],
            "DIRS": [tmp_path / "templates", *settings.TEMPLATES[0]["DIRS"][1:]],
        }
    ]
    with override_settings(TEMPLATES=templates):
        page = client.get("/").content.decode()
    assert "Our own footer, kept across upgrades" in page
    assert "Our own footer" not in client.get("/").content.decode()


def test_the_overrides_folder_comes_before_labsites_templates():
    dirs = settings.TEMPLATES[0]["DIRS"]
    assert (
        dirs[0] == settings.OVERRIDES_DIR / "templates"
        and dirs[1] == settings.BASE_DIR / "templates"
    )
