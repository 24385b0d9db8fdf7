"""Issue 40, finding 4: an external co-supervisor took three forms: the external-person,
funding-programme and grant choosers could not create, and a new record's group defaulted to
"Shared by every group". Each chooser now has a "Create" tab with the record's own form."""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Site

from labsite.models import Grant
from people.profiles.snippets import ExternalPerson, FundingProgramme
from tests.support.groups import group_editor

pytestmark = pytest.mark.django_db

CHOOSERS = {
    ExternalPerson: ("/admin/snippets/choose/people/externalperson/", {"name": "Dr Hanne Vik",
                     "institution": "Nordic Marine Institute", "url": ""}),
    FundingProgramme: ("/admin/snippets/choose/people/fundingprogramme/",
                       {"name": "Marie Skłodowska-Curie Doctoral Networks", "url": ""}),
    Grant: ("/admin/snippets/choose/labsite/grant/", {"funder": "Ocean Trust", "scheme": "",
            "grant_number": "OT-2026-17", "amount": "", "currency": "EUR", "url": ""}),
}  # fmt: skip


@pytest.mark.parametrize("model", list(CHOOSERS), ids=lambda m: m.__name__)
def test_a_groups_editor_creates_the_record_from_its_chooser(client, two_groups, model):
    ocean, _glacier = two_groups
    client.force_login(group_editor(ocean, "oona"))
    url, fields = CHOOSERS[model]
    modal = client.get(url)
    assert modal.status_code == 200
    html = modal.json()["html"]
    soup = BeautifulSoup(html, "html.parser")
    form = soup.select_one("form[action$='create/']")
    assert form is not None, "the chooser offers a Create tab"
    response = client.post(form["action"], {**fields, "site": ""})
    assert response.status_code == 200
    answer = response.json()
    assert answer["step"] == "chosen", answer  # created and chosen at once
    record = model.objects.get(pk=answer["result"]["id"])
    assert record.site_id == ocean.site.pk  # the editor's group, whatever was posted


def test_a_bad_record_in_the_create_tab_is_explained_and_nothing_saved(client, two_groups):
    ocean, _ = two_groups
    client.force_login(group_editor(ocean, "oona"))
    html = client.get(CHOOSERS[ExternalPerson][0]).json()["html"]
    action = BeautifulSoup(html, "html.parser").select_one("form[action$='create/']")["action"]
    before = ExternalPerson.objects.count()
    answer = client.post(action, {"name": "", "institution": "", "url": "not a url"}).json()
    assert answer["step"] != "chosen"
    assert "This field is required." in answer["htmlFragment"]
    assert ExternalPerson.objects.count() == before


def test_an_administrators_new_record_belongs_to_the_default_group(admin_client, tree):
    response = admin_client.get("/admin/snippets/people/externalperson/add/")
    soup = BeautifulSoup(response.content, "html.parser")
    chosen = soup.select_one("select[name=site] option[selected]")
    default = Site.objects.get(is_default_site=True)
    assert chosen is not None and chosen["value"] == str(default.pk)


def _opens_at(client, **headers):
    response = client.get("/admin/choose-page/", {"page_type": "people.personpage"}, **headers)
    assert response.status_code == 200
    return response.json()["parent_page_id"]


def _people_of(group):
    from people.profiles.models import PeopleIndexPage

    return PeopleIndexPage.objects.descendant_of(group.home).get().pk


def test_an_empty_person_chooser_opens_at_the_editors_people(client, two_groups):
    """Finding 4: the person chooser opened at the root of every site."""
    ocean, _glacier = two_groups
    client.force_login(group_editor(ocean, "oona"))
    assert _opens_at(client) == _people_of(ocean)
    # Other choosers keep Wagtail's own start; browsing elsewhere still works.
    other = client.get("/admin/choose-page/", {"page_type": "wagtailcore.page"}).json()
    assert other["parent_page_id"] != _people_of(ocean)
    root = client.get(f"/admin/choose-page/{ocean.home.pk}/", {"page_type": "people.personpage"})
    assert root.json()["parent_page_id"] == ocean.home.pk


def test_for_someone_in_several_groups_it_opens_at_the_people_of_the_page_being_edited(
    admin_client, two_groups
):
    _ocean, glacier = two_groups
    edit = f"http://testserver/admin/pages/{glacier.home.pk}/edit/"
    assert _opens_at(admin_client, HTTP_REFERER=edit) == _people_of(glacier)
    add = f"http://testserver/admin/pages/add/research/projectpage/{_people_of(glacier)}/"
    assert _opens_at(admin_client, HTTP_REFERER=add) == _people_of(glacier)
    # Without a page to go by, Wagtail's own start (where every group's people meet).
    assert _opens_at(admin_client) not in {_people_of(g) for g in two_groups}
