"""The import generation: a token that changes whenever data behind the computed pages
change (an import of any kind, a unit moved, a target set, a wave closed, the retention run),
so what is expensive and unchanged (key figures, the board report's sections) can be kept in
Django's cache, which every server process shares, and is never served after a change.

The token is random, never a counter: a cleared or culled cache starts a new generation
rather than meet entries of an old one with the same number. A change bumps it at once and
again when its transaction commits, so figures computed from the old data in between are
never served either. Everything cached under it must also be keyed by all that the
disclosure decision depends on (unit, year, role, language): `remembered` takes those parts.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache
from django.db import transaction

KEY = "bemanna:generation"
TIMEOUT = 24 * 3600  # a day: entries of a generation nobody asks for go
# "data": what the key figures rest on; "forecast": the scenarios and their tables, which the
# board's forecast section adds (a lever moved must not recompute every key figure).
TOPICS = ("data", "forecast")
T = TypeVar("T")


def current(topic: str = "data") -> str:
    token = cache.get(f"{KEY}:{topic}")
    if token is None:
        token = uuid.uuid4().hex
        if not cache.add(f"{KEY}:{topic}", token, timeout=None):
            token = cache.get(f"{KEY}:{topic}") or token
    return str(token)


def start_new(topic: str = "data") -> None:
    """A new generation now."""
    cache.set(f"{KEY}:{topic}", uuid.uuid4().hex, timeout=None)


def bump(*_args, topic: str = "data", **_kwargs) -> None:
    """Start a new generation now and again once the current transaction commits (a signal
    receiver): the first so nothing kept before the change is served after it, the second
    so nothing computed meanwhile from the data before the commit is kept."""
    start_new(topic)
    transaction.on_commit(lambda: start_new(topic))


def bump_forecast(*args, **kwargs) -> None:
    bump(*args, topic="forecast", **kwargs)


def remembered(
    name: str, parts: tuple, compute: Callable[[], T], topics: tuple[str, ...] = ("data",)
) -> T:
    """`compute()`, or what it gave for the same name and parts in these topics' current
    generations."""
    raw = repr(([current(topic) for topic in topics], *parts)).encode()
    key = f"bemanna:{name}:{hashlib.sha256(raw).hexdigest()}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout=TIMEOUT)
    return value
