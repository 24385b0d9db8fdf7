"""Each private name the adapters use (labsite/adapters/*.USES), against the installed
library: an upgrade that renames or reshapes one fails here, naming it, before a page tree,
a fetch guard or the admin listing breaks quietly."""

import http.server
import threading

import pytest
import requests
from wagtail import hooks
from wagtail.models import Page

from labsite.adapters import treebeard, urllib3, wagtail


def test_every_adapter_lists_what_it_uses():
    assert treebeard.USES and urllib3.USES and wagtail.USES
    assert len(treebeard.USES + urllib3.USES + wagtail.USES) <= 8


def test_treebeard_paths_are_as_the_adapter_assumes():
    assert hasattr(Page, "_str2int") and hasattr(Page, "_get_path"), treebeard.USES
    assert Page.steplen == 4 and Page.alphabet == "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    assert treebeard.step_of("00010003") == 3
    assert treebeard.step_of("0001000Z") == 35
    assert treebeard.child_path("0001", 2, 3) == "00010003"
    assert treebeard.child_path("00010002", 3, 36) == "000100020010"


@pytest.mark.django_db
def test_treebeard_takes_a_remembered_parent_without_a_query(tree, django_assert_num_queries):
    page = Page(title="Child", slug="child", depth=tree.home.depth + 1)
    page.path = treebeard.child_path(tree.home.path, page.depth, 999)
    treebeard.remember_parent(page, tree.home)
    with django_assert_num_queries(0):
        assert page.get_parent() is tree.home


def test_urllib3_connections_still_resolve_through_the_names_the_adapter_sets():
    from urllib3.connection import HTTPConnection

    assert callable(getattr(HTTPConnection, "_new_conn", None)), urllib3.USES
    assert HTTPConnection("example.org", 80)._dns_host == "example.org", urllib3.USES


def test_urllib3_adapter_connects_to_the_vetted_address_with_the_name_as_host():
    seen = {}

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            seen["host"] = self.headers["Host"]
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        session = requests.Session()
        session.trust_env = False
        vetted = []

        def vet(host, port):
            vetted.append((host, port))
            return "127.0.0.1"

        session.mount("http://", urllib3.checked_adapter(vet))
        port = server.server_address[1]
        response = session.get(f"http://name-nobody-resolves.invalid:{port}/", timeout=5)
        assert response.text == "ok"
        assert vetted == [("name-nobody-resolves.invalid", port)]
        assert seen["host"] == f"name-nobody-resolves.invalid:{port}"
    finally:
        server.shutdown()


def test_wagtail_hooks_registry_is_as_the_adapter_assumes():
    registry = getattr(hooks, "_hooks", None)
    assert isinstance(registry, dict), wagtail.USES

    def theirs():
        return "theirs"

    def ours():
        return "ours"

    name = "labsite_adapter_test_hook"
    hooks.register(name, theirs)
    try:
        assert all(isinstance(entry, tuple) and entry[0] for entry in registry[name])
        assert wagtail.replace_hook(name, theirs, ours)
        assert [fn() for fn in hooks.get_hooks(name)] == ["ours"]
        assert not wagtail.replace_hook(name, theirs, ours)  # gone: nothing to replace
    finally:
        registry.pop(name, None)


def test_wagtail_connects_its_review_emails_with_the_uids_the_adapter_takes():
    """labsite.mail.review takes the places of Wagtail's review emails by their dispatch_uid;
    renamed, Wagtail's would be sent beside ours (twice to everyone, outside the outbox)."""
    import inspect

    import wagtail.admin.signal_handlers as handlers

    source = inspect.getsource(handlers)
    for _name, signal, sender, uid in wagtail.WORKFLOW_EMAIL_RECEIVERS:
        assert f'"{uid}"' in source, (uid, wagtail.USES)
        assert signal.has_listeners(sender)


def test_wagtails_page_chooser_takes_a_start_as_the_adapter_passes_it():
    """labsite.adapters.wagtail.page_chooser_opening_at calls Wagtail's chooser view with
    ``parent_page_id`` at the address Wagtail serves it from; if either moves, an empty person
    chooser opens at the root again (or the chooser breaks)."""
    import inspect

    from django.urls import reverse
    from wagtail.admin.views.chooser import BrowseView

    assert "parent_page_id" in inspect.signature(BrowseView.get).parameters
    assert reverse("wagtailadmin_choose_page") == "/admin/choose-page/"
    assert reverse("wagtailadmin_choose_page_child", args=[7]) == "/admin/choose-page/7/"
