"""Pasting an author list in the publication editor (research.publications.author_paste)."""

import pytest
from django.urls import reverse

from research.models import PublicationPage
from research.publications.author_paste import AuthorListError, parse_author_list
from tests.factories import PersonPageFactory
from tests.support.admin_forms import form_data

pytestmark = pytest.mark.django_db


def names(text):
    return [
        (d.display_name, d.equal_contribution, d.corresponding) for d in parse_author_list(text)
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("A. Smith, B. Jones and C. Lee", ["A. Smith", "B. Jones", "C. Lee"]),
        ("A. Smith, B. Jones, and C. Lee", ["A. Smith", "B. Jones", "C. Lee"]),
        ("A. Smith & B. Jones", ["A. Smith", "B. Jones"]),
        ("Smith, Anna and Jones, Bob and others", ["Anna Smith", "Bob Jones"]),
        ("van der Berg, Jan and Lee, C.", ["Jan van der Berg", "C. Lee"]),
        ("Maren Okafor, Kofi Brandt", ["Maren Okafor", "Kofi Brandt"]),
        ("Smith, Anna\nBob Jones\nLee, C.", ["Anna Smith", "Bob Jones", "C. Lee"]),
        ('R{\\"o}mer, Ulf and Lee, C.', ["Ulf Römer", "C. Lee"]),
    ],
)
def test_the_usual_ways_of_writing_an_author_list_are_read_in_order(text, expected):
    assert [name for name, _equal, _corresponding in names(text)] == expected


def test_marks_after_a_name_keep_their_meaning():
    assert names("A. Smith*, B. Jones* and C. Lee†") == [
        ("A. Smith", True, False),
        ("B. Jones", True, False),
        ("C. Lee", False, True),
    ]


@pytest.mark.parametrize("text", [",,, and ,", "x" * 300])
def test_text_that_is_not_a_list_of_names_is_explained(text):
    with pytest.raises(AuthorListError, match="separat|No names"):
        parse_author_list(text)


def test_members_are_matched_by_name(tree):
    member = PersonPageFactory(parent=tree.people, given_names="Ilse", family_name="Varga")
    drafts = parse_author_list("I. Varga, B. Jones")
    assert drafts[0].person_id == member.pk and drafts[1].person_id is None


def test_a_paper_with_six_authors_costs_one_paste(admin_client_logged_in, tree):
    member = PersonPageFactory(parent=tree.people, given_names="Ilse", family_name="Varga")
    add = reverse(
        "wagtailadmin_pages:add", args=["research", "publicationpage", tree.publications.pk]
    )
    page = admin_client_logged_in.get(add)
    assert 'name="paste_authors"' in page.content.decode()
    data = form_data(
        page.content.decode(),
        title="Six hands on one tide gauge",
        slug="six-hands",
        year="2025",
        venue="Journal of Tides",
        paste_authors="I. Varga*, B. Jones*, C. Lee, D. Wu, E. Ortiz and F. Nakamura†",
        **{"action-publish": "publish"},
    )
    response = admin_client_logged_in.post(add, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    paper = PublicationPage.objects.get(slug="six-hands")
    rows = list(paper.authors.order_by("sort_order"))
    assert [r.display_name for r in rows] == [
        "Ilse Varga", "B. Jones", "C. Lee", "D. Wu", "E. Ortiz", "F. Nakamura"
    ]  # fmt: skip
    assert rows[0].person_id == member.pk and rows[0].equal_contribution
    assert rows[5].corresponding
    assert [c["name"] for c in paper.credits][:2] == ["Ilse Varga", "B. Jones"]


def test_a_bad_paste_is_explained_and_nothing_typed_is_lost(admin_client_logged_in, tree):
    add = reverse(
        "wagtailadmin_pages:add", args=["research", "publicationpage", tree.publications.pk]
    )
    page = admin_client_logged_in.get(add).content.decode()
    data = form_data(
        page, title="Kept title", slug="kept", year="2025", paste_authors="x" * 300,
        **{"action-publish": "publish"},
    )  # fmt: skip
    response = admin_client_logged_in.post(add, data)
    html = response.content.decode()
    assert response.status_code == 200 and "longer than a name can be" in html
    assert "Kept title" in html
    assert not PublicationPage.objects.filter(slug="kept").exists()
