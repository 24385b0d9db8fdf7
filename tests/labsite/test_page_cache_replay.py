"""Replayed hits (labsite/pagecache/replay.py): a browser's plain GET of a stored page gets the
bytes of the last identical hit without Django's request cycle, and nothing else ever does.

These requests go through the WSGI application as gunicorn calls it (labsite/wsgi.py), not
Django's test client, which starts below the replay."""

import datetime
import gzip
import io
import time

import pytest
import time_machine
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.utils import timezone

from labsite.pagecache.middleware import EXPIRES_ENVIRON_KEY
from labsite.pagecache.replay import ANSWERS, ReplayStoredPages

pytestmark = pytest.mark.django_db

BROWSER = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}


@pytest.fixture
def application(page_cache):
    ANSWERS.clear()
    # As Django's test client does: the test's transaction must outlive each request.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield ReplayStoredPages(WSGIHandler())
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
        ANSWERS.clear()


@pytest.fixture
def through_django():
    """How many requests reached Django's request cycle."""
    seen = []

    def count(**kwargs):
        seen.append(1)

    request_started.connect(count)
    yield seen
    request_started.disconnect(count)


def call(application, path, method="GET", **headers):
    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "testserver",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": io.StringIO(),
        **headers,
    }
    started = {}

    def start_response(status, response_headers, exc_info=None):
        started.update(status=status, headers=list(response_headers))

    chunks = application(environ, start_response)
    body = b"".join(chunks)
    if hasattr(chunks, "close"):
        chunks.close()
    return started["status"], started["headers"], body


def test_the_third_visit_gets_the_second_ones_bytes_without_django(
    application, page, through_django
):
    call(application, page.url, **BROWSER)  # rendered and stored
    hit = call(application, page.url, **BROWSER)  # served by the page cache, through Django
    assert ("X-Page-Cache", "hit") in hit[1]
    before = len(through_django)
    replayed = call(application, page.url, **BROWSER)
    assert len(through_django) == before
    assert replayed == hit  # status, every header in order, body
    assert b"Visiting us" in gzip.decompress(replayed[2])


def test_a_published_change_is_never_answered_from_a_replay(application, page, through_django):
    for _ in range(3):
        call(application, page.url, **BROWSER)
    page.title = "Visiting the lab"
    page.save_revision().publish()
    before = len(through_django)
    status, _, body = call(application, page.url, **BROWSER)
    assert len(through_django) == before + 1
    assert status.startswith("200") and b"Visiting the lab" in gzip.decompress(body)


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_COOKIE": "sessionid=abc", **BROWSER},  # a signed-in editor sees the live site
        {"HTTP_COOKIE": "messages=abc", **BROWSER},
        {"HTTP_IF_NONE_MATCH": '"abc"', **BROWSER},  # Django answers 304 or the page
        {"HTTP_ACCEPT_ENCODING": "identity"},  # unzipped by the page cache
        {},
        {"REQUEST_METHOD": "HEAD", **BROWSER},
        {"QUERY_STRING": "x=" + "y" * 300, **BROWSER},  # too long to store
    ],
    ids=["session", "message", "conditional", "identity", "no-encoding", "head", "long-query"],
)
def test_other_requests_go_through_django(application, page, through_django, headers):
    for _ in range(3):
        call(application, page.url, **BROWSER)
    method = headers.pop("REQUEST_METHOD", "GET")
    before = len(through_django)
    call(application, page.url, method=method, **headers)
    call(application, page.url, method=method, **headers)
    assert len(through_django) == before + 2


def test_a_secure_request_is_not_answered_with_a_plain_ones_bytes(
    application, page, settings, through_django
):
    settings.SECURE_HSTS_SECONDS = 3600
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    application = ReplayStoredPages(WSGIHandler())  # SecurityMiddleware reads them at start
    for _ in range(3):
        call(application, page.url, **BROWSER)
    before = len(through_django)
    _, headers, _ = call(application, page.url, HTTP_X_FORWARDED_PROTO="https", **BROWSER)
    assert len(through_django) == before + 1
    assert any(name == "Strict-Transport-Security" for name, _ in headers)


def test_an_expired_copy_is_not_replayed(application, page, through_django, settings):
    settings.PAGE_CACHE_SECONDS = 60
    for _ in range(3):
        call(application, page.url, **BROWSER)
    before = len(through_django)
    with time_machine.travel(timezone.now() + datetime.timedelta(seconds=61)):
        call(application, page.url, **BROWSER)
    assert len(through_django) == before + 1


def test_behind_a_purged_proxy_every_hit_goes_through_django(
    application, page, settings, through_django
):
    # Its s-maxage counts down with each answer, so no two answers are the same bytes.
    settings.WAGTAILFRONTENDCACHE = {
        "proxy": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": "http://127.0.0.1:1",
        }
    }
    for _ in range(3):
        call(application, page.url, **BROWSER)
    before = len(through_django)
    call(application, page.url, **BROWSER)
    assert len(through_django) == before + 1


def test_the_deployed_application_replays(settings):
    from labsite import wsgi

    assert isinstance(wsgi.application, ReplayStoredPages)


def test_an_answer_that_sets_a_cookie_is_never_kept(page_cache):
    # No hit sets one today; the rule holds whatever a future middleware adds.
    calls = []

    def django(environ, start_response):
        calls.append(1)
        environ[EXPIRES_ENVIRON_KEY] = time.time() + 600
        start_response("200 OK", [("Content-Type", "text/html"), ("Set-Cookie", "a=b")])
        return [b"<p>hello</p>"]

    application = ReplayStoredPages(django)
    for _ in range(3):
        assert call(application, "/somewhere/", **BROWSER)[2] == b"<p>hello</p>"
    assert len(calls) == 3
