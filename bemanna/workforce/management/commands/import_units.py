from pathlib import Path

from django.utils.translation import gettext_noop, ngettext
from rich.console import Console

from bemanna.clifiles import BemannaCommand, input_file
from bemanna.workforce import services
from bemanna.workforce.console import (
    add_import_arguments,
    prepare_reports,
    refuse,
    say_dry_run,
    speaking,
)


class Command(BemannaCommand):
    help = gettext_noop(
        "Import or update the unit tree (Enhetskod, Enhetsnamn, Överordnad, Nivå, Chef)."
    )

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
                report = services.import_units(handle, filename=file.name, dry_run=dry_run)
            except services.ImportRefused as refused:
                refuse(console, refused)
        prepare_reports(console, options["verbosity"] == 0, dry_run=dry_run)
        said = (
            ngettext(
                "The file is correct and would give: %(units)s unit (%(created)s new, "
                "%(updated)s changed).",
                "The file is correct and would give: %(units)s units (%(created)s new, "
                "%(updated)s changed).",
                report.units,
            )
            if dry_run
            else ngettext(
                "Unit tree: %(units)s unit (%(created)s new, %(updated)s changed).",
                "Unit tree: %(units)s units (%(created)s new, %(updated)s changed).",
                report.units,
            )
        )
        console.print(
            said % {"units": report.units, "created": report.created, "updated": report.updated}
        )
