"""The page cache: stored copies for anonymous visitors, dropped on every kind of change, expiring
at the moments the site knows of, never holding anything that belongs to one visitor."""

import datetime

import pytest
import time_machine
import wagtail_factories
from django.utils import timezone
from wagtail.models import Page

from labsite.models import SiteSettings
from labsite.pagecache import generation
from people.models import Role
from tests.factories import (
    ApplicationFactory,
    OpeningPageFactory,
    PersonPageFactory,
    StandardPageFactory,
)

pytestmark = pytest.mark.django_db


def fetch(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response


def test_the_second_visit_is_served_from_the_cache_without_a_query(
    client, page_cache, page, django_assert_num_queries
):
    first = fetch(client, page.url)
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = fetch(client, page.url)
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    # Headers of this response, not of the stored one: the security policy is there.
    assert "Content-Security-Policy" in second and second["Content-Type"].startswith("text/html")


#: Headers each response gets of its own; every other header of a hit is the stored page's.
PER_RESPONSE = {"X-Page-Cache", "Content-Length", "ETag", "Cache-Control"}


def test_a_hit_carries_every_header_the_page_was_rendered_with(client, page_cache, page, settings):
    settings.LABSITE_PERMISSIONS_POLICY = {"camera": [], "geolocation": []}
    settings.SECURE_REFERRER_POLICY = "same-origin"
    first, second = fetch(client, "/"), fetch(client, "/")
    assert second["X-Page-Cache"] == "hit"
    kept = {name: value for name, value in first.items() if name not in PER_RESPONSE}
    assert {name: value for name, value in second.items() if name not in PER_RESPONSE} == kept
    # The ones the stored copy brings, and the ones set afresh above the page cache.
    for name in ("Content-Security-Policy", "Permissions-Policy", "X-Frame-Options",
                 "Content-Language", "Referrer-Policy", "X-Content-Type-Options"):  # fmt: skip
        assert second[name], name
    # (A hit's policy additions, the brand colour's hash and the statistics origin, are in
    # test_analytics.py.)


def test_a_hit_is_served_before_the_site_and_language_are_worked_out(
    client, page_cache, page, monkeypatch
):
    fetch(client, page.url)

    def not_for_a_hit(*args, **kwargs):
        raise AssertionError("a stored copy needs neither the site nor the language")

    monkeypatch.setattr("wagtail.models.Site.find_for_request", not_for_a_hit)
    monkeypatch.setattr("labsite.languages.language_of_path", not_for_a_hit)
    assert fetch(client, page.url)["X-Page-Cache"] == "hit"


def test_a_copy_stored_under_another_security_policy_is_not_served(
    client, page_cache, page, settings
):
    fetch(client, page.url)
    policy = {**settings.CONTENT_SECURITY_POLICY}
    policy["DIRECTIVES"] = {**policy["DIRECTIVES"], "frame-src": ["https://video.example.org"]}
    settings.CONTENT_SECURITY_POLICY = policy  # a release with another policy
    response = fetch(client, page.url)
    assert response["X-Page-Cache"] == "miss"
    assert "https://video.example.org" in response["Content-Security-Policy"]


def test_a_page_that_used_a_nonce_is_not_stored(rf, page_cache):
    from django.http import HttpResponse

    from labsite.pagecache.middleware import _storable

    request = rf.get("/")
    page = HttpResponse("a page")
    page["Content-Security-Policy"] = "default-src 'self'; script-src 'self' 'sha256-abc='"
    assert _storable(request, page)
    page["Content-Security-Policy"] = "default-src 'self'; script-src 'nonce-made-for-this'"
    assert not _storable(request, page)


def test_the_order_of_query_parameters_does_not_matter(client, page_cache):
    fetch(client, "/publications/?year=2024&type=article")
    assert fetch(client, "/publications/?type=article&year=2024")["X-Page-Cache"] == "hit"
    assert fetch(client, "/publications/?year=2023")["X-Page-Cache"] == "miss"


def test_a_repeated_parameter_is_kept_in_the_order_it_was_sent(client, page_cache):
    # The view reads the last value: each order is its own page.
    first = fetch(client, "/publications/?year=2023&year=2019")
    second = fetch(client, "/publications/?year=2019&year=2023")
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "miss")
    assert first.content != second.content
    assert fetch(client, "/publications/?year=2019&year=2023").content == second.content


def _publish_title(page):
    page.title = "Visiting the group"
    page.save_revision().publish()


def _unpublish(page):
    page.unpublish()


def _delete(page):
    page.delete()


def _move(page):
    page.move(page.get_parent().get_children().exclude(pk=page.pk).first(), "last-child")


def _snippet(page):
    Role.objects.create(name="Visiting fellow", plural_name="Visiting fellows")


def _image(page):
    wagtail_factories.ImageFactory(title="A new photo")


def _site_setting(page):
    settings = SiteSettings.for_site(page.get_site())
    settings.save()


def _member_edit_approved(page):
    person = PersonPageFactory(parent=Page.objects.get(pk=page.get_parent().pk))
    person.short_bio = "Changed by the member, approved by an editor."
    person.save_revision().publish()


