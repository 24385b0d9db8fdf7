"""Fetching addresses that members paste, without letting them reach inside the network.

A member who shares a paper by address makes the server fetch it. Without a guard, that
address could be the server itself (http://127.0.0.1:5432), the cloud's metadata service
(http://169.254.169.254/) or any machine on the private network: server-side request forgery.
Here every connection, including each redirect's, is made only after the host name is
resolved and every address it resolves to is checked; the socket then connects to the checked
address itself, so a second DNS answer cannot swap in another (DNS rebinding). Bodies are read
as a stream, up to a byte cap and a deadline.

Deployers whose publishers sit on an internal network can allow it explicitly with the setting
LABSITE_OUTBOUND_ALLOWED_NETWORKS (a list of CIDR ranges).
"""

import ipaddress
import socket
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

import requests
from django.conf import settings

from labsite.adapters import urllib3 as urllib3_adapter

USER_AGENT = "labsite/0.1 (research group website)"
MAX_REDIRECTS = 5


class FetchRefused(Exception):
    """The address may not be fetched, or fetching it failed; the message is for the member."""


@dataclass
class Fetched:
    status: int
    content_type: str
    body: bytes
    url: str  # after redirects
    truncated: bool


def _allowed_networks():
    return [
        ipaddress.ip_network(network, strict=False)
        for network in settings.LABSITE_OUTBOUND_ALLOWED_NETWORKS
    ]


def refusal(address: str) -> str | None:
    """Why ``address`` (an IP) may not be fetched, or None when it is a public address."""
    ip = ipaddress.ip_address(address.split("%")[0])
    if ip.version == 6 and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    if any(ip in network for network in _allowed_networks()):
        return None
    if ip.is_unspecified:
        return "a reserved address that is not on the public internet"
    if ip.is_loopback:
        return "the server itself (a loopback address)"
    if ip.is_link_local:
        return "a link-local address (such as a cloud metadata service)"
    if ip.is_private:
        return "a private network address"
    if ip.is_multicast or ip.is_reserved or not ip.is_global:
        return "a reserved address that is not on the public internet"
    return None


def _vetted_address(host: str, port: int) -> str:
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    addresses = list(dict.fromkeys(info[4][0] for info in infos))
    for address in addresses:
        reason = refusal(address)
        if reason:
            raise FetchRefused(
                f"{host} points to {reason}, which this site never fetches. Paste the paper's "
                "public address (its journal or preprint page)."
            )
    return addresses[0]


def _session() -> requests.Session:
    session = requests.Session()
    # No proxies from the environment: a proxy would make the connection, unchecked.
    session.trust_env = False
    session.max_redirects = MAX_REDIRECTS
    # Each connection goes to the address checked here (labsite.adapters.urllib3).
    adapter = urllib3_adapter.checked_adapter(_vetted_address, max_retries=0)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session


def fetch(
    url: str,
    headers: dict[str, str] | None = None,
    *,
    max_bytes: int = 2 * 1024 * 1024,
    timeout: float = 10,
    truncate: bool = False,
) -> Fetched:
    """GET ``url`` if it and every redirect lead to public addresses.

    Reads at most ``max_bytes`` (beyond that: cut when ``truncate``, else refused) and gives up
    after ``timeout`` seconds in all, however slowly the server drips its answer.
    """
    parts = urlsplit(url)
    host = parts.hostname or ""
    if parts.scheme not in ("http", "https") or not host:
        raise FetchRefused(
            "Only web addresses starting with http:// or https:// can be fetched. Check the address."
        )
    deadline = time.monotonic() + timeout
    try:
        with _session() as session:
            response = session.get(
                url,
                headers={"User-Agent": USER_AGENT, **(headers or {})},
                timeout=(min(5, timeout), timeout),
                stream=True,
                allow_redirects=True,
            )
            with response:
                body, truncated = bytearray(), False
                # read1 returns what has arrived (it does not wait to fill the chunk), so the
                # deadline is checked however slowly the server drips.
                while chunk := response.raw.read1(64 * 1024, decode_content=True):
                    body += chunk
                    if len(body) > max_bytes:
                        if not truncate:
                            raise FetchRefused(
                                f"{host} sent more than {max_bytes // (1024 * 1024)} MB, more "
                                "than any record should be. Enter the details by hand."
                            )
                        del body[max_bytes:]
                        truncated = True
                        break
                    if time.monotonic() > deadline:
                        raise requests.Timeout()
                return Fetched(
                    response.status_code,
                    response.headers.get("Content-Type", ""),
                    bytes(body),
                    response.url,
                    truncated,
                )
    except FetchRefused:
        raise
    except requests.Timeout:
        raise FetchRefused(
            f"{host} did not answer within {timeout:g} seconds. Try again later, or enter the "
            "details by hand."
        ) from None
    except requests.TooManyRedirects:
        raise FetchRefused(
            f"{host} redirected more than {MAX_REDIRECTS} times. Paste the address the page "
            "finally opens at."
        ) from None
    except (requests.RequestException, OSError, ValueError) as error:
        reason = error.__class__.__name__
        raise FetchRefused(
            f"Could not reach {host} ({reason}). Check the address, or the server's internet "
            "access, or enter the details by hand."
        ) from None
