"""Mail without a mail server, outside development: refused, never printed.

Invitations carry single-use answer codes. Printed to the console in production they would
end up in the server's log (journald, gunicorn), where anyone reading the log could answer
in someone's name; printed without their text (as before) they were counted as sent while
nobody received them. So without BEMANNA_EMAIL_HOST nothing is sent and the caller hears
why: the pulse page and `bemanna run_schedule` say so, and the invitations stay unsent
until a mail server is configured and the schedule runs again.

Region Demo's people have made-up addresses under a reserved domain (`regiondemo.invalid`,
RFC 2606: no such domain can exist). Every backend Bemanna configures drops mail to such an
address before it reaches a server or the console (`DemoGuard`), so the demo never mails
anyone, whichever path sends: pulse invitations and reminders, the exit survey, the nudges.
"""

from __future__ import annotations

import logging

from django.core.mail.backends import console, smtp
from django.core.mail.backends.base import BaseEmailBackend

logger = logging.getLogger(__name__)

# Region Demo's mail domain, and the one demos built before it used (a real-looking name).
DEMO_DOMAIN = "regiondemo.invalid"
OLD_DEMO_DOMAINS = ("regiondemo.se",)


def is_demo_address(address: str) -> bool:
    """True for an address nobody may be mailed at: the demo's, or any reserved .invalid.

    >>> is_demo_address("Anna <anna.ek@RegionDemo.invalid>"), is_demo_address("a@region.se")
    (True, False)
    """
    domain = address.strip().rstrip(">").rsplit("@", 1)[-1].lower()
    return domain == "invalid" or domain.endswith(".invalid") or domain in OLD_DEMO_DOMAINS


def without_demo_addresses(messages) -> tuple[list, int]:
    """The messages with every demo address removed (those left with no recipient dropped),
    and how many addresses were removed."""
    kept, removed = [], 0
    for message in messages:
        for field in ("to", "cc", "bcc"):
            addresses = list(getattr(message, field, []) or [])
            real = [a for a in addresses if not is_demo_address(a)]
            removed += len(addresses) - len(real)
            setattr(message, field, real)
        if message.recipients():
            kept.append(message)
    return kept, removed


class DemoGuard:
    """Mixed into every backend Bemanna uses: the demo's addresses never get mail."""

    def send_messages(self, email_messages):
        kept, removed = without_demo_addresses(email_messages or [])
        if removed:
            logger.info("Not mailed: %d demo address(es) (%s).", removed, DEMO_DOMAIN)
        if not kept:
            return 0
        return super().send_messages(kept)


class SmtpBackend(DemoGuard, smtp.EmailBackend):
    pass


class ConsoleBackend(DemoGuard, console.EmailBackend):
    pass


class NoMailServer(OSError):
    """No mail server is configured; an OSError, like a mail server that cannot be reached,
    so the callers that already handle a failed send handle this too."""


class RefusingBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        email_messages, _removed = without_demo_addresses(email_messages or [])
        if not email_messages:
            return 0
        raise NoMailServer(
            "no mail server is configured (set BEMANNA_EMAIL_HOST); nothing was sent, and "
            "invitations are never printed to the log because they hold answer codes"
        )
