"""Test settings only: one request at a time in the test process.

pytest-django's live server answers each request in a thread of its own, and with SQLite's
shared in-memory test database every thread uses the same connection: two requests at once (a
browser's autosave racing the editor's Publish) interleave their transactions and break both
("no such savepoint"). Production has a connection per thread and never needs this. A request
that waits more than WAIT seconds goes ahead anyway, so a request made from inside another
(none today) is slow, not stuck."""

import threading

WAIT = 20

_one_at_a_time = threading.Lock()


class SerialRequests:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        acquired = _one_at_a_time.acquire(timeout=WAIT)
        try:
            return self.get_response(request)
        finally:
            if acquired:
                _one_at_a_time.release()
