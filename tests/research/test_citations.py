"""Formatted citations are rendered at save time in the site's style and stored."""

import pytest

from research.models import PublicationPage, PublicationSettings
from research.publications import citations
from research.publications.services import import_bibtex

pytestmark = pytest.mark.django_db

KNUTH = {
    "apa": "Knuth, D. E., Müller, J., & Google Research. (1984). Literate Programming. The Computer Journal, 27(2), 97–111. https://doi.org/10.1093/comjnl/27.2.97",
    "ieee": "D. E. Knuth, J. Müller, and Google Research, “Literate Programming”, The Computer Journal, vol. 27, no. 2, pp. 97–111, 1984, doi: 10.1093/comjnl/27.2.97.",
    "chicago-author-date": "Knuth, D. E., J. Müller, and Google Research. 1984. “Literate Programming”. The Computer Journal 27 (2): 97–111. https://doi.org/10.1093/comjnl/27.2.97.",
    "vancouver": "Knuth DE, Müller J, Google Research. Literate Programming. The Computer Journal 1984;27:97–111. https://doi.org/10.1093/comjnl/27.2.97.",
}


@pytest.fixture
def knuth(bib):
    from research.models import PublicationIndexPage

    import_bibtex(bib("readme-citations.bib"), PublicationIndexPage.objects.get())
    return PublicationPage.objects.get(bibtex_key="knuth84")


@pytest.mark.parametrize("style", list(KNUTH))
def test_citation_text_per_style(knuth, style):
    html, text = citations.render(knuth.csl_json, style)
    assert text == KNUTH[style]
    if style != "vancouver":  # Vancouver sets journal names in roman
        assert "<i>The Computer Journal</i>" in html


def test_changing_the_site_style_reformats_stored_citations(knuth, client):
    settings = PublicationSettings.objects.get_or_create(site_id=knuth.get_site().pk)[0]
    settings.citation_style = "ieee"
    settings.save()
    knuth.refresh_from_db()
    assert knuth.citation_style == "ieee"
    assert knuth.citation_text == KNUTH["ieee"]
    assert KNUTH["ieee"].split(",")[0] in client.get(knuth.url).content.decode()


def test_saving_a_publication_renders_its_citation(knuth):
    knuth.title = "Literate Programming, revisited"
    knuth.save_revision().publish()
    knuth.refresh_from_db()
    assert "Literate Programming, revisited" in knuth.citation_text


def test_citation_html_escapes_markup_in_titles(knuth, client):
    knuth.title = "Tags like <script>alert(1)</script> & more"
    knuth.save_revision().publish()
    html = client.get(knuth.url).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


def test_page_render_does_not_format_citations(knuth, client, monkeypatch):
    def forbidden(*args, **kwargs):
        raise AssertionError("citations must not be rendered per request")

    monkeypatch.setattr(citations, "render", forbidden)
    assert client.get(knuth.url).status_code == 200
    assert client.get("/publications/").status_code == 200
