"""What real BibTeX files from reference managers do, found moving a group's list in (issue 18):
the DOI only in the address, print and e-ISBN run together, csquotes, one address in two
fields, the same entry twice in one file."""

import pytest

from research.models import PublicationPage
from research.publications import bibtex
from research.publications.services import import_bibtex

pytestmark = pytest.mark.django_db


def test_a_doi_written_into_the_address_is_the_doi(bib):
    (draft,) = bibtex.parse(bib("doi-in-url.bib"))
    assert draft.doi.lower() == "10.1162/cpsy_a_00002"
    assert draft.links == [], "doi:… is not a web address to link"
    assert draft.state == "new"


def test_a_doi_inside_an_html_link_in_the_address_is_read_too():
    # As the 316-entry export quoted in issue 18 wrote it.
    text = (
        "@article{k, author={A, B}, title={T}, year={2020}, "
        'url = {doi:<a href="https://doi.org/10.1007/978-3-319-63212-4_5">10.1007/978-3-319-63212-4_5</a>}}'
    )
    (draft,) = bibtex.parse(text)
    assert draft.doi == "10.1007/978-3-319-63212-4_5" and draft.links == []


def test_print_and_e_isbn_run_together_keep_the_entry():
    # The value quoted in issue 18: two ISBN-13s with nothing between them.
    text = "@book{k, author={A, B}, title={T}, year={2017}, isbn = {97833196321179783319632124}}"
    (draft,) = bibtex.parse(text)
    assert draft.state == "new"
    assert draft.isbn in ("9783319632117", "9783319632124")


def test_an_unreadable_isbn_is_left_out_saying_so():
    text = "@book{k, author={A, B}, title={T}, year={2017}, isbn = {12345}}"
    (draft,) = bibtex.parse(text)
    assert draft.state == "new" and draft.isbn == ""
    assert draft.notices == ["the ISBN '12345' was left out: it is not a valid ISBN"]


def test_csquotes_keep_their_quotation_marks():
    # Issue 18: `\\enquote{divide-and-conquer}` lost its quotation marks.
    assert bibtex.latex_to_text(r"A \enquote{divide-and-conquer} method") == (
        "A “divide-and-conquer” method"
    )


def test_one_address_in_two_fields_makes_one_link():
    text = (
        "@article{k, author={A, B}, title={T}, year={2020}, "
        "url={https://example.org/paper}, html={https://example.org/paper}}"
    )
    (draft,) = bibtex.parse(text)
    assert draft.links == [("publisher", "https://example.org/paper")]


def test_the_same_entry_twice_in_a_file_is_a_duplicate_not_an_error(bib, tree):
    text = bib("doi-in-url.bib") + "\n" + bib("doi-in-url.bib").replace("hBayesDM,", "again,", 1)
    first, second = bibtex.parse(text)
    bibtex.mark_duplicates([first, second], tree.publications)
    assert (first.state, second.state) == ("new", "duplicate")
    assert (
        second.duplicate_reason == "the same publication as entry 'hBayesDM' earlier in this file"
    )
    result = import_bibtex(text, tree.publications)
    assert len(result.created) == 1 and len(result.skipped) == 1 and not result.failed
    assert PublicationPage.objects.filter(doi__iexact="10.1162/CPSY_a_00002").count() == 1


def test_the_bibtex_export_gives_the_papers_address(client, tree):
    from tests.factories import PublicationAuthorFactory, PublicationPageFactory

    paper = PublicationPageFactory(parent=tree.publications, title="Addressed paper")
    paper.links.create(kind="code", url="https://example.org/code")
    paper.links.create(kind="publisher", url="https://journal.example.org/addressed")
    PublicationAuthorFactory(page=paper, name="A. Writer")
    paper.save_revision().publish()
    entry = client.get(paper.url + "cite/bibtex/").content.decode()
    assert "url = {https://journal.example.org/addressed}" in entry
    preprint = PublicationPageFactory(
        parent=tree.publications, title="A preprint", arxiv_id="2106.10771"
    )
    PublicationAuthorFactory(page=preprint, name="B. Writer")
    preprint.save_revision().publish()
    assert (
        "url = {https://arxiv.org/abs/2106.10771}"
        in client.get(preprint.url + "cite/bibtex/").content.decode()
    )


def test_the_publication_lists_words_ignore_accents_and_case(client, tree):
    from tests.factories import PublicationAuthorFactory, PublicationPageFactory

    paper = PublicationPageFactory(parent=tree.publications, title="Shape correspondence")
    PublicationAuthorFactory(page=paper, name="Emanuele Rodolà")
    paper.save_revision().publish()
    for words in ("Rodola", "rodolà", "RODOLA shape"):
        html = client.get(tree.publications.url, {"q": words}).content.decode()
        assert "Shape correspondence" in html, words
    assert (
        "Shape correspondence"
        not in client.get(tree.publications.url, {"q": "Rodola sheep"}).content.decode()
    )
