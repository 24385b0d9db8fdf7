"""Telling a reverse proxy in front (Varnish) which sites' pages to drop, at commit.

The purge is sent from the process that committed the change, right after the commit, with a
short timeout: a long task queue cannot hold it back. Only a purge the proxy did not
acknowledge becomes a task, queued ahead of every other (the highest priority), and retried
a few times, a little later each time (pages expire from the proxy by themselves
within ``PAGE_CACHE_SECONDS`` in any case). ``ProxyBackend`` is a ``wagtail.contrib.frontend_cache`` backend (its documented
extension point) that, unlike Wagtail's HTTPBackend, gives up after ``TIMEOUT`` seconds and
says so, so the caller can retry.

The VCL drops a whole host on a PURGE of its home address (any change may show on any page
of that site), and every page that lists every group's records (``x-labsite-scope``).
"""

import datetime
import logging
from urllib.error import URLError
from urllib.parse import urlsplit, urlunsplit
from urllib.request import Request, urlopen

from django.conf import settings
from django.utils import timezone
from django_tasks import task
from django_tasks.base import TASK_MAX_PRIORITY
from wagtail.contrib.frontend_cache.backends.base import BaseBackend
from wagtail.contrib.frontend_cache.utils import get_backends
from wagtail.models import Site

logger = logging.getLogger(__name__)


class PurgeFailed(Exception):
    pass


class ProxyBackend(BaseBackend):
    """PURGE ``url`` at the proxy's address (``LOCATION``), naming the url's host."""

    def __init__(self, params):
        super().__init__(params)
        self.location = urlsplit(params["LOCATION"])
        self.timeout = float(params.get("TIMEOUT", 1.0))

    def purge(self, url) -> None:
        target = urlsplit(url)
        request = Request(
            urlunsplit((self.location.scheme, self.location.netloc, target.path or "/", "", "")),
            method="PURGE",
            headers={"Host": target.hostname or ""},
        )
        try:
            with urlopen(request, timeout=self.timeout) as response:  # noqa: S310 - our setting
                if response.status >= 300:
                    raise PurgeFailed(f"{url}: the proxy answered {response.status}")
        except (URLError, OSError) as error:
            raise PurgeFailed(f"{url}: {error}") from error


def _home_urls(site_ids: set[int] | None) -> list[str]:
    sites = Site.objects.all()
    if site_ids is not None:
        sites = sites.filter(pk__in=site_ids)
    return sorted({f"{site.root_url}/" for site in sites})


def purge_sites(site_ids: set[int] | None) -> None:
    """Purge the pages of ``site_ids`` (None: every site) from the proxy, now; a purge that
    fails is queued as a task ahead of all others."""
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    urls = _home_urls(site_ids)
    if urls and not _send(urls):
        _retry_later(urls, attempt=1)


#: Attempts after the first, and the wait before each (seconds).
RETRY_WAITS = (1, 5, 30, 120)


def _retry_later(urls: list[str], attempt: int) -> None:
    if attempt > len(RETRY_WAITS) or not retry_purge.get_backend().supports_defer:
        logger.error("Gave up purging %s; the proxy drops them when they expire", urls)
        return
    run_after = timezone.now() + datetime.timedelta(seconds=RETRY_WAITS[attempt - 1])
    retry_purge.using(priority=TASK_MAX_PRIORITY, run_after=run_after).enqueue(urls, attempt)


def _send(urls: list[str]) -> bool:
    sent = True
    for name, backend in get_backends().items():
        try:
            backend.purge_batch(
                [u for u in urls if backend.invalidates_hostname(urlsplit(u).hostname)]
            )
        except Exception:  # a proxy that is down must not fail the editor's save
            logger.exception("Could not purge %s from the proxy %r; retrying in a task", urls, name)
            sent = False
    return sent


@task(priority=TASK_MAX_PRIORITY)
def retry_purge(urls: list[str], attempt: int = 1) -> None:
    if not _send(urls):
        _retry_later(urls, attempt + 1)
