from pathlib import Path

from django.core.management.base import BaseCommand
from rich.console import Console

from bemanna.clifiles import input_file
from bemanna.keyfigures.benchmarks import import_benchmarks
from bemanna.workforce.console import refuse
from bemanna.workforce.services import ImportRefused


class Command(BaseCommand):
    help = (
        "Import other regions' published key figures from Kolada's download (kpi; "
        "municipality_id; municipality; period; gender; value)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true")
        parser.add_argument("--language", default="sv", choices=["sv", "en"])

    def handle(self, *args, file: Path, dry_run: bool, language: str, **options):
        console = Console(file=self.stdout, highlight=False, soft_wrap=True)
        input_file(file, kinds=(".csv", ".xlsx"))
        with file.open("rb") as handle:
            try:
                report = import_benchmarks(handle, filename=file.name, dry_run=dry_run)
            except ImportRefused as refused:
                refuse(console, refused, language)
        prefix = "Kontrollerat, inget skrivet. " if dry_run else ""
        console.print(
            f"{prefix}{report.created} nya rader, {report.updated} ersatta, "
            f"{report.extra['skipped']} utan värde eller med kön som inte används."
        )
