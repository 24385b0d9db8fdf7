"""Members edit only their own page, and only through a site editor's approval.

Permission matrix (each row is a test below):

| who          | own page: edit | other's page: edit | publish own change | draft news | approve |
|--------------|----------------|--------------------|--------------------|------------|---------|
| member       | yes            | no                 | no (review)        | yes        | no      |
| site editor  | yes            | yes                | yes                | yes        | yes     |
"""

import io

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from labsite.models import NewsPage
from people.models import PersonPage
from tests.factories import PersonPageFactory


def person_form(person: PersonPage, **changes) -> dict:
    values = {
        "title": person.title,
        "slug": person.slug,
        "given_names": person.given_names,
        "family_name": person.family_name,
        "pronouns": person.pronouns,
        "role": person.role_id,
        "photo": person.photo_id or "",
        "photo_alt": person.photo_alt,
        "short_bio": person.short_bio,
        "biography": rich_text(person.biography or "<p></p>"),
        "interests": "",
        "body": streamfield([]),
        "career": streamfield([]),
        "start_date": person.start_date.isoformat() if person.start_date else "",
        "end_date": person.end_date.isoformat() if person.end_date else "",
        "next_position": person.next_position,
        "citation_name": person.citation_name,
        "name_variants": person.name_variants,
        "email": person.email,
        "website": person.website,
        "orcid": person.orcid,
        "google_scholar": person.google_scholar,
        "github": person.github,
        "mastodon": person.mastodon,
        "bluesky": person.bluesky,
        "linkedin": person.linkedin,
        "seo_title": "",
        "search_description": "",
        "comments": inline_formset([]),
        "cv_sections": inline_formset([]),
    }
    values.update(changes)
    return nested_form_data(values)


def published_person(parent, **fields):
    person = PersonPageFactory(parent=parent, **fields)
    person.save_revision().publish()  # as the admin leaves it: a live page with a revision
    person.refresh_from_db()
    return person


@pytest.fixture
def person(tree):
    return published_person(tree.people, given_names="Kwame", family_name="Member")


@pytest.fixture
def other(tree):
    return published_person(tree.people, given_names="Lia", family_name="Colleague")


@pytest.fixture
def member(django_user_model, person):
    call_command("invite_member", "kofi@example.org", person=person.slug, stdout=io.StringIO())
    person.refresh_from_db()
    return django_user_model.objects.get(email="kofi@example.org")


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user("editor", "editor@example.org", "pw")
    user.groups.add(Group.objects.get(name="Site editors"))
    return user


def edit_url(page) -> str:
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


@pytest.mark.django_db
def test_member_can_open_and_save_their_own_page(client, member, person):
    client.force_login(member)
    assert client.get(edit_url(person)).status_code == 200
    response = client.post(edit_url(person), person_form(person, short_bio="Now also teaches."))
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.has_unpublished_changes
    assert person.get_latest_revision_as_object().short_bio == "Now also teaches."
    assert person.short_bio != "Now also teaches.", "the live page is unchanged until approval"


@pytest.mark.django_db
def test_member_cannot_edit_another_members_page(client, member, other):
    client.force_login(member)
    assert client.get(edit_url(other)).status_code in (302, 403)
    response = client.post(edit_url(other), person_form(other, short_bio="Vandalised"))
    assert response.status_code in (302, 403)
    other.refresh_from_db()
    assert other.get_latest_revision_as_object().short_bio != "Vandalised"


@pytest.mark.django_db
def test_member_cannot_publish_without_approval(client, member, person):
    client.force_login(member)
    client.post(
        edit_url(person),
        person_form(person, short_bio="Published?", **{"action-publish": "publish"}),
    )
    person.refresh_from_db()
    assert person.short_bio != "Published?"


@pytest.mark.django_db
def test_member_submits_for_review_and_the_editor_is_notified(client, member, editor, person):
    client.force_login(member)
    mail.outbox.clear()
    response = client.post(
        edit_url(person),
        person_form(person, short_bio="Reviewed bio", **{"action-submit": "submit"}),
    )
    assert response.status_code == 302
    # They land back on what they edited, not on a listing of pages they cannot edit.
    assert response.url == edit_url(person)
    person.refresh_from_db()
    assert person.workflow_in_progress
    from labsite.models import OutboxEmail

    assert OutboxEmail.objects.filter(to=[editor.email], purpose="review_submitted").exists()
    assert person.short_bio != "Reviewed bio"


