"""`bemanna migrate` in the user's language: at the default verbosity a progress bar over the
migrations and one line at the end ("Databasens tabeller är klara: 37 ändringar."), instead of
Django's English "Operations to perform: … Applying … OK". With `-v 2` (or 0, 3), `--plan`,
`--check` or `--prune` it is Django's own command; `python manage.py migrate` is untouched.
"""

from __future__ import annotations

import argparse
import sys

from django.core.management.commands import migrate

# Django's own output is wanted with these: a plan, a check's exit status, a prune's list.
DJANGO_OWN = ("--plan", "--check", "--prune")


def wanted(argv: list[str]) -> bool:
    """Whether `bemanna ARGV` is a migrate that Bemanna tells in its own words.

    Examples:
        >>> wanted(["migrate", "--no-input"]), wanted(["migrate", "-v", "2"])
        (True, False)
        >>> wanted(["migrate", "--plan"]), wanted(["makemigrations"])
        (False, False)
    """
    if not argv or argv[0] != "migrate" or any(a in DJANGO_OWN for a in argv):
        return False
    return _verbosity(argv[1:]) == 1


def _options(argv: list[str]) -> tuple[argparse.Namespace, list[str]]:
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("-v", "--verbosity", type=int, choices=[0, 1, 2, 3], default=1)
    parser.add_argument("--language", choices=["sv", "en"], default=None)
    return parser.parse_known_args(argv)


def _verbosity(argv: list[str]) -> int:
    try:
        return _options(argv)[0].verbosity
    except SystemExit:  # a bad -v value: let Django's parser say so
        return -1


def language_option(argv: list[str]) -> tuple[str | None, list[str]]:
    """`--language sv|en` taken off a migrate command line (Django's migrate has none)."""
    if not argv or argv[0] != "migrate":
        return None, argv
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--language", choices=["sv", "en"], default=None)
    known, rest = parser.parse_known_args(argv[1:])
    return known.language, [argv[0], *rest]


def run(argv: list[str], stdout=None) -> None:
    """Run `migrate ARGS` (ARGS without -v) quietly, drawing the migrations as a bar."""
    from django.db import DEFAULT_DB_ALIAS, connections
    from django.db.migrations.executor import MigrationExecutor
    from django.utils.translation import gettext, ngettext
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    console = Console(file=stdout or sys.stdout, highlight=False, soft_wrap=True)
    _ignored, rest = _options(argv[1:])
    command = _Migrate()
    parsed = command.create_parser("bemanna", "migrate").parse_args(rest)
    total = None
    if not parsed.app_label:  # the whole project: the plan Django will follow
        executor = MigrationExecutor(connections[parsed.database or DEFAULT_DB_ALIAS])
        total = len(executor.migration_plan(executor.loader.graph.leaf_nodes()))
    if total == 0:
        console.print(gettext("The database's tables are up to date: nothing to change."))
        command.run_from_argv(["bemanna", "migrate", *rest, "--verbosity", "0"])
        return
    # The bar only on a terminal: in a log (make run piped, a timer) the closing line is enough.
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        console=console,
        transient=True,
        disable=not console.is_terminal,
    ) as progress:
        task = progress.add_task(
            gettext("Creating and updating the database's tables"), total=total
        )
        command.advance = lambda: progress.advance(task)
        command.run_from_argv(["bemanna", "migrate", *rest, "--verbosity", "0"])
    done = command.applied
    console.print(
        ngettext(
            "The database's tables are ready: %(count)d change.",
            "The database's tables are ready: %(count)d changes.",
            done,
        )
        % {"count": done}
    )


class _Migrate(migrate.Command):
    """Django's migrate, counting each migration applied instead of printing it."""

    applied = 0

    def advance(self) -> None:
        pass

    def migration_progress_callback(self, action, migration=None, fake=False):
        if action in ("apply_success", "unapply_success"):
            self.applied += 1
            self.advance()
