"""What Bemanna's commands share: the checks of the files they are given (one line saying
what is wrong with a path: missing, a folder, unreadable, the wrong kind; never a Python
traceback), and a base command whose help speaks the user's language."""

from __future__ import annotations

import argparse
import contextlib
import datetime
import io
import os
import re
import stat
import sys
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import (
    BaseCommand,
    CommandError,
    CommandParser,
    OutputWrapper,
    SystemCheckError,
    handle_default_options,
)
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
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


# The help of Django's own commands that the README names (`bemanna migrate`, `bemanna
# collectstatic`), for the catalogue: `bemanna` shows them in the user's language too.
DJANGO_COMMAND_TEXTS = (
    gettext_noop("Updates database schema. Manages both apps with migrations and those without."),
    gettext_noop("App label of an application to synchronize the state."),
    gettext_noop(
        "Database state will be brought to the state after that migration. Use the name "
        '"zero" to unapply all migrations.'
    ),
    gettext_noop("Tells Django to NOT prompt the user for input of any kind."),
    gettext_noop('Nominates a database to synchronize. Defaults to the "default" database.'),
    gettext_noop("Mark migrations as run without actually running them."),
    gettext_noop(
        "Detect if tables already exist and fake-apply initial migrations if so. Make sure "
        "that the current database schema matches your initial migration before using this "
        "flag. Django will only check for an existing table name."
    ),
    gettext_noop("Shows a list of the migration actions that will be performed."),
    gettext_noop("Creates tables for apps without migrations."),
    gettext_noop(
        "Exits with a non-zero status if unapplied migrations exist and does not actually "
        "apply migrations."
    ),
    gettext_noop("Delete nonexistent migrations from the django_migrations table."),
    gettext_noop("Collect static files in a single location."),
    gettext_noop("Do NOT prompt the user for input of any kind."),
    gettext_noop("Do NOT post process collected files."),
    gettext_noop(
        "Ignore files or directories matching this glob-style pattern. Use multiple times to "
        "ignore more."
    ),
    gettext_noop("Do everything except modify the filesystem."),
    gettext_noop(
        "Clear the existing files using the storage before trying to copy or link the "
        "original file."
    ),
    gettext_noop("Create a symbolic link to each file instead of copying."),
    gettext_noop(
        "Don't ignore the common private glob-style patterns (defaults to 'CVS', '.*' and '*~')."
    ),
)

# The placeholders `--help` shows for the values (argparse's dest in capitals, or a
# positional's name), for the catalogue: `speak` looks each up in capitals, so that
# "--scenario SCENARIO" reads "--scenario NAMN" and "[app_label]" "[APP]" in Swedish. The
# listing's "import KIND FILE" and "set_password USER" too.
METAVARS = (
    gettext_noop("FILE"),
    gettext_noop("KIND"),
    gettext_noop("USER"),
    gettext_noop("YEAR"),
    gettext_noop("USERNAME"),
    gettext_noop("NAME"),
    gettext_noop("EMAIL"),
    gettext_noop("SCENARIO"),
    gettext_noop("EXTRACT"),
    gettext_noop("OUT"),
    gettext_noop("UNIT"),
    gettext_noop("HORIZON"),
    gettext_noop("DRAWS"),
    gettext_noop("SEED"),
    gettext_noop("LEVERS"),
    gettext_noop("BASE_DATE"),
    gettext_noop("POPULATION"),
    gettext_noop("PERIOD"),
    gettext_noop("TODAY"),
    gettext_noop("CASE"),
    gettext_noop("EMPLOYEE_NUMBER"),
    gettext_noop("REASON"),
    gettext_noop("SUBJECT"),
    gettext_noop("ISSUER"),
    gettext_noop("EMPLOYEES"),
    gettext_noop("DIRECTORY"),
    gettext_noop("APP_LABEL"),
    gettext_noop("MIGRATION_NAME"),
    gettext_noop("PATTERN"),
    gettext_noop("TAGS"),
    gettext_noop("COMMAND"),
    gettext_noop("PARAMETERS"),
)

