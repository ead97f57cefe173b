"""`bemanna report --period 2025 --out report.pdf`: the board report from the shell."""

from pathlib import Path

from django.core.management.base import CommandError
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop
from rich.console import Console

from bemanna.audit.models import AuditEntry, log_action
from bemanna.clifiles import BemannaCommand, output_file
from bemanna.keyfigures import board
from bemanna.org.models import Unit
from bemanna.workforce import retention
from bemanna.workforce.console import add_language_option, speaking, steps

STEPS = [
    gettext_noop("Computing key figures, forecast, pulse and plan"),
    gettext_noop("Writing the report"),
]


class Command(BemannaCommand):
    help = gettext_noop(
        "Write the board report (key figures, forecast, pulse, action plan) as PDF/XLSX/HTML."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--period", type=int, required=True, help=gettext_noop("The year, e.g. 2025.")
        )
        parser.add_argument("--unit", help=gettext_noop("A unit code (default: the whole region)."))
        parser.add_argument(
            "--out", type=Path, required=True, help=gettext_noop("report.pdf|.xlsx|.html")
        )
        add_language_option(parser)

    def handle(self, *args, language: str | None, **options):
        with speaking(language):
            self._report(**options)

    def _report(self, *, period: int, unit: str | None, out: Path, **options):
        console = Console(file=self.stdout, highlight=False, soft_wrap=True)
        fmt = out.suffix.lower().lstrip(".")
        if fmt not in board.FORMATS:
            raise CommandError(
                gettext("Unknown format %(suffix)r: write .pdf, .xlsx or .html.")
                % {"suffix": out.suffix}
            )
        today = timezone.localdate()
        first, last = retention.first_whole_year(today), retention.last_shown_year(today)
        if not first <= period <= last:
            raise CommandError(
                gettext("The year %(year)s is outside %(first)s–%(last)s.")
                % {"year": period, "first": first, "last": last}
            )
        chosen = Unit.objects.filter(code=unit).first() if unit else Unit.objects.region()
        if chosen is None:
            raise CommandError(
                gettext("The unit %(code)r does not exist.") % {"code": unit}
                if unit
                else gettext("There is no unit: import first.")
            )
        output_file(out)
        quiet = options["verbosity"] == 0
        with steps(console, STEPS, quiet) as step:
            step(STEPS[0])
            built = board.build(chosen, period, today)
            step(STEPS[1])
            content, _type, _name = board.render(fmt, built)
        out.write_bytes(content)
        log_action(None, AuditEntry.Action.REPORT, scope=chosen.code, year=period, format=fmt)
        console.print(
            gettext("Wrote %(out)s (%(size)s kB): %(unit)s, %(year)s.")
            % {"out": out, "size": len(content) // 1024, "unit": chosen.name, "year": period}
        )
