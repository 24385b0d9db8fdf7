"""urllib3's connections, made to the address labsite checked rather than one resolved again.

``labsite.security.outbound`` refuses to fetch internal addresses (server-side request
forgery). Checking the name's addresses and then letting urllib3 resolve the name again would
let a second DNS answer swap in another address (DNS rebinding), so the connection must go to
the checked address itself while Host and TLS still use the name. urllib3 resolves in its
private ``_new_conn`` from its private ``_dns_host``; it has no public hook for either.
"""

import socket
from collections.abc import Callable

from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import NameResolutionError

#: The private names used here, checked by tests/labsite/test_adapters.py.
USES = ("HTTPConnection._new_conn", "HTTPConnection._dns_host")


def checked_adapter(vet: Callable[[str, int], str], **kwargs) -> HTTPAdapter:
    """A requests adapter whose connections go to ``vet(host, port)``: the address to connect
    to, or an exception raised (each connection, each redirect's too)."""

    class _Vetted:
        def _new_conn(self):
            try:
                self._dns_host = vet(self.host, self.port)
            except socket.gaierror as error:
                raise NameResolutionError(self.host, self, error) from error
            return super()._new_conn()

    class _HTTP(_Vetted, HTTPConnection):
        pass

    class _HTTPS(_Vetted, HTTPSConnection):
        pass

    class _HTTPPool(HTTPConnectionPool):
        ConnectionCls = _HTTP

    class _HTTPSPool(HTTPSConnectionPool):
        ConnectionCls = _HTTPS

    class _Adapter(HTTPAdapter):
        def init_poolmanager(self, *args, **kw):
            super().init_poolmanager(*args, **kw)
            self.poolmanager.pool_classes_by_scheme = {"http": _HTTPPool, "https": _HTTPSPool}

    return _Adapter(**kwargs)