# The --seed of `forecast` and `demo`.
SEED_HELP = gettext_noop("Random seed: the same seed gives the same result (default 1).")


def placeholder(action: argparse.Action) -> str | None:
    """The placeholder `--help` shows for an argument's value, as argparse makes it (None for
    a flag, or for a choice shown as its choices)."""
    if action.nargs == 0:
        return None
    if action.option_strings:
        if action.metavar is None and action.choices is not None:
            return None
        return action.metavar or action.dest.upper()
    return action.metavar or action.dest


def translated_placeholder(shown: str) -> str:
    """`shown` in the active language: the catalogue's text for it in capitals, or `shown`
    itself where the catalogue has none (English keeps "file" as argparse wrote it)."""
    said = gettext(shown.upper())
    return shown if said == shown.upper() else said


# What an option's value must be, by its type, for the one line a wrong value gets.
KINDS = {
    int: gettext_noop("an integer"),
    float: gettext_noop("a number"),
    datetime.date.fromisoformat: gettext_noop("a date (YYYY-MM-DD)"),
}


class BemannaParser(CommandParser):
    """Django's parser, but a value of the wrong type is one line naming the option and what
    it takes ("--draws must be an integer, got 'abc'"), not argparse's "invalid int value"
    with Python's name of the type."""

    def _get_value(self, action, arg_string):
        try:
            return super()._get_value(action, arg_string)
        except argparse.ArgumentError as error:
            # argparse raises it for the type's ValueError or TypeError; an
            # ArgumentTypeError's message is the type's own, already meant for the user.
            cause = error.__context__
            if not isinstance(cause, (TypeError, ValueError)):
                raise
            name = max(action.option_strings, key=len, default=action.metavar or action.dest)
            values = {"option": name, "value": arg_string}
            if action.type in KINDS:
                values["kind"] = gettext(KINDS[action.type])
                message = gettext("%(option)s must be %(kind)s, got %(value)r") % values
            else:
                message = gettext("%(option)s: not a valid value: %(value)r") % values
            raise argparse.ArgumentError(None, message) from None


def argparse_in_catalogue() -> None:
    """argparse takes its words from the stdlib's gettext, which knows no catalogue of ours:
    Django's gettext instead, for the commands of this process. Before a parser is made,
    which names its headings ("positional arguments", "options") as it is made."""
    argparse._ = gettext  # type: ignore[attr-defined]
    argparse.ngettext = ngettext  # type: ignore[attr-defined]


def speak(parser: CommandParser, subcommand: str) -> CommandParser:
    """A command's parser in the active language: argparse's own words, the command's help
    and each argument's (marked with gettext_noop), and a wrong value's line
    (`BemannaParser`). `bemanna import units` is called so in its usage line."""
    if getattr(parser, "speaks", False):  # a Bemanna command under `bemanna`: done once
        return parser
    parser.speaks = True  # type: ignore[attr-defined]
    argparse_in_catalogue()  # for its errors; its headings are set as a parser is made
    # BaseCommand.create_parser makes a CommandParser; ours adds only the type errors.
    parser.__class__ = BemannaParser
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
        shown = placeholder(action)
        if isinstance(shown, str):  # a tuple (nargs=2, say) is left as it is
            action.metavar = translated_placeholder(shown)
    return parser


def every_command_speaks() -> None:
    """In the `bemanna` process, Django's own commands (migrate, collectstatic) are parsed
    as Bemanna's: their help in the user's language where the catalogue has it, a wrong
    value in one line. `python manage.py` is left as Django made it."""
    create = BaseCommand.create_parser
    if getattr(create, "speaks", False):
        return

    def create_parser(self, prog_name, subcommand, **kwargs):
        argparse_in_catalogue()
        return speak(create(self, prog_name, subcommand, **kwargs), subcommand)

    def check_migrations(self):
        """Django's warns in English ("You have 96 unapplied migration(s)… Run 'python
        manage.py migrate'") and goes on: createsuperuser then fails on the first missing
        table. Bemanna's line instead, in the user's language: a command that needs the
        tables (requires_migrations_checks) stops with it, runserver only says it."""
        if unmigrated():
            if self.requires_migrations_checks:
                raise Unmigrated
            self.stderr.write(gettext(UNMIGRATED), lambda x: x)

    create_parser.speaks = True  # type: ignore[attr-defined]
    BaseCommand.create_parser = create_parser  # type: ignore[method-assign]
    BaseCommand.check_migrations = check_migrations  # type: ignore[method-assign]
    collected_in_the_users_language()
    no_issues_in_the_users_language()


