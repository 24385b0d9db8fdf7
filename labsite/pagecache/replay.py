"""Stored pages answered again as the whole stack last answered them, without Django's cycle.

Served through Django, a page-cache hit costs about as much as gunicorn's own work on the
request: the request object, the request_started and request_finished signals with their
receivers, the middlewares above the page cache, and a response whose headers are set one by
one (docs/design.md, "Replayed hits"). Yet for the most common request, a browser's plain GET
of a stored page, accepting gzip and asking no conditional question, the answer is the same
bytes every time until the copy expires or the content changes.

So the first such hit goes through Django as always, and what leaves the stack (status,
headers, body) is kept beside the page's cache key; the next request of the same shape for the
same key is sent those bytes. The key carries the content generation and the header
settings' digest (``middleware.page_key``), so a change or a release is never answered from here.
Everything else (an editor's session, a message waiting, conditional requests, HEAD, other
encodings, pages behind a purged proxy whose ``s-maxage`` counts down) goes through Django, and
an answer that sets a cookie is never kept.
"""

import time
from typing import NamedTuple

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.core.handlers.wsgi import WSGIRequest

from labsite.pagecache.memo import Recent
from labsite.pagecache.middleware import (
    EXPIRES_ENVIRON_KEY,
    anonymous_get,
    never_stored_paths,
    page_key,
    store_enabled,
)

#: Request headers that ask a question a stored answer might not match (a 304, a range):
#: such requests go through ConditionalGetMiddleware and the rest of the stack.
CONDITIONAL = (
    "HTTP_IF_NONE_MATCH",
    "HTTP_IF_MODIFIED_SINCE",
    "HTTP_IF_MATCH",
    "HTTP_IF_UNMODIFIED_SINCE",
    "HTTP_RANGE",
)


class Answer(NamedTuple):
    status: str
    headers: tuple[tuple[str, str], ...]
    body: bytes
    expires: float  # the stored copy's end (seconds since the epoch)


#: A few hundred pages, a few MB of gzipped HTML at most: what visitors ask for cannot grow a
#: worker's memory.
ANSWERS = Recent(size=300, budget=8 * 1024 * 1024, weigh=lambda answer: len(answer.body))


class ReplayStoredPages:
    """WSGI middleware around Django's application (labsite/wsgi.py)."""

    def __init__(self, application):
        self.application = application
        self.never_stored = never_stored_paths()

    def __call__(self, environ, start_response):
        shape = self._shape(environ)
        if shape is None:
            return self.application(environ, start_response)
        answer = ANSWERS.get(shape)
        if answer is not None and answer.expires > time.time():
            start_response(answer.status, list(answer.headers))
            return [answer.body]

        answered = []

        def keep_start_response(status, headers, exc_info=None):
            answered[:] = [status, headers]
            return start_response(status, headers, exc_info)

        response = self.application(environ, keep_start_response)
        expires = environ.get(EXPIRES_ENVIRON_KEY)
        # Only a hit the page cache served (it says until when) is the same for the next
        # request of this shape; a miss may carry a first render's one-off headers.
        if expires is None or not answered or not answered[0].startswith("200"):
            return response
        if any(name.lower() == "set-cookie" for name, _ in answered[1]):
            return response  # a hit sets none; if one ever did, it belongs to one visitor
        try:
            body = b"".join(response)
        finally:
            if hasattr(response, "close"):
                response.close()  # request_finished, as the WSGI server would
        ANSWERS.set(shape, Answer(answered[0], tuple(answered[1]), body, expires))
        return [body]

    def _shape(self, environ) -> tuple[str, bool] | None:
        """The page's cache key and whether the request is secure, when the answer would be
        the same bytes as the last one for them; None when Django must answer."""
        if environ.get("REQUEST_METHOD") != "GET":
            return None
        if "gzip" not in environ.get("HTTP_ACCEPT_ENCODING", ""):
            return None
        if any(name in environ for name in CONDITIONAL):
            return None
        if getattr(settings, "WAGTAILFRONTENDCACHE", None):
            return None  # s-maxage counts down with every answer
        request = WSGIRequest(environ)
        if not (anonymous_get(request, self.never_stored) and store_enabled(request)):
            return None
        secure = request.is_secure()
        if settings.SECURE_SSL_REDIRECT and not secure:
            return None  # SecurityMiddleware redirects
        try:
            return page_key(request), secure
        except DisallowedHost:
            return None  # Django answers 400
