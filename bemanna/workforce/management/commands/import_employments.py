from pathlib import Path

from django.utils.translation import gettext, gettext_noop, ngettext
from rich.console import Console

from bemanna.clifiles import BemannaCommand, input_file
from bemanna.workforce import services
from bemanna.workforce.console import (
    add_import_arguments,
    prepare_reports,
    progress_bar,
    refuse,
    say_dry_run,
    speaking,
)


class Command(BemannaCommand):
    help = gettext_noop(
        "Import an HR extract (CSV or XLSX, one row per employment). All or nothing."
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
        quiet = options["verbosity"] == 0
        with file.open("rb") as handle, progress_bar(console, quiet, dry_run=dry_run) as bar:
            try:
                report = services.import_employments(
                    handle, filename=file.name, dry_run=dry_run, progress=bar
                )
            except services.ImportRefused as refused:
                refuse(console, refused)
        made = services.announce(report)
        prepare_reports(console, quiet, dry_run=dry_run)
        counts = {
            "employments": report.employments,
            "persons": report.persons,
            "units": report.units,
            "created": report.created,
            "updated": report.updated,
        }
        said = (
            gettext(
                "The file is correct and would give: %(employments)s employments, %(persons)s "
                "persons, %(units)s units (%(created)s new, %(updated)s changed)."
            )
            if dry_run
            else gettext(
                "Imported: %(employments)s employments, %(persons)s persons, %(units)s units "
                "(%(created)s new, %(updated)s changed)."
            )
        )
        console.print(said % counts)
        if note := services.left_out(report):
            console.print(note)
        for said in made:
            console.print(said)
        for code, name, rows in report.unmapped:
            console.print(
                ngettext(
                    "No SKR profession group for %(profession)s (%(rows)s row).",
                    "No SKR profession group for %(profession)s (%(rows)s rows).",
                    rows,
                )
                % {"profession": services.code_and_name(code, name), "rows": rows}
            )
        for value, rows in report.unknown_reasons:
            console.print(
                ngettext(
                    "Unknown end reason “%(value)s” (%(rows)s row): counted as other.",
                    "Unknown end reason “%(value)s” (%(rows)s rows): counted as other.",
                    rows,
                )
                % {"value": value, "rows": rows},
                markup=False,  # the file's own text: "[...]" in it is no rich markup
            )
