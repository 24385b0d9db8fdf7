"""Several languages (wagtail-localize): a translated page lives at /de/…, both versions point
to each other with hreflang and a language switcher, the address alone decides the language
(no Vary: Accept-Language), the contact form and the applicant's email come in the language
of the form they sent, and publications keep their metadata as published."""

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale, Page
from wagtail_localize.fields import get_translatable_fields

from labsite.demo import DemoContext
from labsite.demo_content import translate_page
from labsite.models import StandardPage
from research.publications.models import PublicationPage
from tests.people.test_apply_form import valid_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def german_about(tree):
    context = DemoContext()
    translate_page(context, tree.home, "de", title="Startseite", slug="start")
    about = StandardPage(title="About the lab", slug="about-the-lab", introduction="Who we are.")
    tree.home.add_child(instance=about)
    about.save_revision().publish()
    german = translate_page(
        context, about, "de", title="Über das Labor", slug="ueber-das-labor",
        introduction="Wer wir sind.",
    )  # fmt: skip
    return about, german


def test_a_german_page_s_menu_leads_to_the_german_pages(german_about, client):
    for page in german_about:
        page.show_in_menus = True
        page.save_revision().publish()
    english = client.get("/about-the-lab/").content.decode()
    deutsch = client.get("/de/ueber-das-labor/").content.decode()
    # The header's two menus (narrow and wide screens) and the footer's.
    assert english.count('href="/about-the-lab/"') >= 3
    assert deutsch.count('href="/de/ueber-das-labor/"') >= 3


def test_a_translated_page_has_its_own_address_and_both_versions_link_each_other(
    german_about, client
):
    about, german = german_about
    english_page = client.get("/about-the-lab/")
    german_page = client.get("/de/ueber-das-labor/")
    assert english_page.status_code == 200 and german_page.status_code == 200
    english, deutsch = english_page.content.decode(), german_page.content.decode()
    assert '<html lang="en-gb"' in english and '<html lang="de"' in deutsch
    assert "Wer wir sind." in deutsch and "Who we are." in english
    for html in (english, deutsch):
        assert 'hreflang="de" href="http://' in html and "/de/ueber-das-labor/" in html
        assert 'hreflang="en-gb" href="http://' in html and "/about-the-lab/" in html
        assert 'class="language-switcher"' in html
    assert 'lang="de" hreflang="de" aria-current="true">Deutsch</a>' in deutsch
    # German chrome: the skip link and the search form speak German on a German page.
    assert "Zum Hauptinhalt springen" in deutsch and "Skip to main content" in english
    # The address decides the language, so caches need not vary by the browser's.
    for response in (english_page, german_page):
        assert "Accept-Language" not in response.get("Vary", "")
    assert german_page["Content-Language"] == "de"
    browser_asks_german = client.get("/about-the-lab/", HTTP_ACCEPT_LANGUAGE="de")
    assert '<html lang="en-gb"' in browser_asks_german.content.decode()


def test_an_untranslated_page_shows_no_switcher_and_costs_no_query_for_it(german_about, client):
    page = StandardPage(title="Only in English", slug="only-english", introduction="Plain.")
    Page.objects.get(pk=german_about[0].get_parent().pk).add_child(instance=page)
    page.save_revision().publish()
    client.get("/only-english/")  # warm: the translated pages are read once per change
    with CaptureQueriesContext(connection) as queries:
        html = client.get("/only-english/").content.decode()
    assert "hreflang" not in html and "language-switcher" not in html
    # Neither the grouping of translated pages nor a page's own translations were asked for.
    asked = [q["sql"] for q in queries.captured_queries]
    assert not [sql for sql in asked if "HAVING" in sql or '"translation_key" = ' in sql]


def test_the_contact_form_and_the_applicants_email_speak_the_forms_language(
    client, django_capture_on_commit_callbacks
):
    form = client.get("/de/apply/")
    assert form.status_code == 200
    html = form.content.decode()
    assert '<html lang="de"' in html and "Kontakt zu einer Promotion" in html
    assert "Ihr Name" in html and "Zu Ihrer Person" in html
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/de/apply/", valid_data())
    assert response.status_code == 302 and response["Location"].startswith("/de/apply/")
    to_applicant = next(m for m in mail.outbox if m.to == ["ana@example.org"])
    assert "Ihre Anfrage ist eingegangen" in to_applicant.subject
    assert "Ihre Referenz:" in to_applicant.body and "Your reference" not in to_applicant.body
    to_staff = [m for m in mail.outbox if m.to != ["ana@example.org"]]
    assert to_staff and all(m.subject.startswith("New enquiry from") for m in to_staff)
    # A bad field: the message comes back in German too, with everything still typed.
    again = client.post("/de/apply/", valid_data(email="nicht-gültig"))
    assert again.status_code == 400
    assert "Geben Sie eine E-Mail-Adresse wie name@example.org ein." in again.content.decode()


