"""Through a real Varnish with the repository's VCL: cached pages, purged on publish within a
second, never a page that belongs to one visitor.

Here, with the browser tests, because it needs pytest-django's live server (a real gunicorn-like
server thread and committed data); Varnish is Debian's package, installed by .ci/run."""

import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from wagtail.models import Site

from tests.factories import StandardPageFactory
from tests.support import varnish as varnish_command


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def varnish(live_server, settings, tmp_path):
    varnishd = shutil.which("varnishd") or "/usr/sbin/varnishd"
    if not Path(varnishd).exists():
        pytest.skip("Debian's varnish is not installed (apt-get install varnish)")
    backend_port = live_server.url.rsplit(":", 1)[1]
    vcl = tmp_path / "labsite.vcl"
    vcl.write_text(varnish_command.vcl_for_backend(backend_port))
    port = free_port()
    process = subprocess.Popen(
        [varnishd, "-F", "-j", "none", "-n", str(tmp_path / "varnish"), "-f", str(vcl),
         "-a", f"127.0.0.1:{port}", "-s", "malloc,32m", *varnish_command.parameters(),
         "-p", "ban_lurker_sleep=0.01"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )  # fmt: skip
    address = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise RuntimeError(
                    f"varnishd did not start: {process.stdout.read().decode()}"
                ) from None
            time.sleep(0.05)
    settings.WAGTAILFRONTENDCACHE = {
        "proxy": {"BACKEND": "labsite.pagecache.purge.ProxyBackend", "LOCATION": address}
    }
    yield address
    process.terminate()
    process.wait(timeout=10)


def get(url, cookie=None, host=None):
    # As visitors do: by the site's own host name, the one labsite's purges name.
    host = host or Site.objects.get(is_default_site=True).hostname
    request = urllib.request.Request(url, headers={"Host": host})
    if cookie:
        request.add_header("Cookie", cookie)
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.headers, response.read().decode()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_published_change_is_visible_through_the_proxy_within_a_second(
    varnish, tree, live_server, settings
):
    settings.PAGE_CACHE_STORE = True  # so gunicorn's answer says whether labsite had a copy
    page = StandardPageFactory(parent=tree.home, title="Harbour walk", slug="harbour-walk")
    page.save_revision().publish()
    url = f"{varnish}{page.url}"
    assert get(url)[0]["X-Proxy-Cache"] == "miss"
    headers, html = get(url)
    assert headers["X-Proxy-Cache"] == "hit" and "Harbour walk" in html
    # Kept without what describes only the backend's answer, with the site's own headers.
    backend = get(f"{live_server.url}{page.url}")[0]
    assert backend["Server"] and backend["X-Page-Cache"]
    assert headers["Server"] is None and headers["X-Page-Cache"] is None
    assert headers["Content-Security-Policy"] and headers["Permissions-Policy"] is not None

    page.title = "Harbour walk, moved to Sunday"
    started = time.monotonic()
    page.save_revision().publish()  # commits at once: the purge goes out
    while "moved to Sunday" not in get(url)[1]:
        assert time.monotonic() - started < 1.0, "the change is not visible through the proxy"
        time.sleep(0.02)
    print(f"visible through Varnish {1000 * (time.monotonic() - started):.0f} ms after publish")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_proxy_keeps_no_page_with_a_form_and_passes_signed_in_editors(varnish):
    for _ in range(2):
        headers, html = get(f"{varnish}/subscribe/")
        assert headers["X-Proxy-Cache"] == "miss" and "csrfmiddlewaretoken" in html
    get(f"{varnish}/")
    assert get(f"{varnish}/")[0]["X-Proxy-Cache"] == "hit"
    assert get(f"{varnish}/", cookie="sessionid=abc")[0]["X-Proxy-Cache"] == "miss"
    # A CSRF cookie left by an earlier form does not split the cache.
    assert get(f"{varnish}/", cookie="csrftoken=xyz")[0]["X-Proxy-Cache"] == "hit"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_change_shows_within_a_second_behind_a_thousand_queued_tasks(varnish, tree, settings):
    """The purge is sent at commit, not queued behind the worker's backlog."""
    from django_tasks_db.models import DBTaskResult

    from labsite.scheduling import tick

    # As in production: tasks wait in the database for a worker (none runs here).
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    page = StandardPageFactory(parent=tree.home, title="Tide tables", slug="tide-tables")
    page.save_revision().publish()
    url = f"{varnish}{page.url}"
    get(url)
    assert get(url)[0]["X-Proxy-Cache"] == "hit"
    for _ in range(1000):
        tick.enqueue()
    assert DBTaskResult.objects.filter(status="READY").count() >= 1000
    page.title = "Tide tables for December"
    started = time.monotonic()
    page.save_revision().publish()
    while "for December" not in get(url)[1]:
        assert time.monotonic() - started < 1.0, "the purge waited behind the queue"
        time.sleep(0.02)
    assert DBTaskResult.objects.filter(status="READY").count() >= 1000  # no worker ran them


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_change_in_one_group_purges_only_its_host(varnish, tree, settings):
    from labsite.groups.services import create_group

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "ocean.localhost", "glacier.localhost"]
    ocean = create_group("Ocean Lab", "ocean.localhost")
    create_group("Glacier Lab", "glacier.localhost")
    for host in ("ocean.localhost", "glacier.localhost"):
        get(f"{varnish}/", host=host)
        assert get(f"{varnish}/", host=host)[0]["X-Proxy-Cache"] == "hit"
    home = ocean.home.specific
    home.title = "Ocean Lab, now with gliders"
    home.save_revision().publish()
    assert get(f"{varnish}/", host="glacier.localhost")[0]["X-Proxy-Cache"] == "hit"
    headers, html = get(f"{varnish}/", host="ocean.localhost")
    assert headers["X-Proxy-Cache"] == "miss"


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a 302 is the answer under test, not a step to follow


