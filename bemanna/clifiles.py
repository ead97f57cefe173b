"""What Bemanna's commands share: the checks of the files they are given (one line saying
what is wrong with a path: missing, a folder, unreadable, the wrong kind; never a Python
traceback), and a base command whose help speaks the user's language."""

from __future__ import annotations

import argparse
import os
import stat
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext


class BemannaCommand(BaseCommand):
    """A management command whose help (`help`, each argument's help, marked with
    gettext_noop) is shown in the active language: Swedish unless BEMANNA_LANGUAGE=en."""

    def create_parser(self, prog_name, subcommand, **kwargs):
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        if parser.description:
            parser.description = gettext(parser.description)
        for action in parser._actions:
            if isinstance(action.help, str) and action.help != argparse.SUPPRESS:
                action.help = gettext(action.help)
        return parser


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