def test_translating_a_publication_offers_only_its_lay_summary():
    fields = {field.field_name: field for field in get_translatable_fields(PublicationPage)}
    translatable = {name for name, field in fields.items() if field.is_translated(None)}
    assert "lay_summary" in translatable
    assert not translatable & {"title", "abstract", "venue", "doi", "authors", "year"}


def test_an_editor_translates_a_page_and_a_role_in_the_admin(tree, admin_client):
    """wagtail-localize's own admin flow: submit for translation, then edit the translation."""
    from django.utils import translation

    from people.profiles.snippets import Role

    german = Locale.objects.get_or_create(language_code="de")[0]
    home = tree.home
    submitted = admin_client.post(
        f"/admin/localize/submit/page/{home.pk}/", {"locales": [german.pk]}
    )
    assert submitted.status_code == 302
    german_home = home.get_translation(german)
    assert admin_client.get(f"/admin/pages/{german_home.pk}/edit/").status_code == 200

    role = Role.objects.create(name="Lab technician", plural_name="Lab technicians")
    submitted = admin_client.post(
        f"/admin/localize/submit/snippet/people/role/{role.pk}/", {"locales": [german.pk]}
    )
    assert submitted.status_code == 302
    translated = role.get_translation(german)
    translated.name, translated.plural_name = "Labortechniker:in", "Labortechniker:innen"
    translated.save()
    with translation.override("de"):
        assert role.in_language().plural_name == "Labortechniker:innen"
    assert role.in_language().plural_name == "Lab technicians"
    # A person page chooses among the original roles only.
    form = admin_client.get(f"/admin/pages/add/people/personpage/{tree.people.pk}/")
    assert b"Lab technician" in form.content and b"Labortechniker" not in form.content


def test_the_sitemap_lists_every_language(german_about, client):
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/about-the-lab/</loc>" in sitemap and "/de/ueber-das-labor/</loc>" in sitemap


def test_the_sitemap_names_each_pages_translations(german_about, client):
    import xml.etree.ElementTree as ET

    response = client.get("/sitemap.xml")
    names = {
        "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
        "x": "http://www.w3.org/1999/xhtml",
    }
    root = ET.fromstring(response.content)
    alternates = {
        url.find("s:loc", names).text: {
            link.get("hreflang"): link.get("href") for link in url.findall("x:link", names)
        }
        for url in root.findall("s:url", names)
    }
    english = next(loc for loc in alternates if loc.endswith("/about-the-lab/"))
    german = next(loc for loc in alternates if loc.endswith("/de/ueber-das-labor/"))
    # Both versions name both, and the site's own language as the default.
    for loc in (english, german):
        assert set(alternates[loc]) == {"en-gb", "de", "x-default"}, alternates[loc]
        assert alternates[loc]["de"] == german and alternates[loc]["x-default"] == english
    # A page with no translation names none.
    untranslated = next(loc for loc in alternates if loc.endswith("/publications/"))
    assert alternates[untranslated] == {}


def test_subscribing_in_german_is_german_from_form_to_confirmation(
    client, django_capture_on_commit_callbacks
):
    import re

    from labsite.models import Subscriber

    form = client.get("/de/subscribe/").content.decode()
    assert "Per E-Mail abonnieren" in form and "Ihre E-Mail-Adresse" in form
    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post("/de/subscribe/", {"email": "leser@example.org", "list_news": "daily"})
    assert sent.status_code == 302 and sent["Location"] == "/de/subscribe/sent/"
    (message,) = mail.outbox
    assert message.subject.startswith("Bestätigen Sie Ihr Abonnement")
    assert "Neuigkeiten der Gruppe" in message.body and "Guten Tag," in message.body
    link = re.search(r"http://[^\s]+/de/subscribe/confirm/[^\s]+/", message.body).group(0)
    done = client.post("/" + link.split("/", 3)[3])
    assert "Ihr Abonnement ist aktiv" in done.content.decode()
    assert Subscriber.objects.filter(email="leser@example.org").exists()
