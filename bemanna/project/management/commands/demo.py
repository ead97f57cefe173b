import datetime
from pathlib import Path

from django.core.management.base import CommandError
from django.utils.translation import gettext, gettext_noop
from rich.console import Console

from bemanna import demo
from bemanna.clifiles import SEED_HELP, BemannaCommand
from bemanna.workforce.console import add_language_option, prepare_reports, progress_bar, speaking


class Command(BemannaCommand):
    help = gettext_noop(
        "Build Region Demo (fictional) through the real importer, unless it is already there."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--employees", type=int, default=4500, help=gettext_noop("Employees (default 4,500).")
        )
        parser.add_argument("--seed", type=int, default=1, help=SEED_HELP)
        parser.add_argument(
            "--today",
            type=datetime.date.fromisoformat,
            default=None,
            help=gettext_noop("Last day of the history (YYYY-MM-DD); default today."),
        )
        parser.add_argument(
            "--directory",
            type=Path,
            default=None,
            help=gettext_noop("Where to write the demo files; default var/demo/."),
        )
        parser.add_argument(
            "--no-xlsx", action="store_true", help=gettext_noop("Skip the XLSX copy.")
        )
        parser.add_argument(
            "--no-pulse",
            action="store_true",
            help=gettext_noop("Skip the two years of pulse answers (faster)."),
        )
        parser.add_argument(
            "--no-prepare",
            action="store_true",
            help=gettext_noop("Do not prepare the reports; the first page to ask computes them."),
        )
        add_language_option(parser)

    def handle(self, *args, language, **options):
        with speaking(language):
            self._build(**options)

    def _build(
        self, *, employees, seed, today, directory, no_xlsx, no_pulse, no_prepare, **options
    ):
        console = Console(file=self.stdout, highlight=False, soft_wrap=True)
        if employees < 50 or employees > 1_000_000:
            raise CommandError(gettext("--employees must be between 50 and 1 000 000."))
        if directory is not None and directory.exists() and not directory.is_dir():
            raise CommandError(
                gettext("--directory is a file, not a folder: %(path)s") % {"path": directory}
            )
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
            console.print(gettext("Region Demo is already there; nothing changed."))
            return
        if not no_prepare:
            prepare_reports(console, options["verbosity"] == 0)
        console.print(
            gettext(
                "Region Demo built: %(units)s units, %(employments)s employments (the files in "
                "%(directory)s)."
            )
            % {
                "units": result.units,
                "employments": result.employments,
                "directory": result.directory,
            }
        )
        console.print(
            gettext(
                "Demo accounts (password 'demo'): hr (HR administrator), analytiker, chef, rad "
                "(the competence council), fhv (occupational health), behorighet (user "
                "administrator). hr, fhv and behorighet also log in with a code: "
                "`bemanna demo_code` prints it."
            )
        )
        if result.answer_links:
            console.print(gettext("Try answering the open pulse (each link works once):"))
            for link in result.answer_links:
                console.print(f"  {link}")
