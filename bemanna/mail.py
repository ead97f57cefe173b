"""Mail without a mail server, outside development: refused, never printed.

Invitations carry single-use answer codes. Printed to the console in production they would
end up in the server's log (journald, gunicorn), where anyone reading the log could answer
in someone's name; printed without their text (as before) they were counted as sent while
nobody received them. So without BEMANNA_EMAIL_HOST nothing is sent and the caller hears
why: the pulse page and `bemanna run_schedule` say so, and the invitations stay unsent
until a mail server is configured and the schedule runs again.
"""

from django.core.mail.backends.base import BaseEmailBackend


class NoMailServer(OSError):
    """No mail server is configured; an OSError, like a mail server that cannot be reached,
    so the callers that already handle a failed send handle this too."""


class RefusingBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        if not email_messages:
            return 0
        raise NoMailServer(
            "no mail server is configured (set BEMANNA_EMAIL_HOST); nothing was sent, and "
            "invitations are never printed to the log because they hold answer codes"
        )
