"""The import generation: a token that changes whenever data behind the computed pages
change (an import of any kind, a unit moved, a target set, a wave closed, the retention run),
so what is expensive and unchanged (key figures, the board report's sections) can be kept in
Django's cache, which every server process shares, and is never served after a change.

The token is random, never a counter: a cleared or culled cache starts a new generation
rather than meet entries of an old one with the same number. A change bumps it at once and
again when its transaction commits, so figures computed from the old data in between are
never served either. Everything cached under it must also be keyed by all that the
disclosure decision depends on (unit, year, role, language): `remembered` takes those parts.

After an import the first page to ask would compute it all while its user waits, so the apps
register warmers (`register_warmer`) that compute what the first pages read, keyed as those
pages key it: the import commands run them after the commit (`warm_after_commit`), the Import
page in a thread of its own, and `bemanna run_schedule` each hour as a catch-up (a new day is
a new key). A warmer caches what every role reads before access is checked, as the pages do.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import uuid
from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import connections, transaction
from django.utils import timezone

# Raised when a figure's definition changes, so an upgrade serves nothing its older code kept
# (a new key is a new generation); 2: sick leave capped per day, spells cut at the year's end;
# 3: an HME index its statements' means' mean, pulse answers re-stored (pulse 0014);
# 4: Historik's days compared by sums of blocks (`over_time.few_apart`), a page's merged
# groups valued as one in kronor, the part-time lever over the page's pools; 5: Historik's
# units and groups of two days solved together (`crossing`); 6: every set of them of 1..k-1
# people, and the first day's on its own; 7: also three days in a row together.
RULES = 7
KEY = f"bemanna:generation:{RULES}"
TIMEOUT = 24 * 3600  # a day: entries of a generation nobody asks for go
# "data": what the key figures rest on; "forecast": the scenarios and their tables, which the
# board's forecast section adds (a lever moved must not recompute every key figure).
TOPICS = ("data", "forecast")
T = TypeVar("T")
logger = logging.getLogger(__name__)


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


def cache_key(name: str, parts: tuple, topics: tuple[str, ...] = ("data",)) -> str:
    """The shared cache's key of `name` and `parts` in these topics' current generations (for
    reading many at once with `cache.get_many`; `remembered` reads one)."""
    raw = repr(([current(topic) for topic in topics], *parts)).encode()
    return f"bemanna:{name}:{hashlib.sha256(raw).hexdigest()}"


def remembered(
    name: str, parts: tuple, compute: Callable[[], T], topics: tuple[str, ...] = ("data",)
) -> T:
    """`compute()`, or what it gave for the same name and parts in these topics' current
    generations."""
    key = cache_key(name, parts, topics)
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout=TIMEOUT)
    return value


# name → a function that computes (and so caches) what the first pages after a change read.
_warmers: dict[str, Callable[[], object]] = {}


def register_warmer(name: str, warm: Callable[[], object]) -> None:
    """Run `warm()` after each import and in each scheduled run (registering again replaces)."""
    _warmers[name] = warm


def warm() -> list[str]:
    """Run every warmer once for the current generations (a second call while the first runs,
    or after it, finds the entries and computes nothing); return the names that failed. A
    failure is logged and never the import's: the page computes it when asked."""
    day = timezone.localdate().isoformat()  # the pages key on today too
    marker = f"{KEY}:warming:{day}:{current('data')}:{current('forecast')}"
    if not cache.add(marker, 1, timeout=3600):
        return []
    failed = []
    for name, warmer in list(_warmers.items()):
        try:
            warmer()
        except Exception:
            logger.exception("Warming %s failed", name)
            failed.append(name)
    if failed:
        cache.delete(marker)  # the next scheduled run tries again
    return failed


def warm_after_commit(*, background: bool = False) -> None:
    """`warm()` once the current transaction commits (at once outside one), after the
    import's own new generation. `background`: in a thread of its own, so a web request that
    imported answers without waiting for it (BEMANNA_WARM_IN_BACKGROUND=0: not at all, the
    schedule's next run does it)."""
    if not background:
        transaction.on_commit(warm)
    elif settings.WARM_IN_BACKGROUND:
        transaction.on_commit(
            lambda: threading.Thread(target=_warm_then_close, daemon=True).start()
        )


def _warm_then_close() -> None:
    try:
        warm()
    finally:
        connections.close_all()  # the thread's own connections
