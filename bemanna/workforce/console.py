"""What the import commands print: a rich progress bar and the issue listing (shared by the
workforce, key-figure and demo commands, hence public)."""

from contextlib import contextmanager
from pathlib import Path

from django.core.management.base import CommandError
from django.utils import translation
from django.utils.translation import gettext, gettext_noop, ngettext
from rich.console import Console
from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn

from bemanna import generation
from bemanna.workforce import issues
from bemanna.workforce.services import ImportRefused

DRY_RUN = gettext_noop("Dry run: nothing written.")


def add_language_option(parser) -> None:
    """`--language sv|en`; without it a command speaks the language `bemanna` chose
    (BEMANNA_LANGUAGE, else the installation's: Swedish)."""
    parser.add_argument(
        "--language",
        default=None,
        choices=["sv", "en"],
        help=gettext_noop("Language of the output (default: BEMANNA_LANGUAGE, else Swedish)."),
    )


def add_import_arguments(parser) -> None:
    """What every `bemanna import KIND` takes: the file, --dry-run and --language."""
    parser.add_argument("file", type=Path, help=gettext_noop("The file to import (CSV or XLSX)."))
    parser.add_argument(
        "--dry-run", action="store_true", help=gettext_noop("Check only; write nothing.")
    )
    add_language_option(parser)


def speaking(language: str | None):
    """The language a command's output is in: the one asked for, else the active one."""
    return translation.override(language or translation.get_language())


def say_dry_run(console: Console, dry_run: bool) -> None:
    """A dry run says so first, before any progress, so no one reads it as an import."""
    if dry_run:
        console.print(gettext(DRY_RUN))


@contextmanager
def progress_bar(console: Console, quiet: bool = False, *, dry_run: bool = False):
    # Without a terminal (a pipe, a log, a timer) a bar shows nothing and rich leaves an
    # empty line per bar; such output is read later, for its result.
    if quiet or not console.is_terminal:
        yield lambda step, done, total: None
        return
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TaskProgressColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as progress:
        tasks: dict[str, int] = {}
        # A dry run compares with the database inside a transaction it rolls back: it writes
        # nothing, and its bar does not say it does.
        labels = {
            "read": gettext("Reading and checking"),
            "write": gettext("Comparing with the database") if dry_run else gettext("Writing"),
        }

        def update(step: str, done: int, total: int) -> None:
            if step not in tasks:
                tasks[step] = progress.add_task(labels.get(step, step), total=total or 1)
            # Nothing to do (an extract imported again: no new rows) is done, not "0 %".
            progress.update(tasks[step], completed=done if total else 1, total=total or 1)

        yield update


@contextmanager
def steps(console: Console, names: list[str], quiet: bool = False):
    """A progress bar over named steps (forecast, report): `step(name)` starts the next
    one, and the bar shows which of how many is running and the time so far. Without a
    terminal there is no bar (nor the empty lines rich would leave)."""
    if quiet or not console.is_terminal:
        yield lambda name: None
        return
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}"),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as progress:
        task = progress.add_task(gettext(names[0]), total=len(names))
        started: list[str] = []

        def step(name: str) -> None:
            if started:
                progress.advance(task)
            started.append(name)
            progress.update(task, description=gettext(name))

        yield step
        progress.update(task, completed=len(names))


PREPARING = gettext_noop("Preparing reports")


def prepare_reports(console: Console, quiet: bool = False, *, dry_run: bool = False) -> None:
    """After an import: compute what the first pages after it read (the board report and the
    region's key figures, `generation.warm`) as a step of its own, so the command says why it
    is not done yet. A dry run changed nothing and prepares nothing."""
    if dry_run:
        return
    with steps(console, [PREPARING], quiet) as step:
        step(PREPARING)
        generation.warm_after_commit()


SAME_ERROR_ROWS = 5


def refuse(console: Console, refused: ImportRefused, *, forecast: bool | str = False) -> None:
    """Every problem of a refused import, one line each (file, row, column, value: reason),
    in the language the command speaks; then fail with their number (`forecast`: a forecast
    refused for its extract, or "population" for its population projection). The same error in the
    same column is listed for its first rows only (`SAME_ERROR_ROWS`), then counted: a file
    keyed the wrong way is a few lines, not ten thousand."""
    seen: dict[tuple, int] = {}
    for issue in refused.issues:
        shown = issues.show(issue)
        same = (shown.file, shown.column, shown.message)
        seen[same] = seen.get(same, 0) + 1
        if seen[same] > SAME_ERROR_ROWS:
            continue
        where = ", ".join(
            part
            for part in (
                shown.file,
                gettext("row %(row)s") % {"row": shown.row} if shown.row else "",
                gettext("column %(column)s") % {"column": shown.column} if shown.column else "",
                gettext("value %(value)r") % {"value": shown.value} if shown.value else "",
            )
            if part
        )
        console.print(f"[red]{where}:[/red] {shown.message}", highlight=False)
    for (file, column, message), times in seen.items():
        if times > SAME_ERROR_ROWS:
            more = times - SAME_ERROR_ROWS
            where = ", ".join(
                part
                for part in (file, column and gettext("column %(column)s") % {"column": column})
                if part
            )
            text = ngettext(
                "and %(count)d more row with the same error: %(message)s",
                "and %(count)d more rows with the same error: %(message)s",
                more,
            ) % {"count": more, "message": message}
            console.print(f"[red]{where}:[/red] {text}", highlight=False)
    count = len(refused.issues)
    message = (
        ngettext(
            "No forecast: the population projection has %(count)d problem.",
            "No forecast: the population projection has %(count)d problems.",
            count,
        )
        if forecast == "population"
        else ngettext(
            "No forecast: the extract has %(count)d problem.",
            "No forecast: the extract has %(count)d problems.",
            count,
        )
        if forecast
        else ngettext(
            "Nothing was imported: %(count)d problem.",
            "Nothing was imported: %(count)d problems.",
            count,
        )
    ) % {"count": count}
    raise CommandError(message)
