"""Finding 4 of the production-truth issue: a title or venue could close its braces in the
BibTeX export and add fields of its own (a forged DOI)."""

from types import SimpleNamespace

import bibtexparser
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from research.models import PublicationIndexPage, PublicationPage
from research.publications import bibtex
from research.publications.exports import bibtex_entry
from research.publications.services import import_bibtex


def normalised(text: str) -> str:
    return " ".join(text.split())


# Anything a person can type or a file can carry, except control characters (forms refuse
# them) and lone surrogates (not text).
TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=80
).filter(lambda s: s.strip())
NAME_PART = st.text(
    alphabet=st.characters(
        whitelist_categories=("Lu", "Ll", "Lo", "Nd", "Zs"),
        whitelist_characters="{}\\$%&#_~^-'.",
    ),
    min_size=1,
    max_size=25,
    # White space (a no-break space too) is not a name, and "others" is BibTeX's "et al.".
).filter(lambda s: s.strip() and normalised(s).lower() != "others")
EXPECTED_FIELDS = {"author", "title", "journal", "year", "publicationtype", "note"}


class Authors(list):
    def all(self):
        return self


def publication(title, venue, names, note="n"):
    authors = Authors(
        SimpleNamespace(
            bibtex_name=n, display_name=n, equal_contribution=False, corresponding=False
        )
        for n in names
    )
    return SimpleNamespace(
        pk=1, bibtex_key="key", title=title, venue=venue, year=2024, month=None, volume="",
        issue="", pages="", publisher="", doi="", arxiv_id="", isbn="", status="published",
        publication_type="article", abstract="", note=note, authors=authors, selected=False,
        version="", swhid="",
    )  # fmt: skip


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=TEXT, venue=TEXT, note=TEXT)
def test_any_title_venue_and_note_survive_export_and_parse_unchanged(title, venue, note):
    entry = bibtex_entry(publication(title, venue, ["Doe, Jane"], note=note))
    library = bibtexparser.parse_string(entry)
    assert len(library.entries) == 1 and not library.failed_blocks
    assert {f.key for f in library.entries[0].fields} == EXPECTED_FIELDS
    (draft,) = bibtex.parse(entry)
    assert draft.title == normalised(title)
    assert draft.venue == normalised(venue)[:300]
    if len(note) <= 300:
        assert draft.note == normalised(note)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(families=st.lists(NAME_PART, min_size=1, max_size=4), given_name=NAME_PART)
def test_any_author_names_survive_export_and_parse_unchanged(families, given_name):
    names = [f"{normalised(family)}, {normalised(given_name)}" for family in families]
    entry = bibtex_entry(publication("A title", "A venue", names))
    library = bibtexparser.parse_string(entry)
    assert {f.key for f in library.entries[0].fields} == EXPECTED_FIELDS
    (draft,) = bibtex.parse(entry)
    assert [a.bibtex_name for a in draft.authors] == names


INJECTION = (
    "@article{sneaky, author = {Doe, Jane}, year = {2024}, journal = {J},\n"
    "  title = {Sneaky \\}\\} , doi = \\{10.6666/forged\\} , y = \\{\\{}}\n"
)


@pytest.mark.django_db
def test_an_imported_title_cannot_forge_a_doi_in_either_download(client):
    index = PublicationIndexPage.objects.get()
    result = import_bibtex(INJECTION, index)
    assert len(result.created) == 1
    page = PublicationPage.objects.get(bibtex_key="sneaky")
    for url in (page.url + "cite/bibtex/", "/publications/export/bibtex/"):
        text = client.get(url).content.decode()
        library = bibtexparser.parse_string(text)
        (entry,) = [e for e in library.entries if e.key == "sneaky"]
        assert "doi" not in entry.fields_dict and "y" not in entry.fields_dict
        (draft,) = [d for d in bibtex.parse(text) if d.key == "sneaky"]
        assert draft.title == "Sneaky }} , doi = {10.6666/forged} , y = {{"


@pytest.mark.django_db
def test_an_editor_typed_title_cannot_add_a_field(client):
    index = PublicationIndexPage.objects.get()
    import_bibtex("@article{typed, author={Doe, Jane}, title={T}, year={2024}}", index)
    page = PublicationPage.objects.get(bibtex_key="typed")
    page.title = "X}}, note = {INJECTED}, x = {{"
    page.venue = "V}, publisher = {Forged"
    page.save_revision().publish()
    text = client.get(page.url + "cite/bibtex/").content.decode()
    (entry,) = bibtexparser.parse_string(text).entries
    assert set(entry.fields_dict) == {"author", "title", "journal", "year", "publicationtype"}
    (draft,) = bibtex.parse(text)
    assert (draft.title, draft.venue) == (page.title, page.venue)
