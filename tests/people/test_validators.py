"""ORCID iDs and profile links are checked, with messages that show the expected form."""

import pytest
from django.core.exceptions import ValidationError

from people.profiles.validators import (
    ORCID_EXAMPLE,
    normalise_orcid,
    orcid_check_digit,
    validate_profile_url,
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("0000-0002-1825-0097", "0000-0002-1825-0097"),  # ORCID's documented example
        ("0000-0001-5109-3700", "0000-0001-5109-3700"),
        ("0000-0002-1694-233X", "0000-0002-1694-233X"),  # check character X
        ("0000-0002-1694-233x", "0000-0002-1694-233X"),
        ("https://orcid.org/0000-0002-1825-0097", "0000-0002-1825-0097"),
        ("000000021825 0097".replace(" ", ""), "0000-0002-1825-0097"),
        ("  0000-0002-1825-0097 ", "0000-0002-1825-0097"),
    ],
)
def test_valid_orcid_ids_are_normalised(value, expected):
    assert normalise_orcid(value) == expected


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("0000-0002-1825-0098", "orcid_checksum"),
        ("0000-0002-1694-2330", "orcid_checksum"),
        ("0000-0002-1825-009", "orcid_format"),
        ("0000-0002-1825-00977", "orcid_format"),
        ("abcd-0002-1825-0097", "orcid_format"),
        ("https://example.org/0000-0002-1825-0097", "orcid_format"),
    ],
)
def test_bad_orcid_ids_are_rejected_with_the_expected_format(value, code):
    with pytest.raises(ValidationError) as error:
        normalise_orcid(value)
    assert error.value.code == code
    assert ORCID_EXAMPLE in error.value.message % error.value.params


def test_check_digit_matches_iso_7064_mod_11_2():
    assert orcid_check_digit("000000021825009") == "7"
    assert orcid_check_digit("000000021694233") == "X"


@pytest.mark.parametrize(
    ("kind", "url"),
    [
        ("github", "https://github.com/octocat"),
        ("google_scholar", "https://scholar.google.com/citations?user=AbCdEfGhIjK&hl=en"),
        ("linkedin", "https://www.linkedin.com/in/ada-lovelace/"),
        ("bluesky", "https://bsky.app/profile/ada.bsky.social"),
        ("mastodon", "https://fediscience.org/@ada"),
    ],
)
def test_profile_links_of_the_right_kind_pass(kind, url):
    validate_profile_url(kind, url)


@pytest.mark.parametrize(
    ("kind", "url"),
    [
        ("github", "https://gitlab.com/octocat"),
        ("github", "https://github.com/octocat/repo/issues"),
        ("google_scholar", "https://scholar.google.com/scholar?q=ada"),
        ("linkedin", "https://www.linkedin.com/company/acme"),
        ("bluesky", "https://twitter.com/ada"),
        ("mastodon", "https://fediscience.org/users/ada"),
        ("github", "ftp://github.com/octocat"),
    ],
)
def test_profile_links_of_the_wrong_kind_show_an_example(kind, url):
    with pytest.raises(ValidationError) as error:
        validate_profile_url(kind, url)
    assert "It should look like https://" in error.value.message % error.value.params


@pytest.mark.django_db
def test_person_page_rejects_a_bad_orcid_on_save(client):
    from people.models import PersonPage

    person = PersonPage.objects.get(slug="maren-okafor")
    person.orcid = "0000-0002-1825-0098"
    with pytest.raises(ValidationError) as error:
        person.full_clean()
    assert "orcid" in error.value.message_dict
