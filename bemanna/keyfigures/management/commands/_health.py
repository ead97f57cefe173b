"""The shared body of `bemanna import sick_leave|hours|costs|plans`."""

from pathlib import Path

from django.utils.translation import gettext
from rich.console import Console

from bemanna.clifiles import BemannaCommand, input_file
from bemanna.keyfigures import services
from bemanna.workforce import importers
from bemanna.workforce.console import (
    add_import_arguments,
    prepare_reports,
    refuse,
    say_dry_run,
    speaking,
)
from bemanna.workforce.services import ImportRefused


class HealthImport(BemannaCommand):
    kind = ""

    def add_arguments(self, parser):
        add_import_arguments(parser)

    def handle(self, *args, language: str | None, **options):
        with speaking(language):
            self._import(**options)

    def _import(self, *, file: Path, dry_run: bool, **options):
        console = Console(file=self.stdout, highlight=False, soft_wrap=True)
        input_file(file, kinds=(".csv", ".xlsx"))
        say_dry_run(console, dry_run)
        with file.open("rb") as handle:
            try:
                report = services.import_health_file(
                    self.kind, handle, filename=file.name, dry_run=dry_run
                )
            except ImportRefused as refused:
                refuse(console, refused)
        prepare_reports(console, options["verbosity"] == 0, dry_run=dry_run)
        said = (
            gettext(
                "The file is correct and would give: %(what)s, %(created)s new rows, "
                "%(updated)s replaced."
            )
            if dry_run
            else gettext("Imported: %(what)s, %(created)s new rows, %(updated)s replaced.")
        )
        what = importers.label(self.kind)
        console.print(said % {"what": what, "created": report.created, "updated": report.updated})
        for note in report.notes:
            console.print(note)
