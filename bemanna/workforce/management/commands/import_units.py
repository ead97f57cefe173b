from pathlib import Path

from django.core.management.base import BaseCommand
from rich.console import Console

from bemanna.clifiles import input_file
from bemanna.workforce import services
from bemanna.workforce.console import refuse, say_dry_run


class Command(BaseCommand):
    help = "Import or update the unit tree (Enhetskod, Enhetsnamn, Överordnad, Nivå, Chef)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true")
        parser.add_argument("--language", default="sv", choices=["sv", "en"])

    def handle(self, *args, file: Path, dry_run: bool, language: str, **options):
        console = Console(file=self.stdout, highlight=False, soft_wrap=True)
        input_file(file, kinds=(".csv", ".xlsx"))
        say_dry_run(console, dry_run)
        with file.open("rb") as handle:
            try:
                report = services.import_units(handle, filename=file.name, dry_run=dry_run)
            except services.ImportRefused as refused:
                refuse(console, refused, language)
        console.print(
            f"Enhetsträd: {report.units} enheter ({report.created} nya, {report.updated} ändrade)."
        )
