"""Mail without a mail server: printed, but never an answer code outside development."""

from django.core.mail.backends.console import EmailBackend


class WithheldBodyBackend(EmailBackend):
    """The console backend with each message's text left out.

    Invitations carry single-use answer codes. Printed to the console in production they
    would end up in the server's log (journald, gunicorn), where the code of the person it
    was sent to could be read. Only who it went to and the subject are printed.
    """

    def write_message(self, message):
        self.stream.write(
            f"To: {', '.join(message.recipients())}\nSubject: {message.subject}\n"
            "[The text is not printed: it holds a single-use answer code. "
            "Set BEMANNA_EMAIL_HOST to send it.]\n\n"
        )
