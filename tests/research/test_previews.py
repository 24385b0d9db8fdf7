"""A preview shows the related pages being edited, before they are saved.

The admin's preview builds the page from the form: choices of a ParentalManyToManyField (a
paper's themes, a talk's papers, a project's related work) are then in memory, where
modelcluster offers neither ``live()`` nor ``values("pk")``; asking for them made these
previews answer 500 (``labsite.page_links.chosen_ids``).
"""

import pytest
from modelcluster.models import get_all_child_relations

from research.models import ActivityPage, ProjectPage, PublicationPage, ResearchThemePage
from tests.factories import PublicationPageFactory, ResearchThemePageFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("model", "relation", "kind"),
    [
        (PublicationPage, "themes", "theme"),
        (ActivityPage, "related_publications", "publication"),
        (ProjectPage, "themes", "theme"),
        (ProjectPage, "related_publications", "publication"),
    ],
)
def test_a_preview_shows_the_related_pages_being_chosen(client, tree, model, relation, kind):
    if kind == "theme":
        chosen = ResearchThemePageFactory(parent=tree.research, title="Tides & <eddies>")
    else:
        chosen = PublicationPageFactory(parent=tree.publications, title="Tides & <eddies>")
    live = model.objects.live().first()
    client.get(live.url)  # the live page rendered (and its lists kept) first
    draft = model.objects.get(pk=live.pk)
    getattr(draft, relation).add(chosen)

    preview = draft.make_preview_request()

    assert preview.status_code == 200
    assert "Tides &amp; &lt;eddies&gt;" in preview.content.decode()
    assert "Tides &amp;" not in client.get(live.url).content.decode()


def test_a_preview_leaves_out_an_unpublished_choice(tree):
    draft_theme = ResearchThemePageFactory(parent=tree.research, title="Not yet out", live=False)
    paper = PublicationPage.objects.get(pk=PublicationPage.objects.live().first().pk)
    paper.themes.add(draft_theme)
    assert "Not yet out" not in paper.make_preview_request().content.decode()
    assert ResearchThemePage.objects.filter(pk=draft_theme.pk, live=False).exists()


def _as_the_admin_form_leaves_it(page):
    """Every inline and chooser of ``page`` held in memory, as after the edit form's save(
    commit=False) that the admin's preview runs (the same choices, not yet saved)."""
    for relation in get_all_child_relations(page):
        name = relation.get_accessor_name()
        setattr(page, name, list(getattr(page, name).all()))
    for field in page._meta.get_fields():
        if type(field).__name__ == "ParentalManyToManyField":
            getattr(page, field.name).set(list(getattr(page, field.name).all()))
    return page


def test_every_page_type_previews_with_everything_held_in_memory(client):
    from wagtail.models import Page

    previewed = set()
    for page in Page.objects.live().filter(depth__gt=1).specific():
        if type(page) in previewed:
            continue
        previewed.add(type(page))
        live = client.get(page.url)
        preview = _as_the_admin_form_leaves_it(type(page).objects.get(pk=page.pk))
        response = preview.make_preview_request()
        assert response.status_code == live.status_code == 200, type(page).__name__
    assert len(previewed) >= 15
