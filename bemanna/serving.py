"""`bemanna serve [ADDRESS:PORT] [--workers N]`: the web server, in the user's language.

Its help is Bemanna's own (the address, the workers, the environment that matters), not
gunicorn's. Before a server starts, the address is read and its port tried: a malformed
address or a port in use is one line and exit status 2 or 1, not gunicorn's English
"Connection in use" retried for a minute, nor a traceback. Without BEMANNA_DEBUG the server
is gunicorn, at log level warning, after one line saying where Bemanna answers; with
BEMANNA_DEBUG=1 it is Django's development server (`runserver`, as `make run` starts it),
saying the same line instead of its English ones.
"""

from __future__ import annotations

import argparse
import errno
import logging
import socket
import sys

from django.utils.translation import gettext, gettext_noop

from bemanna.clifiles import UNMIGRATED, BemannaParser, argparse_in_catalogue, speak, unmigrated

DEFAULT = "127.0.0.1:8000"

DESCRIPTION = gettext_noop(
    "Run Bemanna's web server. Without BEMANNA_DEBUG it is the production server (gunicorn) "
    "behind your TLS proxy; with BEMANNA_DEBUG=1 Django's development server, only for "
    "trying Bemanna out."
)
ENVIRONMENT = gettext_noop("Environment:")
# The environment a server reads, as the README tells it: (name, what it does).
VARIABLES = (
    ("BEMANNA_SECRET_KEY", gettext_noop("required without BEMANNA_DEBUG; keep it")),
    ("BEMANNA_PSEUDONYM_KEY", gettext_noop("required without BEMANNA_DEBUG; keep it")),
    ("BEMANNA_DATA_DIR", gettext_noop("where the SQLite database is (default: var/)")),
    ("DATABASE_URL", gettext_noop("postgresql://… for PostgreSQL instead")),
    ("BEMANNA_SSL_REDIRECT=0", gettext_noop("for a trial on your own machine: no https://")),
    ("BEMANNA_ALLOWED_HOSTS", gettext_noop("the host names the server answers to")),
    ("BEMANNA_WORKERS", gettext_noop("worker processes (default 2; --workers)")),
    ("BEMANNA_THREADS", gettext_noop("threads per worker (1 on SQLite, 4 on PostgreSQL)")),
    ("BEMANNA_LOG_FORMAT=json", gettext_noop("the access log as JSON")),
    ("BEMANNA_DEBUG=1", gettext_noop("the development server, with development keys")),
)


class _Formatter(argparse.HelpFormatter):
    """argparse's, but the environment's lines (indented) are kept as written."""

    def _fill_text(self, text, width, indent):
        return "\n".join(
            line
            if line.startswith("  ")
            else super(_Formatter, self)._fill_text(line, width, indent)
            for line in text.splitlines()
        )


class Refused(Exception):
    """The address cannot be served: one line, and the exit status."""

    def __init__(self, message: str, status: int = 1) -> None:
        super().__init__(message)
        self.status = status


def parser() -> BemannaParser:
    """`bemanna serve`'s options, in the active language."""
    from bemanna.settings import envint

    argparse_in_catalogue()
    made = BemannaParser(
        prog="bemanna serve",
        description=DESCRIPTION,
        epilog=_environment(),
        formatter_class=_Formatter,
        called_from_command_line=True,
    )
    made.add_argument(
        "address",
        nargs="?",
        default=DEFAULT,
        metavar=gettext("ADDRESS:PORT"),
        help=gettext_noop(
            "Address and port to serve on (default 127.0.0.1:8000); a port alone means 127.0.0.1."
        ),
    )
    made.add_argument(
        "--workers",
        type=int,
        metavar="N",
        default=envint("BEMANNA_WORKERS", "2"),
        help=gettext_noop(
            "Worker processes of the production server (default BEMANNA_WORKERS, else 2)."
        ),
    )
    return speak(made, "serve")


def _environment() -> str:
    width = max(len(name) for name, _text in VARIABLES) + 2
    lines = [f"  {name:<{width}}{gettext(text)}" for name, text in VARIABLES]
    return "\n".join([gettext(ENVIRONMENT), *lines])


def address(given: str) -> tuple[str, int]:
    """The host and port of `bemanna serve ADDRESS:PORT`; a port alone is on 127.0.0.1.

    Examples:
        >>> address("127.0.0.1:8117"), address("8117"), address("[::1]:80")
        (('127.0.0.1', 8117), ('127.0.0.1', 8117), ('::1', 80))
    """
    host, colon, port = given.rpartition(":")
    if not colon:
        host, port = "127.0.0.1", given
    host = host.removeprefix("[").removesuffix("]")
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise Refused(
            gettext(
                "Not an address and port: %(given)s. Write it as 127.0.0.1:8000 (or 8000 alone)."
            )
            % {"given": given},
            status=2,
        )
    return host, int(port)


def check_free(host: str, port: int) -> None:
    """Bind the address as the server will (SO_REUSEADDR, as gunicorn does) and let it go;
    a port in use or an address not of this machine is one line."""
    where = {"host": host, "port": port}
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror:
        raise Refused(gettext("Unknown host name: %(host)s.") % where) from None
    family, kind, proto, _name, sockaddr = found[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(sockaddr)
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                message = gettext(
                    "Port %(port)s on %(host)s is already in use: stop what runs there, or "
                    "choose another port (bemanna serve %(host)s:%(other)s)."
                )
                raise Refused(message % {**where, "other": port + 1}) from None
            if error.errno == errno.EACCES:
                message = gettext(
                    "Port %(port)s needs administrator rights; choose one above 1023 "
                    "(bemanna serve %(host)s:8000)."
                )
                raise Refused(message % where) from None
            message = gettext("Cannot serve on %(host)s:%(port)s: %(reason)s.")
            raise Refused(message % {**where, "reason": error.strerror}) from None


def url(host: str, port: int) -> str:
    """Where a browser on this machine reaches the server."""
    shown = {"0.0.0.0": "127.0.0.1", "::": "::1"}.get(host, host)
    return f"http://[{shown}]:{port}/" if ":" in shown else f"http://{shown}:{port}/"


ANSWERS = gettext_noop("Bemanna answers on %(url)s (Ctrl+C stops it).")
DEVELOPMENT = gettext_noop("Development server (BEMANNA_DEBUG=1): only for trying Bemanna out.")


def development_server(bind: str, extra: list[str]) -> None:
    """Django's runserver (with the static files, as staticfiles makes it) on `bind`, its
    English lines ("Performing system checks…", "Starting development server at…", the
    warning) replaced by Bemanna's, in the user's language. Its reloader runs `bemanna serve`
    again in a child process, which comes here too."""
    from django.contrib.staticfiles.management.commands import runserver

    # "Watching for file changes with StatReloader" at every start.
    logging.getLogger("django.utils.autoreload").setLevel(logging.WARNING)

    class Command(runserver.Command):
        def inner_run(self, *args, **options):
            if not options["skip_checks"]:
                # A finding is still shown (and stops the server); "no issues" is not.
                self.check(**{**super().get_check_kwargs(options), "display_num_errors": False})
            super().inner_run(*args, **{**options, "skip_checks": True})

        def check_migrations(self):
            if unmigrated():
                self.stderr.write(gettext(UNMIGRATED), lambda x: x)

        def on_bind(self, server_port):
            where = url(self.addr, server_port)
            self.stdout.write(gettext(ANSWERS) % {"url": where})
            self.stdout.write(gettext(DEVELOPMENT))

    Command().run_from_argv([sys.argv[0], "runserver", bind, *extra])