NO_ISSUES = re.compile(r"\s*System check identified no issues \((\d+) silenced\)\.\s*")


def no_issues_in_the_users_language() -> None:
    """`bemanna check --deploy` (docs/deployment.md) said Django's English "System check
    identified no issues (0 silenced)." when all is well: that line in the user's language.
    A finding is Django's (or Bemanna's) check message as it is, on standard error."""
    original = BaseCommand.check

    def check(self, *args, **kwargs):
        if not kwargs.get("display_num_errors"):
            return original(self, *args, **kwargs)
        out, heard = self.stdout, io.StringIO()
        self.stdout = OutputWrapper(heard)
        try:
            return original(self, *args, **kwargs)
        finally:
            self.stdout = out
            said = heard.getvalue()
            quiet = NO_ISSUES.fullmatch(said)
            if quiet:
                silenced = int(quiet.group(1))
                said = gettext("The system check found no problems.")
                if silenced:
                    said += " " + gettext("Silenced: %(count)s.") % {"count": silenced}
                out.write(said)
            elif said:
                out.write(said, ending="")

    BaseCommand.check = check  # type: ignore[method-assign]


def collected_in_the_users_language() -> None:
    """`bemanna collectstatic --noinput` (docs/deployment.md) ended in Django's English "137
    static files copied to '…'": its summary in the user's language, from the same counts."""
    from django.contrib.staticfiles.management.commands import collectstatic

    command = collectstatic.Command
    original = command.handle

    def handle(self, **options):
        if original(self, **options) is None:  # -v 0
            return None
        values = {
            "count": len(self.copied_files) + len(self.symlinked_files),
            "folder": self.storage.location if self.is_local_storage() else "",
            "unmodified": len(self.unmodified_files),
        }
        said = ngettext(
            "%(count)s static file copied to %(folder)s",
            "%(count)s static files copied to %(folder)s",
            values["count"],
        )
        if self.symlink:
            said = ngettext(
                "%(count)s static file linked in %(folder)s",
                "%(count)s static files linked in %(folder)s",
                values["count"],
            )
        said %= values
        if values["unmodified"]:
            said += gettext(", %(unmodified)s unchanged") % values
        return said + "."

    command.handle = handle  # type: ignore[method-assign]


UNMIGRATED = gettext_noop(
    "The database has no tables yet, or older ones: run `bemanna migrate` first."
)


class Unmigrated(Exception):
    """A command that needs the tables was run before `bemanna migrate`."""


def unmigrated() -> bool:
    """Whether the database lacks tables that `bemanna migrate` makes (a new installation, or
    an update not yet migrated)."""
    from django.db.migrations.executor import MigrationExecutor

    try:
        executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
        return bool(executor.migration_plan(executor.loader.graph.leaf_nodes()))
    except DatabaseError:  # no server, say: not a question of migrations
        return False


class BemannaCommand(BaseCommand):
    """A management command whose help (`help`, each argument's help, marked with
    gettext_noop), argparse's own words and its errors are in the active language: Swedish
    unless BEMANNA_LANGUAGE=en (`speak`)."""

    def create_parser(self, prog_name, subcommand, **kwargs):
        argparse_in_catalogue()
        return speak(super().create_parser(prog_name, subcommand, **kwargs), subcommand)

    def check_migrations(self):
        """Django's (for a command with requires_migrations_checks, as set_password) warns in
        English, "You have 3 unapplied migration(s)…", and goes on to fail on the first
        missing table; Bemanna's stops with its one line in the user's language."""
        if unmigrated():
            raise Unmigrated

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
        except Unmigrated:
            self.stderr.write(gettext(UNMIGRATED), lambda x: x)
            sys.exit(1)
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
