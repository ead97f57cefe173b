"""What Bemanna's commands share: the checks of the files they are given (one line saying
what is wrong with a path: missing, a folder, unreadable, the wrong kind; never a Python
traceback), and a base command whose help speaks the user's language."""

from __future__ import annotations

import argparse
import contextlib
import os
import stat
import sys
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import (
    BaseCommand,
    CommandError,
    SystemCheckError,
    handle_default_options,
)
from django.db import connections
from django.utils.translation import gettext, gettext_noop, ngettext

# argparse's own words (usage, errors, the help's headings) and Django's help of the options
# every command has, for the catalogue: the parser looks them up in the active language.
PARSER_TEXTS = (
    gettext_noop("usage: "),
    gettext_noop("positional arguments"),
    gettext_noop("options"),
    gettext_noop("show this help message and exit"),
    gettext_noop("the following arguments are required: %s"),
    gettext_noop("unrecognized arguments: %s"),
    gettext_noop("invalid %(type)s value: %(value)r"),
    gettext_noop("invalid choice: %(value)r (choose from %(choices)s)"),
    gettext_noop("expected one argument"),
    gettext_noop("argument %(argument_name)s: %(message)s"),
    gettext_noop("%(prog)s: error: %(message)s\n"),
    gettext_noop("Show program's version number and exit."),
    gettext_noop(
        "Verbosity level; 0=minimal output, 1=normal output, 2=verbose output, "
        "3=very verbose output"
    ),
    gettext_noop("Display a full stack trace on CommandError exceptions."),
    gettext_noop("Don't colorize the command output."),
    gettext_noop("Force colorization of the command output."),
    gettext_noop("Skip system checks."),
)


class BemannaCommand(BaseCommand):
    """A management command whose help (`help`, each argument's help, marked with
    gettext_noop), argparse's own words and its errors are in the active language: Swedish
    unless BEMANNA_LANGUAGE=en. `bemanna import units` is called so in its usage line."""

    def create_parser(self, prog_name, subcommand, **kwargs):
        # argparse takes its words from the stdlib's gettext, which knows no catalogue of
        # ours: Django's gettext instead, for the commands of this process.
        argparse._ = gettext  # type: ignore[attr-defined]
        argparse.ngettext = ngettext  # type: ignore[attr-defined]
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        if subcommand.startswith("import_"):
            parser.prog = parser.prog.replace(subcommand, "import " + subcommand[7:])
        if parser.description:
            parser.description = gettext(parser.description)
        for action in parser._actions:
            # Django's --settings and --pythonpath: a Bemanna installation sets neither.
            if {"--settings", "--pythonpath"} & set(action.option_strings):
                action.help = argparse.SUPPRESS
            if isinstance(action.help, str) and action.help != argparse.SUPPRESS:
                action.help = gettext(action.help)
        return parser

    def run_from_argv(self, argv):
        """Django's, but a refusal reads "Fel: …" in the command's language, not
        "CommandError: …"."""
        self._called_from_command_line = True
        parser = self.create_parser(argv[0], argv[1])
        options = parser.parse_args(argv[2:])
        cmd_options = vars(options)
        args = cmd_options.pop("args", ())
        handle_default_options(options)
        try:
            self.execute(*args, **cmd_options)
        except CommandError as error:
            if options.traceback:
                raise
            if isinstance(error, SystemCheckError):
                self.stderr.write(str(error), lambda x: x)
            else:
                self.stderr.write(gettext("Error: %(message)s") % {"message": error})
            sys.exit(error.returncode)
        finally:
            with contextlib.suppress(ImproperlyConfigured):
                connections.close_all()


def input_file(path: Path | str, *, kinds: tuple[str, ...] = ()) -> Path:
    """A file that exists, is a file, can be read, and (given `kinds`) has one of those
    suffixes; otherwise CommandError with one line."""
    path = Path(path)
    try:
        is_folder = stat.S_ISDIR(path.stat().st_mode)
    except FileNotFoundError:
        raise CommandError(gettext("The file does not exist: %(path)s") % {"path": path}) from None
    except OSError as error:  # e.g. a folder on the way that may not be entered
        raise CommandError(_unreadable(path, error)) from None
    if is_folder:
        raise CommandError(gettext("It is a folder, not a file: %(path)s") % {"path": path})
    if kinds and path.suffix.lower() not in kinds:
        raise CommandError(
            gettext("Wrong kind of file (%(suffix)s): use %(kinds)s: %(path)s")
            % {"suffix": _suffix(path), "kinds": _or(kinds), "path": path}
        )
    try:
        with path.open("rb") as handle:
            handle.read(1)
    except OSError as error:
        raise CommandError(_unreadable(path, error)) from None
    return path


def output_file(path: Path | str, *, kinds: tuple[str, ...] = ()) -> Path:
    """A file that can be written: its folder exists and is writable, it is not a folder,
    and (given `kinds`) it has one of those suffixes."""
    path = Path(path)
    if kinds and path.suffix.lower() not in kinds:
        raise CommandError(
            gettext("Wrong kind of file (%(suffix)s): write %(kinds)s: %(path)s")
            % {"suffix": _suffix(path), "kinds": _or(kinds), "path": path}
        )
    if path.is_dir():
        raise CommandError(gettext("It is a folder, not a file: %(path)s") % {"path": path})
    folder = path.parent
    if not folder.is_dir():
        raise CommandError(gettext("The folder does not exist: %(path)s") % {"path": folder})
    if not os.access(folder, os.W_OK):
        raise CommandError(gettext("The folder is read-only: %(path)s") % {"path": folder})
    return path


def _unreadable(path: Path, error: OSError) -> str:
    return gettext("The file cannot be read (%(reason)s): %(path)s") % {
        "reason": error.strerror,
        "path": path,
    }


def _suffix(path: Path) -> str:
    return path.suffix or gettext("no suffix")


def _or(kinds: tuple[str, ...]) -> str:
    return gettext(" or ").join(kinds)
