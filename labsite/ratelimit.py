"""A fixed-window rate limit kept in the cache (Redis in production, shared by every worker)."""

import hashlib
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache


def client_ip(request) -> str:
    """The client's address; behind N trusted proxies, the Nth entry from the right of X-Forwarded-For."""
    proxies = settings.LABSITE_TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    count: int
    retry_after: int  # seconds until the window resets


def _window(scope: str, key: str, window: int, now: float | None) -> tuple[str, int, float]:
    now = time.time() if now is None else now
    window_start = int(now // window * window)
    # Hashing keeps raw addresses out of the cache and the key within memcached's limits.
    digest = hashlib.sha256(f"{scope}:{key}".encode()).hexdigest()[:32]
    return f"ratelimit:{scope}:{digest}:{window_start}", window_start, now


def peek(scope: str, key: str, limit: int, window: int, now: float | None = None) -> Verdict:
    """Whether one more attempt would be allowed, without counting it."""
    cache_key, window_start, now = _window(scope, key, window, now)
    count = cache.get(cache_key, 0) + 1
    return Verdict(count <= limit, count, window_start + window - int(now))


def hit(scope: str, key: str, limit: int, window: int, now: float | None = None) -> Verdict:
    """Count one attempt by ``key`` in ``scope``; allowed while the window holds at most ``limit``."""
    cache_key, window_start, now = _window(scope, key, window, now)
    cache.add(cache_key, 0, timeout=window + 5)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, timeout=window + 5)
        count = 1
    return Verdict(count <= limit, count, window_start + window - int(now))
