"""Finding 6 of the production-truth issue: member-supplied addresses reached internal hosts.

A real HTTP server on this machine plays both the internal target and, where a test allows its
address explicitly, a public site that redirects inward, drips slowly or sends too much.
"""

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from labsite.security import outbound

hits: list[str] = []


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        hits.append(self.path)
        if self.path == "/redirect-inward":
            self.send_response(302)
            self.send_header("Location", f"http://127.0.0.2:{self.server.server_port}/secret")
            self.end_headers()
        elif self.path == "/redirect-to-metadata":
            self.send_response(302)
            self.send_header("Location", "http://169.254.169.254/latest/meta-data/")
            self.end_headers()
        elif self.path == "/huge":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            chunk = b"x" * 65536
            try:
                for _ in range(200):  # 12.5 MB unless the client hangs up first
                    self.wfile.write(chunk)
            except (BrokenPipeError, ConnectionResetError):
                pass
        elif self.path == "/slow":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            try:
                for _ in range(30):
                    self.wfile.write(b"<p>drip</p>")
                    self.wfile.flush()
                    time.sleep(0.2)
            except (BrokenPipeError, ConnectionResetError):
                pass
        else:
            body = b"<html><head><title>ok</title></head></html>"
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()


@pytest.fixture
def trusted_local(settings):
    """Let 127.0.0.1 (only) stand in for a public site."""
    settings.LABSITE_OUTBOUND_ALLOWED_NETWORKS = ["127.0.0.1/32"]


@pytest.mark.parametrize(
    "url, reason",
    [
        ("http://127.0.0.1:{port}/", "loopback"),
        ("http://localhost:{port}/", "loopback"),
        ("http://[::1]:{port}/", "loopback"),
        ("http://169.254.169.254/latest/meta-data/", "link-local"),
        ("http://10.0.0.1/", "private network"),
        ("http://192.168.1.1/", "private network"),
        ("http://[::ffff:127.0.0.1]:{port}/", "loopback"),
        ("http://0.0.0.0:{port}/", "reserved"),
    ],
)
def test_internal_addresses_are_refused_before_connecting(server, url, reason):
    hits.clear()
    port = server.rsplit(":", 1)[1]
    with pytest.raises(outbound.FetchRefused, match=reason):
        outbound.fetch(url.format(port=port))
    assert hits == [], "no request may reach the internal server"


def test_only_web_addresses(server):
    with pytest.raises(outbound.FetchRefused, match="http:// or https://"):
        outbound.fetch("file:///etc/passwd")


def test_a_public_address_is_fetched(server, trusted_local):
    fetched = outbound.fetch(server + "/paper")
    assert fetched.status == 200 and b"<title>ok</title>" in fetched.body


@pytest.mark.parametrize("path", ["/redirect-inward", "/redirect-to-metadata"])
def test_every_redirect_is_checked(server, trusted_local, path):
    hits.clear()
    with pytest.raises(outbound.FetchRefused, match="never fetches"):
        outbound.fetch(server + path)
    assert hits == [path]


def test_bodies_are_cut_at_the_cap(server, trusted_local):
    fetched = outbound.fetch(server + "/huge", max_bytes=300_000, truncate=True)
    assert len(fetched.body) == 300_000 and fetched.truncated
    with pytest.raises(outbound.FetchRefused, match="more than"):
        outbound.fetch(server + "/huge", max_bytes=1024 * 1024)


def test_a_dripping_server_meets_one_overall_deadline(server, trusted_local):
    started = time.monotonic()
    with pytest.raises(outbound.FetchRefused, match="did not answer within 1 seconds"):
        outbound.fetch(server + "/slow", timeout=1)
    assert time.monotonic() - started < 3


@pytest.mark.django_db
def test_sharing_an_internal_address_says_why_and_keeps_what_was_typed(client, server):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from research.models import FeedPaper

    user = get_user_model().objects.create_user("kofi", "kofi@example.org", "pw")
    user.groups.add(Group.objects.get(name="Members"))
    client.force_login(user)
    hits.clear()
    response = client.post(
        "/admin/paper-feed/new/",
        {"address": server + "/admin-panel", "comment": "Worth a look"},
        follow=True,
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "which this site never fetches" in html
    assert "Worth a look" in html
    assert hits == [] and not FeedPaper.objects.filter(url__contains="admin-panel").exists()
