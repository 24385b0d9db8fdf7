"""BibTeX edge cases from real files: what a group's .bib really looks like."""

import pytest

from research.publications import bibtex
from research.publications.bibtex import BibtexError


def by_key(drafts):
    return {d.key: d for d in drafts}


def test_endnote_export_with_front_matter_and_upper_case_fields(bib):
    drafts = bibtex.parse(bib("3c-lab-papers.bib"))
    assert len(drafts) == 35
    first = drafts[0]
    assert first.key == "RN1727" and first.line == 6
    assert first.doi == "10.1038/s41386-026-02350-0"
    assert first.authors[0].display_name == "J. Ramborger"
    assert first.note == "", "multi-line EndNote notes full of ORCIDs are not shown publicly"


def test_real_duplicate_inside_a_file_is_reported_with_its_line(bib):
    drafts = bibtex.parse(bib("3c-lab-papers.bib"))
    bibtex.mark_duplicates(drafts, _index())
    # A repeat is skipped as a duplicate, not counted as an error (issue 18).
    assert [d for d in drafts if d.state == "error"] == []
    repeats = [d for d in drafts if d.state == "duplicate"]
    assert [(d.key, d.line) for d in repeats] == [("RN1738", 1078)]
    assert "the same publication as entry 'RN1739'" in repeats[0].duplicate_reason


def test_al_folio_quirks(bib):
    drafts = by_key(bibtex.parse(bib("al-folio-fork-papers.bib")))
    assert drafts["EJ2021"].doi == "10.1016/j.tej.2020.106883", "a DOI given as a URL is normalised"
    assert drafts["8368309"].month == 5 and drafts["8368309"].pages == "834-849"
    assert drafts["9583600"].volume == "", "empty fields are ignored"
    pang = drafts["MASSW2019"].authors[0]
    assert pang.display_name == "Ce Pang" and pang.equal_contribution, (
        "a * before a name marks equal contribution"
    )
    assert drafts["ICDCS2022"].authors[1].display_name == "Sourabh Yadav"
    assert drafts["MASSW2019"].publication_type == "workshop"
    assert drafts["Sensor2021"].pages == "1136", "an article number stands in for pages"


def test_latex_becomes_unicode_and_case_braces_go(bib):
    drafts = by_key(bibtex.parse(bib("readme-citations.bib")))
    knuth = drafts["knuth84"]
    assert knuth.title == "Literate Programming"
    assert [a.display_name for a in knuth.authors] == [
        "Donald E. Knuth",
        "Jörg Müller",
        "Google Research",
    ]
    assert knuth.authors[2].bibtex_name == "{Google Research}", (
        "a braced corporate name is one author"
    )
    assert knuth.pages == "97-111" and knuth.year == 1984 and knuth.issue == "2"
    assert drafts["tripathi2023ipman"].title == "3D Human Pose Estimation via Intuitive Physics"
    assert drafts["tripathi2023ipman"].month == 6
    assert drafts["hollmann2025tabpfn"].authors[1].display_name == "Samuel Müller"
    assert drafts["hollmann2025tabpfn"].month == 1
    assert drafts["holzmuller2024better"].title.startswith(
        "Better by default: Strong pre-tuned MLPs"
    )


def test_von_particles_and_status_hints(bib):
    drafts = by_key(bibtex.parse(bib("readme-citations.bib")))
    von = drafts["VonNeumann1966"]
    assert von.authors[0].display_name == "John von Neumann"
    assert von.authors[0].bibtex_name == "von Neumann, John"
    assert von.publication_type == "book"
    label = drafts["labeltuning2022"]
    assert label.status == "accepted", "'(to appear)' in the venue means accepted"
    assert label.arxiv_id == "2203.14655", "an arXiv address in url gives the arXiv ID"


def test_jr_suffix_is_kept():
    [draft] = bibtex.parse(
        "@article{k, author={Doe, Jr., John and King, Jr, Martin Luther}, title={T}, year={2001}}"
    )
    assert [a.display_name for a in draft.authors] == ["John Doe, Jr.", "Martin Luther King, Jr"]


def test_malformed_entry_is_reported_and_the_others_still_parse(bib):
    text = bib("readme-citations.bib")
    broken = text.replace(
        "  doi = {10.1093/comjnl/27.2.97}\n}", "  doi = {10.1093/comjnl/27.2.97\n"
    )
    drafts = bibtex.parse(broken)
    good = [d for d in drafts if d.state != "error"]
    bad = [d for d in drafts if d.state == "error"]
    assert bad, "the unclosed entry is reported"
    assert all(d.line > 0 and d.errors for d in bad)
    assert {"hollmann2025tabpfn", "tripathi2023ipman"} <= {d.key for d in good}


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ("@article{a, author={X, Y}, year={2020}}", "no title"),
        ("@article{a, author={X, Y}, title={T}}", "no four-digit year"),
        ("@article{a, title={T}, year={2020}}", "no author"),
    ],
)
def test_entries_missing_essentials_say_what_to_add(entry, message):
    [draft] = bibtex.parse(entry)
    assert draft.state == "error"
    assert message in "; ".join(draft.errors)


@pytest.mark.parametrize("text", ["", "   ", "just some words, no entries", "\x00\x01binary"])
def test_files_without_entries_are_refused_as_a_whole(text):
    with pytest.raises(BibtexError):
        bibtex.parse(text)


@pytest.mark.django_db
def test_authors_match_members_through_name_variants():
    from people.models import PersonPage

    person = PersonPage.objects.get(slug="maren-okafor")
    person.name_variants = "M. K. Okafor-Lind"
    person.save()
    [draft] = bibtex.parse(
        "@article{a, author={Okafor, Maren and Okafor-Lind, M. K. and Okafor, M. and Stranger, Anne}, title={T}, year={2020}}"
    )
    bibtex.match_members([draft])
    assert [a.person_id for a in draft.authors] == [person.pk, person.pk, person.pk, None]


def _index():
    from research.models import PublicationIndexPage

    return PublicationIndexPage.objects.get()


pytestmark = pytest.mark.django_db
