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


def _output(kind, venue, authors, **fields):
    """A published output of ``kind`` with ``authors`` given as (name, is a group) pairs."""
    from research.models import PublicationAuthor, PublicationIndexPage

    page = PublicationPage(
        title=f"An output of type {kind}",
        slug=f"output-{kind}",
        year=2023,
        status="published",
        publication_type=kind,
        venue=venue,
        **fields,
    )
    page.authors = [
        PublicationAuthor(name=name, organisation=group, sort_order=n)
        for n, (name, group) in enumerate(authors)
    ]
    PublicationIndexPage.objects.get().add_child(instance=page)
    page.save_revision().publish()
    return PublicationPage.objects.get(pk=page.pk)


def test_a_group_author_is_one_literal_name_in_every_format(client):
    import json

    page = _output(
        "dataset",
        "Zenodo",
        [("Priya Venkataraman", False), ("Volunteer Survey Network", True)],
    )
    assert page.csl_json["author"] == [
        {"family": "Venkataraman", "given": "Priya"},
        {"literal": "Volunteer Survey Network"},
    ]
    assert "Network, V. S." not in page.citation_text
    assert "Volunteer Survey Network" in page.citation_text
    author = page.authors.get(organisation=True)
    assert author.bibtex_name == "{Volunteer Survey Network}"
    html = client.get(page.url).content.decode()
    data = json.loads(
        html.split('<script type="application/ld+json"')[1].split(">", 1)[1].split("</script>")[0]
    )
    assert data["@type"] == "Dataset"
    assert [a["@type"] for a in data["author"]] == ["Person", "Organization"]
    assert data["publisher"] == {"@type": "Organization", "name": "Zenodo"}
    assert "isPartOf" not in data
    # Unticked, the name is a person's again.
    author.organisation = False
    author.save()
    assert author.bibtex_name == "Network, Volunteer Survey"


def test_outputs_that_are_not_articles_get_their_own_csl_types_and_venues():
    dataset = _output("dataset", "Zenodo", [("Priya Venkataraman", False)])
    assert dataset.csl_json["type"] == "dataset"
    assert dataset.csl_json["publisher"] == "Zenodo" and "container-title" not in dataset.csl_json
    assert "In Zenodo" not in dataset.citation_text
    software = _output("software", "Software Heritage", [("Kofi Brandt", False)])
    assert software.csl_json["type"] == "software"
    assert software.csl_json["publisher"] == "Software Heritage"
    assert "Software Heritage" in software.citation_text  # rendered, though styles are CSL 1.0.1
    book = _output("book", "Eastmere University Press", [("Maren Okafor", False)])
    assert book.csl_json["publisher"] == "Eastmere University Press"
    assert "Eastmere University Press" in book.citation_text
    poster = _output("poster", "Ocean Sciences Meeting 2024", [("Lena Fairbairn", False)])
    assert poster.csl_json["event"] == "Ocean Sciences Meeting 2024"
    assert "container-title" not in poster.csl_json
    assert poster.citation_text.count("Ocean Sciences Meeting 2024") == 1


def test_a_braced_bibtex_author_is_imported_as_a_group(client):
    from research.models import PublicationAuthor, PublicationIndexPage

    bib = """@misc{survey2023,
  author = {Venkataraman, Priya and {Volunteer Survey Network}},
  title = {Seabed labels from volunteers},
  year = {2023},
  howpublished = {Zenodo},
}"""
    import_bibtex(bib, PublicationIndexPage.objects.get())
    rows = PublicationAuthor.objects.filter(page__bibtex_key="survey2023").order_by("sort_order")
    assert [(row.display_name, row.organisation) for row in rows] == [
        ("Priya Venkataraman", False),
        ("Volunteer Survey Network", True),
    ]
