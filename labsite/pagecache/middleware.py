"""Store and serve whole pages for anonymous visitors; tell caches in front how long to keep them.

A copy is stored only when nothing about the response belongs to one visitor: a GET by someone
without a session or messages cookie, answered 200 by a view that did not touch the session,
set no cookie and used no CSRF token (pages with a form render one, so they are never stored).
Signed-in editors have a session cookie and always see the live site.

The middleware sits near the top of settings.MIDDLEWARE, so a stored copy is served before
the site, language, session, CSRF and policy middlewares below it do any work (together they
took more than half of a hit's time). A copy is stored as it leaves those middlewares, with
the headers they added (the security policy with its inline hashes, frame and permissions
policies, the language), and those headers are served with it; what belongs to one response
(cookies, Vary, Cache-Control) is never stored.
"""

import functools
import gzip
import hashlib
from hashlib import md5
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.core.cache import cache
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import quote_etag

from labsite.pagecache import generation, scopes
from labsite.pagecache.expiry import seconds_left

#: Addresses never stored: the admin, and anything that answers per request by design.
NEVER_STORED = ("/admin/", "/django-admin/", "/documents/", "/cv/", "/_util/", "/_health/")

#: Where Django's messages framework keeps a message for the next page (CookieStorage).
MESSAGES_COOKIE = "messages"

#: Query strings longer than this are served but not stored: filters are short, and a stored
#: copy per random query would let anyone fill the cache.
LONGEST_STORED_QUERY = 256

#: Says to the proxy in front that a page lists every group's records (dropped on any purge).
SCOPE_HEADER = "X-Labsite-Scope"

#: Headers a stored copy keeps, as the middlewares below this one and the view set them. The
#: rest are set on every response: by the middlewares above (HSTS, Referrer-Policy, ETag of
#: a page sent uncompressed) or here (Cache-Control); cookies are never stored.
KEPT_HEADERS = (
    "Content-Type",
    "Content-Disposition",
    "Content-Language",
    "Content-Security-Policy",
    "Content-Security-Policy-Report-Only",
    "Permissions-Policy",
    "X-Frame-Options",
    "Link",
    "Last-Modified",
    "X-Robots-Tag",
    "X-Total-Count",  # the open API's list sizes
    "Vary",  # as the view and the session left it (Cookie); Accept-Encoding is added per hit
)

#: Settings that shape the kept headers: a copy stored under other values (Redis outlives a
#: release) is not served.
HEADER_SETTINGS = (
    "CONTENT_SECURITY_POLICY",
    "CONTENT_SECURITY_POLICY_REPORT_ONLY",
    "LABSITE_PERMISSIONS_POLICY",
    "X_FRAME_OPTIONS",
)


@functools.cache
def _release() -> str:
    shaped = repr([getattr(settings, name, None) for name in HEADER_SETTINGS])
    return hashlib.sha256(shaped.encode()).hexdigest()[:12]


@receiver(setting_changed)
def _settings_changed(setting, **kwargs):
    if setting in HEADER_SETTINGS:  # (only tests change settings while running)
        _release.cache_clear()


def page_key(request) -> str:
    """Where a page's copy is stored: the header settings' digest and the address (host, path,
    query). Parameters are put in order of their names, but a repeated one keeps the order its
    values were sent in: views read the last (``?year=2023&year=2019`` is 2019)."""
    pairs = parse_qsl(request.META.get("QUERY_STRING", ""), keep_blank_values=True)
    query = urlencode(sorted(pairs, key=lambda pair: pair[0]))  # a stable sort
    address = f"{request.get_host()}{request.path}?{query}"
    digest = hashlib.sha256(address.encode()).hexdigest()
    return f"labsite:page:{_release()}:{digest}"


def _path_prefix(url: str) -> tuple[str, ...]:
    return (url,) if url and url.startswith("/") else ()


def never_stored_paths() -> tuple[str, ...]:
    """NEVER_STORED, and static files and media (served by whitenoise or the web server)."""
    return NEVER_STORED + _path_prefix(settings.STATIC_URL) + _path_prefix(settings.MEDIA_URL)


