"""BibTeX from real sites never costs an import: odd LaTeX, repeated fields, escaped DOIs,
DOIs given as publishers' addresses and unreadable optional fields (issue 39, finding 1 and 5)."""

import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from research.publications import bibtex
from research.publications.identifiers import normalise_doi

pytestmark = pytest.mark.django_db


def test_href_in_a_note_is_read_and_its_doi_taken():
    # The al-folio lab fork's entry that crashed the import with pylatexenc's IndexError.
    [draft] = bibtex.parse(
        "@article{k, title={A study}, author={Doe, Jane}, year={2021},"
        " note={[DOI:\\href{https://doi.org/10.1038/s41586-021-03819-2}{10.1038/s41586-021-03819-2}]}}"
    )
    assert draft.state == "new", draft.errors
    assert draft.doi == "10.1038/s41586-021-03819-2"


@pytest.mark.parametrize(
    ("latex", "text"),
    [
        ("\\href{https://example.org}{the data}", "the data"),
        ("see \\url{https://example.org/x}", "see https://example.org/x"),
        ("\\emph{Deep} \\textbf{learning}", "Deep learning"),
        ("\\unknownmacro{kept} text", "kept text"),
        ("\\href", ""),
        ("{\\href{a}}", "a"),
        ("\\url", ""),
        ("\\cite{x} text", "text"),
    ],
)
def test_macros_become_text(latex, text):
    assert bibtex.latex_to_text(latex) == text


def test_a_repeated_field_keeps_the_first_value_with_a_warning():
    [draft] = bibtex.parse(
        "@article{k, title={First}, title={Second}, author={Doe, Jane}, year={2020}}"
    )
    assert draft.state == "new"
    assert draft.title == "First"
    assert any("title" in n and "first value was kept" in n for n in draft.notices)


@pytest.mark.parametrize(
    ("written", "doi"),
    [
        ("10.1007/978-3-030-11238-7\\_2", "10.1007/978-3-030-11238-7_2"),
        ("10.1007/978-3-030-11238-7{\\_}2", "10.1007/978-3-030-11238-7_2"),
        ("https://dx.doi.org/10.1145/3290605.3300233", "10.1145/3290605.3300233"),
        ("https://dl.acm.org/doi/10.1145/3290605.3300233", "10.1145/3290605.3300233"),
        ("https://onlinelibrary.wiley.com/doi/full/10.1002/ece3.1234", "10.1002/ece3.1234"),
        ("https://pubs.acs.org/doi/abs/10.1021/acs.jctc.0c00001.", "10.1021/acs.jctc.0c00001"),
    ],
)
def test_dois_are_unescaped_and_taken_from_addresses(written, doi):
    assert normalise_doi(written) == doi


def test_a_doi_given_only_as_an_acm_address_is_taken():
    [draft] = bibtex.parse(
        "@inproceedings{k, title={T}, author={Doe, Jane}, year={2019},"
        " url={https://dl.acm.org/doi/10.1145/3290605.3300233}}"
    )
    assert draft.doi == "10.1145/3290605.3300233"


def test_a_malformed_doi_is_left_out_and_the_entry_kept():
    [draft] = bibtex.parse(
        "@article{k, title={T}, author={Doe, Jane}, year={2020}, doi={not-a-doi}}"
    )
    assert draft.state == "new"
    assert draft.doi == ""
    assert any("DOI was left out" in n and "not-a-doi" in n for n in draft.notices)


_latex_alphabet = string.ascii_letters + string.digits + "\\{}[]$%&#_^~ ,.:;'\"`-=@()\n"
_macros = st.sampled_from(
    [
        "\\href",
        "\\url",
        "\\emph",
        "\\textbf",
        "\\",
        "\\begin",
        "\\end",
        "\\verb",
        "\\'",
        '\\"',
        "\\c",
        "\\ensuremath",
        "\\mathrm",
        "\\frac",
        "\\newcommand",
        "\\def",
        "\\item",
        "$",
        "{",
        "}",
    ]
)
_latex_values = st.lists(
    st.one_of(st.text(alphabet=_latex_alphabet, max_size=12), _macros), max_size=12
).map("".join)


@pytest.mark.fuzz
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_latex_values)
def test_no_latex_makes_latex_to_text_raise(value):
    assert isinstance(bibtex.latex_to_text(value), str)


@pytest.mark.fuzz
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=_latex_values, note=_latex_values, doi=_latex_values)
def test_no_field_value_makes_parse_raise(title, note, doi):
    def braced(value):
        # A value the .bib syntax can hold: braces balanced (the parser reports the rest).
        depth = 0
        kept = []
        for char in value:
            if char == "}" and depth == 0:
                continue
            depth += {"{": 1, "}": -1}.get(char, 0)
            kept.append(char)
        return "".join(kept) + "}" * depth

    text = (
        f"@article{{k, title={{{braced(title)}}}, author={{Doe, Jane}}, year={{2020}},"
        f" note={{{braced(note)}}}, doi={{{braced(doi)}}}}}"
    )
    drafts = bibtex.parse(text)
    assert drafts


def test_an_empty_author_name_never_breaks_the_bibtex_export():
    from research.publications.exports import bibtex_person

    assert bibtex_person("") == ""
    assert bibtex_person("*Roe, Jane") == "{*}Roe, Jane"
