"""An administrator moves a Hugo Blox site in through the admin, as a browser does: upload the
zip, read the preview, import, and find the old addresses leading to the new pages."""

import zipfile
from pathlib import Path

import pytest
from playwright.sync_api import expect

from people.models import PersonPage

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
SITE = Path(__file__).resolve().parents[1] / "data" / "sites" / "hugoblox"


def test_an_administrator_previews_and_imports_a_website(
    page, live_server, django_user_model, tmp_path
):
    django_user_model.objects.create_superuser("boss", "boss@example.org", "boss-pass-123")
    archive = tmp_path / "theme-research-group-main.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        for path in SITE.rglob("*"):
            if path.is_file():
                bundle.write(path, f"theme-research-group-main/{path.relative_to(SITE).as_posix()}")

    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "boss")
    page.fill("#id_password", "boss-pass-123")
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    page.goto(f"{live_server.url}/admin/import-site/")
    page.set_input_files("#id_archive", str(archive))
    page.get_by_role("button", name="Show what would be imported").click()
    # This fixture is the theme itself: its people are the theme's examples, left out and
    # listed unless the administrator says the site really shows them as its own.
    expect(page.get_by_text("'Nelson Bighetti' is the theme's example person")).to_be_visible()
    page.get_by_role("link", name="Choose another zip").click()
    page.set_input_files("#id_archive", str(archive))
    page.get_by_label("Also import the theme's example content").check()
    page.get_by_role("button", name="Show what would be imported").click()
    expect(page.get_by_text("Hugo Blox research group (Hugo)")).to_be_visible()
    expect(
        page.get_by_text("Nelson Bighetti — Professor of Artificial Intelligence")
    ).to_be_visible()
    expect(page.get_by_role("heading", name="Left out, and why")).to_be_visible()
    assert not PersonPage.objects.filter(slug="nelson-bighetti").exists()

    page.get_by_role("button", name="Import all of this").click()
    expect(page.get_by_text("Imported in")).to_be_visible()
    person = PersonPage.objects.get(slug="nelson-bighetti")
    assert person.live and person.photo is not None

    page.goto(f"{live_server.url}/author/admin/")
    assert page.url.endswith(person.url)
    expect(page.get_by_role("heading", name="Nelson Bighetti", level=1)).to_be_visible()
