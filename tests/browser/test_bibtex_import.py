"""An editor pastes BibTeX in the admin, previews it, and imports the ticked entries."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from research.models import PublicationPage

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
BIB = (Path(__file__).resolve().parents[1] / "data" / "bibtex" / "readme-citations.bib").read_text(
    encoding="utf-8"
)


def test_paste_preview_untick_and_import(page, live_server, django_user_model):
    django_user_model.objects.create_superuser("chief", "chief@example.org", "chief-pass-123")
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "chief")
    page.fill("#id_password", "chief-pass-123")
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")

    page.get_by_role("link", name="Import BibTeX").click()
    page.fill("#id_text", BIB)
    page.get_by_role("button", name="Preview").click()
    expect(page.get_by_text("6 new, 0 already on the site, 0 with errors")).to_be_visible()
    page.get_by_label("Import hollmann2025tabpfn").uncheck()
    page.get_by_role("button", name="Import ticked entries").click()
    expect(page.get_by_text("Imported 5 publications")).to_be_visible()

    assert PublicationPage.objects.filter(bibtex_key="knuth84", live=True).exists()
    assert not PublicationPage.objects.filter(bibtex_key="hollmann2025tabpfn").exists()
    page.goto(f"{live_server.url}/publications/literate-programming/")
    assert "Knuth, D. E., Müller, J., &amp; Google Research. (1984)." in page.content()
