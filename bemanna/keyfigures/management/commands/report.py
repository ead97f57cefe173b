"""`bemanna report --period 2025 --out report.pdf`: the board report from the shell."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone, translation
from rich.console import Console

from bemanna.audit.models import AuditEntry, log_action
from bemanna.clifiles import output_file
from bemanna.keyfigures import board
from bemanna.org.models import Unit
from bemanna.workforce.console import steps

STEPS = ["Räknar fram nyckeltal, prognos, puls och plan", "Skriver rapporten"]


class Command(BaseCommand):
    help = "Write the board report (key figures, forecast, pulse, action plan) as PDF/XLSX/HTML."

    def add_arguments(self, parser):
        parser.add_argument("--period", type=int, required=True, help="The year, e.g. 2025.")
        parser.add_argument("--unit", help="A unit code (default: the whole region).")
        parser.add_argument("--out", type=Path, required=True, help="report.pdf|.xlsx|.html")
        parser.add_argument("--language", default="sv", choices=["sv", "en"])

    def handle(self, *args, period: int, unit: str | None, out: Path, language: str, **options):
        console = Console(file=self.stdout, highlight=False, soft_wrap=True)
        fmt = out.suffix.lower().lstrip(".")
        if fmt not in board.FORMATS:
            raise CommandError(f"Okänt format {out.suffix!r}: skriv .pdf, .xlsx eller .html.")
        today = timezone.localdate()
        if not 2000 <= period <= today.year:
            raise CommandError(f"Året {period} ligger utanför 2000–{today.year}.")
        chosen = (
            Unit.objects.filter(code=unit).first()
            if unit
            else Unit.objects.filter(parent__isnull=True).order_by("code").first()
        )
        if chosen is None:
            raise CommandError(
                f"Enheten {unit!r} finns inte." if unit else "Ingen enhet finns: importera först."
            )
        output_file(out)
        quiet = options["verbosity"] == 0
        with translation.override(language), steps(console, STEPS, quiet) as step:
            step(STEPS[0])
            built = board.build(chosen, period, today)
            step(STEPS[1])
            content, _type, _name = board.render(fmt, built)
        out.write_bytes(content)
        log_action(None, AuditEntry.Action.REPORT, scope=chosen.code, year=period, format=fmt)
        console.print(f"Skrev {out} ({len(content) // 1024} kB): {chosen.name}, {period}.")