@pytest.mark.django_db
def test_site_editor_approves_and_the_change_goes_live(client, member, editor, person):
    client.force_login(member)
    client.post(
        edit_url(person),
        person_form(person, short_bio="Approved bio", **{"action-submit": "submit"}),
    )
    person.refresh_from_db()
    task_state = person.current_workflow_task_state
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:workflow_action", args=[person.pk, "approve", task_state.pk])
    response = client.post(url, {"comment": ""})
    assert response.status_code in (200, 302)
    person.refresh_from_db()
    assert person.short_bio == "Approved bio"
    assert not person.workflow_in_progress


@pytest.mark.django_db
def test_site_editor_can_edit_and_publish_any_page(client, editor, other):
    client.force_login(editor)
    response = client.post(
        edit_url(other),
        person_form(other, short_bio="Edited by editor", **{"action-publish": "publish"}),
    )
    assert response.status_code == 302
    other.refresh_from_db()
    assert other.short_bio == "Edited by editor"


@pytest.mark.django_db
def test_member_can_draft_news_but_not_publish_it(client, member, tree):
    index = tree.news
    client.force_login(member)
    url = reverse("wagtailadmin_pages:add", args=["labsite", "newspage", index.pk])
    assert client.get(url).status_code == 200
    data = nested_form_data(
        {
            "title": "A member's news",
            "slug": "a-members-news",
            "date": "2026-11-01",
            "summary": "Drafted by a member.",
            "image": "",
            "image_alt": "",
            "tags": "",
            "body": streamfield([]),
            "comments": inline_formset([]),
            "action-publish": "publish",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.content[:3000]
    news = NewsPage.objects.get(slug="a-members-news")
    assert not news.live


@pytest.mark.django_db
def test_member_cannot_create_pages_elsewhere(client, member, tree):
    client.force_login(member)
    home = tree.home
    url = reverse("wagtailadmin_pages:add", args=["labsite", "standardpage", home.pk])
    assert client.get(url).status_code in (302, 403)


@pytest.mark.django_db
def test_member_dashboard_links_to_their_page(client, member, person):
    client.force_login(member)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Your profile" in html
    assert edit_url(person) in html


@pytest.mark.django_db
def test_publishing_an_old_revision_keeps_the_account_link(member, person):
    old_revision = person.revisions.order_by("created_at").first()
    old_revision.publish()
    person.refresh_from_db()
    assert person.member_user == member


def _draft_news(index, title, owner):
    page = NewsPage(title=title, slug=title.lower().replace(" ", "-"), summary="x", owner=owner)
    index.add_child(instance=page)
    page.live = False
    page.save_revision(user=owner)
    page.save()
    return page


def test_a_member_sees_no_title_of_pages_they_may_not_open(client, member, editor, tree):
    """Finding 6: another member's draft and unpublished pages were readable through the admin
    API, the admin search and the page chooser's search."""
    secret = _draft_news(tree.news, "Secret merger plans", editor)
    client.force_login(member)
    mine_url = reverse("wagtailadmin_pages:add", args=["labsite", "newspage", tree.news.pk])
    client.post(
        mine_url,
        nested_form_data(
            {"title": "My own draft", "slug": "my-own-draft", "date": "2026-11-01",
             "summary": "Mine.", "image": "", "image_alt": "", "tags": "",
             "body": streamfield([]), "comments": inline_formset([]), "action-draft": "1"}
        ),
    )  # fmt: skip
    mine = NewsPage.objects.get(slug="my-own-draft")

    detail = client.get(f"/admin/api/main/pages/{secret.pk}/")
    assert detail.status_code == 404 and b"Secret merger" not in detail.content
    listing = client.get(f"/admin/api/main/pages/?child_of={tree.news.pk}&for_explorer=1")
    assert b"Secret merger" not in listing.content and b"My own draft" in listing.content
    search = client.get("/admin/pages/search/?q=merger")  # the box repeats what was typed
    assert b"Secret merger plans" not in search.content
    chooser = client.get("/admin/choose-page/search/?q=Secret")
    assert b"Secret merger" not in chooser.content
    assert client.get(f"/admin/api/main/pages/{mine.pk}/").status_code == 200
    # A site editor still sees everything.
    client.force_login(editor)
    assert client.get(f"/admin/api/main/pages/{secret.pk}/").status_code == 200
    assert b"Secret merger plans" in client.get("/admin/pages/search/?q=merger").content
