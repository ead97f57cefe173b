import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from rich.console import Console

from bemanna import demo
from bemanna.workforce.console import progress_bar


class Command(BaseCommand):
    help = "Build Region Demo (fictional) through the real importer, unless it is already there."

    def add_arguments(self, parser):
        parser.add_argument("--employees", type=int, default=4500)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--today",
            type=datetime.date.fromisoformat,
            default=None,
            help="Last day of the history (YYYY-MM-DD); default today.",
        )
        parser.add_argument(
            "--directory",
            type=Path,
            default=None,
            help="Where to write the demo files; default var/demo/.",
        )
        parser.add_argument("--no-xlsx", action="store_true", help="Skip the XLSX copy.")
        parser.add_argument(
            "--no-pulse", action="store_true", help="Skip the two years of pulse answers (faster)."
        )

    def handle(self, *args, employees, seed, today, directory, no_xlsx, no_pulse, **options):
        console = Console(file=self.stdout, highlight=False, soft_wrap=True)
        if employees < 50 or employees > 1_000_000:
            raise CommandError("--employees must be between 50 and 1 000 000.")
        if directory is not None and directory.exists() and not directory.is_dir():
            raise CommandError(f"--directory är en fil, inte en mapp: {directory}")
        with progress_bar(console, options["verbosity"] == 0) as bar:
            try:
                result = demo.build_demo(
                    employees=employees,
                    seed=seed,
                    today=today,
                    directory=directory,
                    progress=bar,
                    write_xlsx=not no_xlsx,
                    pulses=not no_pulse,
                )
            except demo.DemoRefused as refused:
                raise CommandError(str(refused)) from None
        if not result.built:
            console.print("Region Demo finns redan; inget ändrat.")
            return
        console.print(
            f"Region Demo byggd: {result.units} enheter, {result.employments} "
            f"anställningar (filerna i {result.directory})."
        )
        console.print(
            "Demokonton (lösenord 'demo'): hr (HR-administratör), analytiker, chef, rad "
            "(kompetensförsörjningsrådet), fhv (företagshälsa), behorighet "
            "(behörighetsadministratör). hr, fhv och behorighet loggar in med en kod också: "
            "`bemanna demo_code` skriver den."
        )
        if result.answer_links:
            console.print("Pröva att svara på den öppna pulsen (varje länk gäller en gång):")
            for link in result.answer_links:
                console.print(f"  {link}")