def answer(url, cookie=None):
    """(status, headers, body) as a visitor's first request gets it, redirects not followed."""
    host = Site.objects.get(is_default_site=True).hostname
    request = urllib.request.Request(url, headers={"Host": host})
    if cookie:
        request.add_header("Cookie", cookie)
    opener = urllib.request.build_opener(_NoRedirects)
    try:
        with opener.open(request, timeout=10) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as refusal:
        return refusal.code, refusal.headers, refusal.read().decode()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_each_visibility_level_through_the_proxy(varnish, tree, client, django_user_model):
    """docs/visibility.md through a real varnishd: public and unlisted pages are kept and
    served to anyone; a private page reaches only who may open it, before and after they did."""
    from django.contrib.auth.models import Group
    from wagtail.models import PageViewRestriction

    group = Group.objects.create(name="Reading group")
    member = django_user_model.objects.create_user("reader", "r@example.org", "pw")
    member.groups.add(group)
    client.force_login(member)
    session = f"sessionid={client.cookies['sessionid'].value}"

    pages = {}
    for level in ("public", "unlisted", "institution", "named"):
        page = StandardPageFactory(parent=tree.home, title=f"Level {level}", slug=level)
        page.unlisted = level == "unlisted"
        page.save_revision().publish()
        if level == "institution":
            PageViewRestriction.objects.create(page=page, restriction_type="login")
        elif level == "named":
            restriction = PageViewRestriction.objects.create(page=page, restriction_type="groups")
            restriction.groups.set([group])
        pages[level] = f"{varnish}{page.url}"

    for level in ("public", "unlisted"):
        assert answer(pages[level])[0] == 200
        status, headers, html = answer(pages[level])
        assert (status, headers["X-Proxy-Cache"]) == (200, "hit"), level
        assert ('content="noindex"' in html) == (level == "unlisted")
    for level in ("institution", "named"):
        status, headers, html = answer(pages[level], cookie=session)
        assert status == 200 and f"Level {level}" in html, level
        for _ in range(2):  # the member's copy never reaches anyone else
            status, headers, html = answer(pages[level])
            assert status == 302 and "/login/" in headers["Location"], level
            assert f"Level {level}" not in html
