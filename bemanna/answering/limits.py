"""Counting what one client does in a fixed window: wrong survey codes, anonymous proposals.

Two things made the old counters wrong. Behind the reverse proxy every request came from
the proxy's address, so ten wrong codes from anyone locked out the whole region; now the
client's address is read from `X-Forwarded-For`, but only when the request comes from a
proxy named in `BEMANNA_TRUSTED_PROXY` (anyone else could write that header). And Django's
`cache.incr` stores the new count with the cache's default timeout (five minutes), so each
wrong guess restarted a shorter window; now the window ends a fixed time after the first
count, whatever happens in between.

Only a keyed hash of the address is kept, in the cache, for the length of the window.
"""

from __future__ import annotations

import hashlib
import ipaddress
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache


def client_address(request) -> str:
    """The client's address: the connection's, or, from a trusted proxy, the nearest
    address in X-Forwarded-For that is not itself a trusted proxy."""
    remote = request.META.get("REMOTE_ADDR", "")
    if not _trusted(remote):
        return remote
    forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    for address in reversed([a for a in forwarded if a]):
        try:
            ipaddress.ip_address(address)
        except ValueError:
            return remote  # a malformed header is not trusted at all
        if not _trusted(address):
            return address
    return remote


def _trusted(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in settings.TRUSTED_PROXIES)


@dataclass(frozen=True)
class Window:
    """At most `limit` counts per client in `seconds`, from the first count on."""

    name: str
    limit: int
    seconds: int

    def _key(self, request) -> str:
        address = client_address(request)
        digest = hashlib.sha256(f"{settings.SECRET_KEY}:{self.name}:{address}".encode())
        return f"limit:{self.name}:{digest.hexdigest()[:32]}"

    def _state(self, key: str, now: float) -> tuple[int, float]:
        count, ends = cache.get(key, (0, 0.0))
        return (0, now + self.seconds) if ends <= now else (count, ends)

    def exceeded(self, request) -> bool:
        count, _ends = self._state(self._key(request), time.time())
        return count >= self.limit

    def count(self, request) -> None:
        # The cache is shared by every server process (a file cache), so the limit holds
        # across gunicorn workers; two workers counting at the same instant may count once.
        key, now = self._key(request), time.time()
        count, ends = self._state(key, now)
        cache.set(key, (count + 1, ends), timeout=max(1, int(ends - now) + 1))
