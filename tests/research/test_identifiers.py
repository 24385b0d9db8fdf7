"""Identifier validation tables: what people paste, what is stored, what is refused."""

import pytest
from django.core.exceptions import ValidationError

from research.publications.identifiers import normalise_arxiv, normalise_doi, normalise_isbn


@pytest.mark.parametrize(
    ("value", "stored"),
    [
        ("10.1126/science.169.3946.635", "10.1126/science.169.3946.635"),
        ("doi:10.1371/journal.pone.0033693", "10.1371/journal.pone.0033693"),
        ("DOI:10.1371/JOURNAL.PONE.0033693", "10.1371/journal.pone.0033693"),
        ("https://doi.org/10.1038/nphys1170", "10.1038/nphys1170"),
        ("http://dx.doi.org/10.1038/NPHYS1170", "10.1038/nphys1170"),
        ("  10.5281/zenodo.1234567 ", "10.5281/zenodo.1234567"),
        (
            "10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-0",
            "10.1002/(sici)1097-4571(199806)49:8<693::aid-asi4>3.0.co;2-0",
        ),
    ],
)
def test_doi_forms_are_stored_bare_and_lower_case(value, stored):
    assert normalise_doi(value) == stored


@pytest.mark.parametrize(
    "value",
    ["", "10.1038", "11.1038/abc", "doi.org/abc", "10.12/abc", "https://example.org/10.1038/x"],
)
def test_bad_dois_are_refused_with_an_example(value):
    with pytest.raises(ValidationError) as error:
        normalise_doi(value)
    assert "10.1038/nphys1170" in error.value.message % error.value.params


@pytest.mark.parametrize(
    ("value", "stored"),
    [
        ("1605.08386", "1605.08386"),
        ("2104.12255v1", "2104.12255v1"),
        ("arXiv:2106.10771", "2106.10771"),
        ("https://arxiv.org/abs/2306.04226v3", "2306.04226v3"),
        ("https://arxiv.org/pdf/2306.04226.pdf", "2306.04226"),
        ("quant-ph/0201082v1", "quant-ph/0201082v1"),
        ("math.GT/0309136", "math.GT/0309136"),
        ("0808.0539", "0808.0539"),
    ],
)
def test_arxiv_ids_old_and_new_style_with_versions(value, stored):
    assert normalise_arxiv(value) == stored


@pytest.mark.parametrize(
    "value", ["abc.400", "0000.0000", "2113.01234", "1412.12345", "quant-ph/02010", "12345.678"]
)
def test_bad_arxiv_ids_are_refused(value):
    with pytest.raises(ValidationError):
        normalise_arxiv(value)


@pytest.mark.parametrize(
    ("value", "stored"),
    [
        ("978-0-262-03561-3", "9780262035613"),
        ("ISBN 978-3-16-148410-0", "9783161484100"),
        ("0-306-40615-2", "0306406152"),
        ("0-8044-2957-X", "080442957X"),
        ("080442957x", "080442957X"),
    ],
)
def test_isbn_10_and_13_with_checksums(value, stored):
    assert normalise_isbn(value) == stored


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("978-0-262-03561-4", "isbn_checksum"),
        ("0-306-40615-3", "isbn_checksum"),
        ("12345", "isbn"),
        ("977-0-262-03561-3", "isbn_checksum"),
    ],
)
def test_bad_isbns_say_why(value, code):
    with pytest.raises(ValidationError) as error:
        normalise_isbn(value)
    assert error.value.code == code
