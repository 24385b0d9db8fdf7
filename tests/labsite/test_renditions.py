"""No visitor waits for a rendition: publishing prepares every one the page's templates ask for."""

import json

import pytest
import wagtail_factories
from django.test import Client
from wagtail.images import get_image_model
from wagtail.models import Page

from labsite.renditions import slots
from tests.factories import NewsPageFactory, PersonPageFactory

pytestmark = pytest.mark.django_db

Rendition = get_image_model().get_rendition_model()


def public_page_urls() -> list[str]:
    """One live page of every page type, plus the listings that show others' images."""
    urls = {}
    for page in Page.objects.live().specific().exclude(depth=1):
        urls.setdefault(type(page), page.url)
    return sorted(urls.values())


def test_every_page_type_renders_without_making_a_rendition(client):
    urls = public_page_urls()
    assert len(urls) >= 15, urls
    before = Rendition.objects.count()
    assert before > 0, "the demo's publication prepared renditions"
    for url in urls:
        assert client.get(url).status_code == 200, url
    made = Rendition.objects.count() - before
    assert made == 0, f"{made} rendition(s) were made while visitors waited"


def test_publishing_a_person_prepares_their_photo_for_every_slot(
    tree, django_capture_on_commit_callbacks
):
    photo = wagtail_factories.ImageFactory()
    with django_capture_on_commit_callbacks(execute=True):
        person = PersonPageFactory(parent=tree.people, photo=photo)
        person.save_revision().publish()
    made = set(Rendition.objects.filter(image=photo).values_list("filter_spec", flat=True))
    wanted = {spec for name in slots.PHOTO for spec in slots.SLOTS[name].filter_specs()}
    assert made == wanted
    before = Rendition.objects.count()
    Client().get(person.url)
    Client().get(tree.people.url)
    assert Rendition.objects.count() == before


def test_an_image_in_a_news_body_is_prepared_and_served_in_modern_formats(
    client, tree, django_capture_on_commit_callbacks
):
    image = wagtail_factories.ImageFactory()
    with django_capture_on_commit_callbacks(execute=True):
        news = NewsPageFactory(
            parent=tree.news,
            body=json.dumps(
                [
                    {
                        "type": "image",
                        "value": {
                            "image": {
                                "image": image.pk,
                                "alt_text": "A reef at dusk",
                                "decorative": False,
                            },
                            "caption": "",
                            "credit": "",
                        },
                    }
                ]
            ),  # fmt: skip
        )
        news.save_revision().publish()
    before = Rendition.objects.count()
    html = client.get(news.url).content.decode()
    assert Rendition.objects.count() == before
    assert 'type="image/avif"' in html and 'type="image/webp"' in html and "srcset=" in html


def test_changing_an_image_on_a_live_page_prepares_it_again(
    tree, django_capture_on_commit_callbacks
):
    photo = wagtail_factories.ImageFactory()
    with django_capture_on_commit_callbacks(execute=True):
        person = PersonPageFactory(parent=tree.people, photo=photo)
        person.save_revision().publish()
    Rendition.objects.filter(image=photo).delete()  # as Wagtail does for a new focal point
    with django_capture_on_commit_callbacks(execute=True):
        photo.focal_point_x, photo.focal_point_y = 10, 10
        photo.focal_point_width = photo.focal_point_height = 5
        photo.save()
    made = set(Rendition.objects.filter(image=photo).values_list("filter_spec", flat=True))
    assert made == {spec for name in slots.PHOTO for spec in slots.SLOTS[name].filter_specs()}


@pytest.mark.django_db
def test_a_picture_narrower_than_its_slot_names_each_width_once():
    """Renditions are never enlarged: a 300 px original gives one width where the card slot
    asks for 400 and 800, and a srcset naming a width twice is invalid HTML."""
    import re

    import wagtail_factories

    from labsite.renditions import pictures

    image = wagtail_factories.ImageFactory(file__width=300, file__height=200)
    markup = pictures.picture(image, "card", {"alt": "A small picture"})
    sources = re.findall(r'srcset="([^"]+)"', markup)
    assert len(sources) >= 2  # AVIF and WebP at least
    for srcset in sources:
        candidates = srcset.split(", ")
        widths = re.findall(r" (\d+)w", srcset)
        assert len(widths) == len(set(widths)), srcset
        # One candidate needs no width (and then no sizes); several need one each.
        assert len(candidates) == 1 or len(widths) == len(candidates), srcset
    if all(len(srcset.split(", ")) == 1 for srcset in sources):
        assert "sizes=" not in markup