@pytest.mark.parametrize(
    "change",
    [_publish_title, _unpublish, _delete, _move, _snippet, _image, _site_setting,
     _member_edit_approved],
)  # fmt: skip
def test_every_kind_of_change_drops_the_stored_copies(client, page_cache, page, change):
    fetch(client, "/")
    assert fetch(client, "/")["X-Page-Cache"] == "hit"
    change(page)
    assert fetch(client, "/")["X-Page-Cache"] == "miss"


def test_a_published_change_shows_at_once(client, page_cache, page):
    fetch(client, page.url)
    _publish_title(page)
    response = fetch(client, page.url)
    assert "Visiting the group" in response.content.decode()


def test_saving_a_draft_or_a_private_record_keeps_the_copies(client, page_cache, page):
    fetch(client, "/")
    before = generation.current()
    page.title = "Only a draft"
    page.save_revision()
    ApplicationFactory()
    assert generation.current() == before
    assert fetch(client, "/")["X-Page-Cache"] == "hit"


def test_a_copy_expires_at_the_next_deadline(client, page_cache, tree):
    soon = (timezone.now() + datetime.timedelta(minutes=3)).astimezone(datetime.UTC)
    opening = OpeningPageFactory(
        parent=tree.openings,
        title="Research assistant",
        deadline_date=soon.date(),
        deadline_time=soon.time().replace(microsecond=0),
    )
    opening.save_revision().publish()
    deadline = opening.deadline
    assert fetch(client, "/openings/")["X-Page-Cache"] == "miss"
    assert fetch(client, "/openings/")["X-Page-Cache"] == "hit"
    with time_machine.travel(deadline + datetime.timedelta(seconds=1)):
        response = fetch(client, "/openings/")
        assert response["X-Page-Cache"] == "miss"
        listed = response.content.decode()
        assert "Research assistant" not in listed[: listed.find("Past openings")]


@pytest.mark.parametrize("url", ["/apply/", "/subscribe/"])
def test_a_page_with_a_form_is_never_stored(client, page_cache, url):
    for _ in range(2):
        response = fetch(client, url)
        assert "X-Page-Cache" not in response
        assert "private" in response["Cache-Control"]
        assert "csrfmiddlewaretoken" in response.content.decode()


def test_signed_in_editors_bypass_the_cache(admin_client_logged_in, client, page_cache, page):
    fetch(client, page.url)
    response = fetch(admin_client_logged_in, page.url)
    assert "X-Page-Cache" not in response


def test_a_visitor_with_a_message_waiting_is_not_served_a_copy(client, page_cache, page):
    fetch(client, page.url)
    client.cookies["messages"] = "anything"
    assert "X-Page-Cache" not in fetch(client, page.url)


def test_browsers_check_back_and_an_unpurged_proxy_keeps_nothing(client, page_cache, page):
    control = fetch(client, page.url)["Cache-Control"]
    assert "max-age=0" in control and "must-revalidate" in control and "s-maxage" not in control


def test_a_purged_proxy_may_keep_a_page_as_long_as_the_cache(
    client, page_cache, page, purged_proxy, settings
):
    control = fetch(client, page.url)["Cache-Control"]
    assert f"s-maxage={settings.PAGE_CACHE_SECONDS}" in control and "max-age=0" in control


def test_an_unchanged_page_is_not_sent_again(client, page_cache, page):
    etag = fetch(client, page.url)["ETag"]
    assert client.get(page.url, headers={"if-none-match": etag}).status_code == 304


def test_a_committed_change_purges_the_proxy_once(
    client, page_cache, tree, purged_proxy, monkeypatch, django_capture_on_commit_callbacks
):
    purged = []
    monkeypatch.setattr("labsite.pagecache.purge._send", lambda urls: purged.extend(urls) or True)
    with django_capture_on_commit_callbacks(execute=True):
        page = StandardPageFactory(parent=tree.home)
        _publish_title(page)
    site = page.get_site()
    assert purged == [f"{site.root_url}/"], "one purge per site; the proxy drops the whole host"


def test_a_stored_page_goes_out_compressed_to_browsers_that_accept_it(client, page_cache, page):
    import gzip

    plain = fetch(client, page.url).content
    response = client.get(page.url, headers={"accept-encoding": "gzip, br"})
    assert response["X-Page-Cache"] == "hit" and response["Content-Encoding"] == "gzip"
    assert gzip.decompress(response.content) == plain
    assert "Accept-Encoding" in response["Vary"]
    assert fetch(client, page.url).content == plain  # and plain to those that do not


def test_an_unwritable_stamp_is_reported_and_saving_still_works(
    client, page_cache, settings, tmp_path, tree
):
    from django.core.management import call_command
    from django.core.management.base import SystemCheckError

    blocker = tmp_path / "a-file-not-a-folder"
    blocker.write_text("")
    settings.PAGE_CACHE_STAMP_FILE = blocker / "generation"
    with pytest.raises(SystemCheckError, match="labsite.E101"):
        call_command("check")
    page = StandardPageFactory(parent=tree.home, title="Saved anyway")
    page.save_revision().publish()  # no 500 for the editor
    assert fetch(client, page.url).status_code == 200
