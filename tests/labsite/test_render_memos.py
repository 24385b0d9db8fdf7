"""What a page keeps between requests without a page cache: list entries rendered once per
version of their record (``{% record_fragment %}``) and each image's ``<picture>``
markup. None of it may ever show something old."""

import pytest
import wagtail_factories
from bs4 import BeautifulSoup
from django import forms
from django.core.cache import caches
from django.test import Client, RequestFactory
from django.utils import translation
from wagtail.models import Site

from labsite.renditions import pictures
from labsite.templatetags.fragment_tags import fragment_key
from research.publications.models import PublicationPage
from tests.factories import PersonPageFactory, PublicationAuthorFactory, PublicationPageFactory

pytestmark = pytest.mark.django_db


def published(page):
    page.save_revision().publish()
    return type(page).objects.get(pk=page.pk)


def entry(html: str, title_words: str) -> str:
    """The text of the list entry whose title has ``title_words`` ("" if none)."""
    for item in BeautifulSoup(html, "html.parser").select("li.publication"):
        if title_words in item.get_text():
            return item.get_text(" ", strip=True)
    return ""


@pytest.fixture
def paper(tree):
    member = published(PersonPageFactory(parent=tree.people, title="Ines Marlowe"))
    paper = published(
        PublicationPageFactory(parent=tree.publications, title="Tides of the inner fjord")
    )
    PublicationAuthorFactory(page=paper, person=member, name="")
    return PublicationPage.objects.get(pk=paper.pk), member


def test_the_lists_read_each_entry_from_the_store_once_it_is_rendered(tree, paper):
    paper, _member = paper
    client = Client()
    assert "Tides of the inner fjord" in client.get(tree.publications.url).content.decode()
    request = RequestFactory().get(tree.publications.url)
    request._wagtail_site = tree.home.get_site()
    key = fragment_key(paper, request)
    assert "Tides of the inner fjord" in caches["template_fragments"].get(key)

    # What the store holds is what the list prints: proof that it is read, not rendered again.
    caches["template_fragments"].set(key, "<li>stored entry</li>")
    assert "<li>stored entry</li>" in client.get(tree.publications.url).content.decode()


def test_a_published_change_shows_in_every_list_at_once(tree, paper):
    paper, member = paper
    client = Client()
    for url in (tree.publications.url, member.url):
        assert entry(client.get(url).content.decode(), "inner fjord"), url

    paper.title = "Tides of the outer fjord"
    paper.venue = "Annals of Coastal Waters"
    published(paper)
    for url in (tree.publications.url, member.url):
        html = client.get(url).content.decode()
        assert "Annals of Coastal Waters" in entry(html, "outer fjord"), url
        assert not entry(html, "inner fjord"), url


def test_a_renamed_member_is_renamed_in_the_entries_that_credit_them(tree, paper):
    paper, member = paper
    client = Client()
    for url in (tree.publications.url, member.url):
        listed = entry(client.get(url).content.decode(), "inner fjord")
        assert "Ines Marlowe" in listed and "Quist" not in listed, url

    member.title = "Ines Marlowe-Quist"
    member = published(member)  # the credits are rebuilt, the paper is not published again
    for url in (tree.publications.url, member.url):
        assert "Ines Marlowe-Quist" in entry(client.get(url).content.decode(), "inner fjord"), url


def test_each_site_and_language_has_its_own_entries(tree, paper):
    paper, _member = paper
    request = RequestFactory().get("/")
    request._wagtail_site = tree.home.get_site()
    keys = set()
    for language in ("en-gb", "de"):
        with translation.override(language):
            keys.add(fragment_key(paper, request))
            keys.add(fragment_key(paper, None))
            keys.add(fragment_key(paper, request, ["an alumnus"]))
    assert len(keys) == 6


def test_a_picture_is_looked_up_once_and_again_when_its_focal_point_moves(
    django_assert_num_queries,
):
    image = wagtail_factories.ImageFactory()
    first = pictures.picture(image, "card", {"alt": "A reef"})
    assert first.startswith("<picture>") and 'alt="A reef"' in first
    with django_assert_num_queries(0):
        assert pictures.picture(image, "card", {"alt": "A reef"}) == first

    image.focal_point_x, image.focal_point_y = 10, 10
    image.focal_point_width, image.focal_point_height = 20, 20
    image.save()
    moved = pictures.picture(image, "card", {"alt": "A reef"})
    assert moved != first
    assert pictures.picture(image, "card", {"alt": "Another reef"}) != moved


class _Choices(forms.Form):
    year = forms.ChoiceField(
        required=False,
        choices=[("", "Any year"), ("2024", "2024"), ("2023", '<b>"23</b>')],
    )
    site = forms.ModelChoiceField(queryset=Site.objects.order_by("pk"), empty_label="Any site")
    period = forms.ChoiceField(
        required=False,
        choices=[
            ("", "Any time"),
            ("week", "In the past week"),
            ("In a month", [("2026-10", "October 2026"), ("2026-09", "September & <2026>")]),
        ],
    )
