from pathlib import Path

from django.core.management.base import BaseCommand
from rich.console import Console

from bemanna.clifiles import input_file
from bemanna.workforce import services
from bemanna.workforce.console import progress_bar, refuse, say_dry_run


class Command(BaseCommand):
    help = "Import an HR extract (CSV or XLSX, one row per employment). All or nothing."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="Check only; write nothing.")
        parser.add_argument("--language", default="sv", choices=["sv", "en"])

    def handle(self, *args, file: Path, dry_run: bool, language: str, **options):
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
                refuse(console, refused, language)
        services.announce(report)
        prefix = "Filen är korrekt och skulle ge: " if dry_run else "Importerat: "
        console.print(
            f"{prefix}{report.employments} anställningar, {report.persons} personer, "
            f"{report.units} enheter ({report.created} nya, {report.updated} ändrade)."
        )
        for code, name, rows in report.unmapped:
            console.print(f"Ingen SKR-yrkesgrupp för koden {code} {name} ({rows} rader).")