def anonymous_get(request, never_stored: tuple[str, ...]) -> bool:
    if request.method not in ("GET", "HEAD") or request.path.startswith(never_stored):
        return False
    return not (
        settings.SESSION_COOKIE_NAME in request.COOKIES or MESSAGES_COOKIE in request.COOKIES
    )


def store_enabled(request) -> bool:
    return (
        settings.PAGE_CACHE_STORE
        and len(request.META.get("QUERY_STRING", "")) <= LONGEST_STORED_QUERY
    )


def _storable(request, response) -> bool:
    if request.method != "GET" or response.status_code != 200 or response.streaming:
        return False
    if response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False
    policies = response.get("Content-Security-Policy", "") + response.get(
        "Content-Security-Policy-Report-Only", ""
    )
    if "'nonce-" in policies:
        return False  # a nonce must be new on every response
    # A session read is harmless here: the visitor sent no session cookie (anonymous_get), so
    # every such visitor reads the same empty session; one written to sets a cookie (above).
    control = response.get("Cache-Control", "")
    return not any(word in control for word in ("private", "no-store", "no-cache"))


class PageCacheMiddleware:
    """Below the middlewares every response needs fresh (security headers, compression, ETag),
    above all the others (see settings.MIDDLEWARE)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.never_stored = never_stored_paths()

    def __call__(self, request):
        if not anonymous_get(request, self.never_stored):
            return self.get_response(request)
        store = store_enabled(request)
        key = page_key(request) if store else None
        if store:
            stored = cache.get(key)
            if stored is not None and generation.unchanged(stored[4], stored[5]):
                return self._from_copy(stored, request)
        response = self.get_response(request)
        if response.status_code != 200:
            return response
        if not _storable(request, response):
            if not response.has_header("Cache-Control"):
                # A CSRF token or a cookie of this visitor's: no cache in front may keep it.
                patch_cache_control(response, private=True, no_cache=True)
            return response
        seconds = seconds_left(request, settings.PAGE_CACHE_SECONDS)
        if store and seconds > 0:
            expires = timezone.now().timestamp() + seconds
            headers = [(name, response[name]) for name in KEPT_HEADERS if response.has_header(name)]
            # Stored gzipped: small in the cache, and sent as it is to browsers that accept it,
            # with the ETag ConditionalGetMiddleware would compute for it.
            compressed = gzip.compress(response.content, compresslevel=6, mtime=0)
            etag = quote_etag(md5(compressed, usedforsecurity=False).hexdigest())
            # The content it depends on, as it was when rendered: served only while unchanged.
            depends_on = scopes.scopes_for_response(request)
            numbers = generation.snapshot(depends_on)
            cache.set(key, (compressed, etag, headers, expires, depends_on, numbers), seconds)
            response["X-Page-Cache"] = "miss"
            if generation.ANY_SITE in depends_on:
                # For the proxy: a purge of any site drops this page too (varnish.vcl).
                response[SCOPE_HEADER] = "every-site"
        _say_how_long(response, seconds)
        return response

    def _from_copy(self, stored, request) -> HttpResponse:
        content, etag, headers, expires, depends_on, _numbers = stored
        if "gzip" in request.META.get("HTTP_ACCEPT_ENCODING", ""):
            # No secret is in a stored page (no CSRF token, no cookie), so compression reveals
            # nothing (BREACH); GZipMiddleware leaves an encoded response alone.
            response = HttpResponse(content)
            response["Content-Encoding"] = "gzip"
            response["ETag"] = etag
        else:
            response = HttpResponse(gzip.decompress(content))
        response["Content-Length"] = str(len(response.content))
        for name, value in headers:
            response[name] = value
        patch_vary_headers(response, ("Accept-Encoding",))
        _say_how_long(response, max(0, int(expires - timezone.now().timestamp())))
        response["X-Page-Cache"] = "hit"
        if generation.ANY_SITE in depends_on:
            response[SCOPE_HEADER] = "every-site"
        return response


def _say_how_long(response, seconds: int) -> None:
    """Browsers check back every time (a 304 when unchanged); a purged proxy in front keeps the
    page as long as the page cache would. Without purging, a proxy must not keep it at all, or it
    would show an edit late."""
    if getattr(settings, "WAGTAILFRONTENDCACHE", None):
        patch_cache_control(response, public=True, max_age=0, s_maxage=seconds)
    else:
        patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
