"""Issue 40, findings 5, 7 and 8: a new group's site had no menu (its pages unreachable from its
home page), the demo's 404 was Django's debug page, and outgoing email was only in the terminal."""

import pytest
from bs4 import BeautifulSoup
from django.test import override_settings
from django.urls import path, reverse

from labsite.models import OutboxEmail

pytestmark = pytest.mark.django_db


def test_a_new_groups_home_page_links_to_every_section_in_menu_and_footer(two_groups, client):
    ocean, _ = two_groups
    soup = BeautifulSoup(client.get("/", HTTP_HOST="ocean.localhost").content, "html.parser")
    header = {a.get_text(strip=True) for a in soup.select("header nav a")}
    footer = {a.get_text(strip=True) for a in soup.select("footer nav a")}
    sections = {page.title for page in ocean.pages[1:]}
    assert len(sections) == 7
    assert sections <= header and sections <= footer
    for page in ocean.pages[1:]:
        assert client.get(page.url, HTTP_HOST="ocean.localhost").status_code == 200


def broken_view(request):
    raise RuntimeError("a bug")


urlpatterns = [path("broken/", broken_view)]


DEV_MIDDLEWARE = "labsite.middleware.SiteErrorPagesMiddleware"


@pytest.fixture
def development(settings):
    settings.DEBUG = True
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, DEV_MIDDLEWARE]


def test_under_make_run_a_missing_page_is_the_sites_own_404(development, client, tree):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "Using the URLconf" not in body and "Page not found" in body
    assert 'class="site-footer"' in body  # the site's own page, with its menu


def test_under_make_run_an_error_is_the_sites_own_500_and_logged(development, client, caplog):
    from labsite import urls

    with override_settings(ROOT_URLCONF=__name__):
        client.raise_request_exception = False
        response = client.get("/broken/")
    assert response.status_code == 500
    assert "Traceback" not in response.content.decode()
    assert any("a bug" in str(r.exc_info[1]) for r in caplog.records if r.exc_info)
    assert urls  # the site's own handlers are in its URLconf


def test_the_development_settings_use_the_sites_error_pages(monkeypatch):
    import importlib

    import labsite.settings.dev as dev

    monkeypatch.delenv("LABSITE_TECHNICAL_ERRORS", raising=False)
    assert DEV_MIDDLEWARE in importlib.reload(dev).MIDDLEWARE
    monkeypatch.setenv("LABSITE_TECHNICAL_ERRORS", "1")
    assert DEV_MIDDLEWARE not in importlib.reload(dev).MIDDLEWARE
    monkeypatch.delenv("LABSITE_TECHNICAL_ERRORS")
    importlib.reload(dev)


def test_the_outbox_shows_the_message_as_its_recipients_get_it(admin_client):
    row = OutboxEmail.objects.create(
        subject="New application for Dr Ada Lovelace",
        from_email="Tidewater Lab <lab@example.org>",
        to=["ada@example.org"],
        text_body="Dear Ada,\n\nA new application <b>arrived</b>.\n\nTidewater Lab",
        html_body="<p>Hello <script>alert(1)</script></p>",
    )
    page = admin_client.get(reverse("outbox:inspect", args=[row.pk])).content.decode()
    soup = BeautifulSoup(page, "html.parser")
    text = soup.select_one(".outbox-message pre").get_text()
    assert text.startswith("Dear Ada,\n\nA new application <b>arrived</b>.")
    assert "&lt;b&gt;" in page  # escaped, shown as written
    frame = soup.select_one(".outbox-message iframe")
    assert frame.has_attr("sandbox") and not frame["sandbox"]  # inert: nothing runs
    assert "<script>" in frame["srcdoc"] and "<script>" not in page
    assert "Tidewater Lab &lt;lab@example.org&gt;" in page
