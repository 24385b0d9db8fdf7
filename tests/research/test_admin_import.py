"""The admin's import flows, through the test client as an editor uses them."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from research.models import PublicationPage
from tests.research.conftest import recording

pytestmark = pytest.mark.django_db


def test_upload_preview_choose_and_import(admin_client_logged_in, bib):
    url = reverse("research_import_bibtex")
    assert admin_client_logged_in.get(url).status_code == 200
    upload = SimpleUploadedFile(
        "refs.bib", bib("readme-citations.bib").encode(), content_type="text/x-bibtex"
    )
    preview = admin_client_logged_in.post(url, {"file": upload, "text": "", "status": ""})
    html = preview.content.decode()
    assert "6 new, 0 already on the site, 0 with errors" in html
    assert 'value="26:knuth84"' in html
    bibtex_text = preview.context["bibtex"]
    response = admin_client_logged_in.post(
        url,
        {
            "action": "import",
            "bibtex": bibtex_text,
            "status": "",
            "entry": ["26:knuth84", "49:VonNeumann1966"],
        },
    )
    assert "Imported 2 publications" in response.content.decode()
    assert PublicationPage.objects.filter(bibtex_key__in=["knuth84", "VonNeumann1966"]).count() == 2
    assert not PublicationPage.objects.filter(bibtex_key="hollmann2025tabpfn").exists()


def test_preview_shows_errors_with_line_numbers(admin_client_logged_in):
    text = "@article{good, author={A, B}, title={Fine}, year={2020}}\n@article{bad, author={A, B}, title={No year}}\n"
    html = admin_client_logged_in.post(
        reverse("research_import_bibtex"), {"text": text}
    ).content.decode()
    assert "1 new, 0 already on the site, 1 with errors" in html
    assert "no four-digit year" in html


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"text": ""}, "Choose a .bib file or paste some BibTeX."),
        ({"text": "no entries here"}, "No BibTeX entries were found"),
    ],
)
def test_bad_input_is_explained_and_nothing_is_lost(admin_client_logged_in, data, message):
    html = admin_client_logged_in.post(reverse("research_import_bibtex"), data).content.decode()
    assert message in html


def test_non_utf8_upload_is_read_as_windows_text(admin_client_logged_in):
    upload = SimpleUploadedFile(
        "latin.bib",
        "@article{m, author={M\xfcller, J}, title={T\xe9st}, year={2020}}".encode("cp1252"),
    )
    html = admin_client_logged_in.post(
        reverse("research_import_bibtex"), {"file": upload}
    ).content.decode()
    assert "Téstm" not in html and "Tést" in html


def record_water_paper(recorded):
    """doi.org's answer for Frank's 1970 paper, as recorded."""
    recorded["https://doi.org/10.1126/science.169.3946.635"] = (
        200,
        "application/vnd.citationstyles.csl+json",
        recording("crossref/doi-10.1126_science.169.3946.635.csl.json"),
    )


def test_add_by_doi_fetches_confirms_and_creates(admin_client_logged_in, recorded):
    record_water_paper(recorded)
    url = reverse("research_add_by_identifier")
    confirm = admin_client_logged_in.post(url, {"identifier": "doi:10.1126/science.169.3946.635"})
    html = confirm.content.decode()
    assert "The Structure of Ordinary Water" in html and "Henry S. Frank" in html
    response = admin_client_logged_in.post(
        url, {"action": "create", "draft": confirm.context["token"], "status": ""}
    )
    page = PublicationPage.objects.get(doi="10.1126/science.169.3946.635")
    assert response.status_code == 302 and response["Location"] == reverse(
        "wagtailadmin_pages:edit", args=[page.pk]
    )
    assert page.live and page.citation_text


def test_add_by_identifier_with_a_tampered_token_is_refused(admin_client_logged_in):
    url = reverse("research_add_by_identifier")
    response = admin_client_logged_in.post(
        url, {"action": "create", "draft": "forged"}, follow=True
    )
    assert "expired or was changed" in response.content.decode()


def test_add_by_identifier_error_is_shown_in_the_form(admin_client_logged_in, recorded):
    recorded["https://doi.org/10.1126/foo"] = (
        404,
        "text/html",
        recording("crossref/doi-10.1126_foo.404.html"),
    )
    html = admin_client_logged_in.post(
        reverse("research_add_by_identifier"), {"identifier": "10.1126/foo"}
    ).content.decode()
    assert "No publication is registered under the DOI 10.1126/foo" in html


def test_accounts_without_a_profile_cannot_import(client, django_user_model):
    from django.contrib.auth.models import Group

    member = django_user_model.objects.create_user("m", "m@example.org", "pw")
    member.groups.add(Group.objects.get(name="Members"))
    client.force_login(member)
    response = client.get(reverse("research_import_bibtex"))
    assert response.status_code in (302, 403)


def test_an_editor_can_import_bibtex_as_drafts_to_publish_after_checking(
    admin_client_logged_in, bib, client
):
    """Issue 40, finding 6: the import published everything at once."""
    url = reverse("research_import_bibtex")
    upload = SimpleUploadedFile("refs.bib", bib("readme-citations.bib").encode())
    preview = admin_client_logged_in.post(url, {"file": upload, "as_drafts": "on"})
    assert 'name="as_drafts" value="1"' in preview.content.decode()
    response = admin_client_logged_in.post(
        url,
        {
            "action": "import",
            "bibtex": preview.context["bibtex"],
            "as_drafts": "1",
            "entry": ["26:knuth84"],
        },
    )
    assert "saved as drafts: nothing is on the site yet" in response.content.decode()
    page = PublicationPage.objects.get(bibtex_key="knuth84")
    assert not page.live and page.live_revision_id is None
    assert client.get(page.url or f"/publications/{page.slug}/").status_code == 404
    edit = admin_client_logged_in.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert edit.status_code == 200


def test_add_by_doi_can_save_a_draft(admin_client_logged_in, recorded):
    record_water_paper(recorded)
    url = reverse("research_add_by_identifier")
    confirm = admin_client_logged_in.post(url, {"identifier": "10.1126/science.169.3946.635"})
    assert 'name="as_drafts"' in confirm.content.decode()
    response = admin_client_logged_in.post(
        url,
        {"action": "create", "draft": confirm.context["token"], "as_drafts": "1"},
        follow=True,
    )
    page = PublicationPage.objects.get(doi="10.1126/science.169.3946.635")
    assert not page.live
    assert "was saved as a draft" in response.content.decode()
