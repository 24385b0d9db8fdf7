"""Issue 40, finding 2: Wagtail 8's autosave made hidden drafts from the create form after a
refused first publish, so starting again met "The slug is already in use". Autosave now runs
only on an existing page's edit form, and its refusals of an incomplete form are not logged."""

import logging

import pytest
from bs4 import BeautifulSoup
from django.test import RequestFactory
from django.urls import reverse

from labsite.logs import QuietAutosaveRefusals
from labsite.models import NewsPage
from tests.support.admin_forms import form_data

pytestmark = pytest.mark.django_db


def edit_form(html):
    return BeautifulSoup(html, "html.parser").select_one("form#page-edit-form")


def test_the_create_form_has_no_autosave_and_the_edit_form_has(admin_client, tree):
    add = reverse("wagtailadmin_pages:add", args=["labsite", "newspage", tree.news.pk])
    create = edit_form(admin_client.get(add).content.decode())
    assert "w-autosave" not in create["data-controller"]
    assert "w-unsaved" in create["data-controller"]  # leaving unsaved work still asks first
    page = NewsPage.objects.child_of(tree.news).first()
    edit = edit_form(
        admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    )
    assert "w-autosave" in edit["data-controller"]


def test_a_refused_publish_leaves_nothing_behind_and_starting_again_works(admin_client, tree):
    add = reverse("wagtailadmin_pages:add", args=["labsite", "newspage", tree.news.pk])
    before = NewsPage.objects.count()
    fields = {"title": "Field season", "slug": "field-season", "body-count": "0"}
    refused = form_data(admin_client.get(add).content.decode(), **fields, summary="")
    refused["action-publish"] = "publish"
    assert admin_client.post(add, refused).status_code == 200  # the form, with what to fix
    assert NewsPage.objects.count() == before
    again = form_data(admin_client.get(add).content.decode(), **fields, summary="Off on Monday.")
    again["action-publish"] = "publish"
    assert admin_client.post(add, again).status_code == 302
    assert NewsPage.objects.get(slug="field-season").live


def test_autosave_refusals_of_an_incomplete_edit_form_are_not_logged():
    quiet = QuietAutosaveRefusals()
    factory = RequestFactory()

    def record(request, status):
        entry = logging.LogRecord("django.request", logging.WARNING, "", 0, "Bad Request", (), None)
        entry.request, entry.status_code = request, status
        return entry

    autosave = factory.post("/admin/pages/5/edit/", HTTP_ACCEPT="application/json")
    browser = factory.post("/admin/pages/5/edit/", HTTP_ACCEPT="text/html,*/*")
    assert not quiet.filter(record(autosave, 400))
    assert quiet.filter(record(autosave, 500))
    assert quiet.filter(record(browser, 400))
    assert quiet.filter(record(factory.post("/apply/", HTTP_ACCEPT="application/json"), 400))
