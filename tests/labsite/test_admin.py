"""Editors can open every page type, snippet and setting in the Wagtail admin."""

import pytest
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from tests.labsite.test_pages_render import PAGE_TYPES


@pytest.mark.django_db
@pytest.mark.parametrize("model", PAGE_TYPES, ids=lambda m: m.__name__)
def test_edit_view_loads_for_every_page_type(admin_client_logged_in, model):
    page = model.objects.first()
    response = admin_client_logged_in.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("model", PAGE_TYPES[1:], ids=lambda m: m.__name__)
def test_add_view_loads_under_an_allowed_parent(admin_client_logged_in, model):
    from labsite.models import HomePage

    parent_type = model.allowed_parent_page_models()[0]
    if parent_type is HomePage:
        # Index pages are one per home page and the demo has them all: use a new site root.
        parent = Page.get_first_root_node().add_child(instance=HomePage(title="Second group"))
    else:
        parent = parent_type.objects.first()
    url = reverse(
        "wagtailadmin_pages:add",
        args=[model._meta.app_label, model._meta.model_name, parent.pk],
    )
    assert admin_client_logged_in.get(url).status_code == 200


@pytest.mark.django_db
def test_group_settings_edit_view_loads(admin_client_logged_in):
    response = admin_client_logged_in.get(
        reverse("wagtailsettings:edit", args=["labsite", "sitesettings"]), follow=True
    )
    assert response.status_code == 200
    assert b"Tidewater Learning Group" in response.content


@pytest.mark.django_db
def test_editing_a_demo_page_and_publishing_works(admin_client_logged_in):
    from labsite.models import StandardPage

    page = StandardPage.objects.get(slug="about")
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = nested_form_data(
        {
            "title": "About the group",
            "slug": "about",
            "introduction": "Changed by an editor.",
            "body": streamfield([("paragraph", rich_text("<p>New text.</p>"))]),
            "action-publish": "publish",
        }
    )
    response = admin_client_logged_in.post(url, data)
    assert response.status_code == 302, response.content[:2000]
    page.refresh_from_db()
    assert page.title == "About the group"
    assert page.introduction == "Changed by an editor."


@pytest.mark.django_db
def test_editors_read_the_groups_words_not_wagtails(admin_client_logged_in, tree):
    from people.models import SupervisionPage
    from research.models import PaperFeedPage

    html = admin_client_logged_in.get(
        reverse("wagtailadmin_pages:edit", args=[tree.home.pk])
    ).content.decode()
    assert "Web address" in html and "Show in the site menu" in html
    for model, listing in (
        (SupervisionPage, reverse("wagtailsnippets_people_supervision:list")),
        (PaperFeedPage, reverse("feed_papers:index")),
    ):
        page = model.objects.first()
        html = admin_client_logged_in.get(
            reverse("wagtailadmin_pages:edit", args=[page.pk])
        ).content.decode()
        assert f'href="{listing}"' in html, model
