"""The admin page listing's translation entries (labsite.translation_buttons) are
wagtail-localize's own, for every kind of row, in a number of queries that does not grow with
the rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail import hooks
from wagtail.models import Locale, Page
from wagtail_localize import wagtail_hooks as localize_hooks
from wagtail_localize.models import Translation, TranslationSource

from labsite import translation_buttons
from tests.factories import PublicationPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def german():
    return Locale.objects.get_or_create(language_code="de")[0]


def submit(client, page, locale):
    """wagtail-localize's own admin flow, as an editor submits a page for translation."""
    response = client.post(f"/admin/localize/submit/page/{page.pk}/", {"locales": [locale.pk]})
    assert response.status_code == 302


def entries(hook, page, user):
    return [(b.label, b.url) for b in hook(page, user, next_url="/admin/pages/")]


def test_every_kind_of_row_gets_wagtail_localizes_entries(
    tree, german, admin_client_logged_in, django_user_model
):
    client = admin_client_logged_in
    user = django_user_model.objects.get(username="boss")
    submit(client, tree.home, german)
    PublicationPageFactory(parent=tree.publications, title="Not yet translated")
    translated = PublicationPageFactory(parent=tree.publications, title="Translated")
    submit(client, translated, german)  # its index becomes a German alias on the way
    switched_off = PublicationPageFactory(parent=tree.publications, title="Translation paused")
    submit(client, switched_off, german)
    Translation.objects.filter(source__object__translation_key=switched_off.translation_key).update(
        enabled=False
    )
    aliased = PublicationPageFactory(parent=tree.publications, title="Only aliased")
    aliased.copy_for_translation(german, alias=True)

    pages = list(Page.objects.all())
    assert TranslationSource.objects.count() == 3 and any(p.alias_of_id for p in pages)
    seen = set()
    for page in pages:
        ours = entries(translation_buttons.page_listing_more_buttons, page, user)
        theirs = entries(localize_hooks.page_listing_more_buttons, page, user)
        assert ours == theirs, page
        seen.add(tuple(label for label, _ in ours))
    # Rows with each combination: translate only, sync only, neither (and the root: nothing).
    assert {("Translate this page",), ("Sync translated pages",), ()} <= seen


def test_the_listing_uses_this_hook_instead_of_wagtail_localizes():
    registered = hooks.get_hooks(translation_buttons.LISTING_HOOK)
    assert translation_buttons.page_listing_more_buttons in registered
    assert localize_hooks.page_listing_more_buttons not in registered
    # The page header's menu (one page) still asks wagtail-localize.
    assert localize_hooks.page_listing_more_buttons in hooks.get_hooks(
        "register_page_header_buttons"
    )


def test_the_listing_runs_as_many_queries_for_more_rows(tree, german, admin_client_logged_in):
    client = admin_client_logged_in
    submit(client, tree.home, german)

    def listing_queries() -> int:
        client.get(f"/admin/pages/{tree.publications.pk}/")  # caches warm
        with CaptureQueriesContext(connection) as queries:
            response = client.get(f"/admin/pages/{tree.publications.pk}/")
        assert response.status_code == 200
        return len(queries)

    for n in range(3):
        PublicationPageFactory(parent=tree.publications, title=f"Paper {n}")
    few = listing_queries()
    for n in range(3, 15):
        PublicationPageFactory(parent=tree.publications, title=f"Paper {n}")
    html = client.get(f"/admin/pages/{tree.publications.pk}/").content.decode()
    assert html.count("/admin/localize/submit/page/") >= 15  # one entry per row
    assert listing_queries() == few
