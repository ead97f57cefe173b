import datetime
import json
from dataclasses import dataclass, fields
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext
from rich.console import Console

from bemanna.analysis.forecast import LeverError, Levers, levers
from bemanna.analysis.forecast.frames import ExtractError, from_file
from bemanna.analysis.forecast.population import demo_projection, read_projection
from bemanna.clifiles import input_file, output_file
from bemanna.forecast import context, reports, services
from bemanna.workforce.console import steps

STEPS = ["Läser personal och antaganden", "Räknar fram prognosen", "Räknar kostnaden", "Skriver"]


@dataclass
class _Named:
    """Stands in for a Scenario or Unit when the forecast runs on a file."""

    name: str
    code: str = ""
    description: str = ""


LEVER_FIELDS = {f.name for f in fields(Levers)}


def _lever_problem(error: LeverError) -> str:
    """The engine's message with the lever's label, as the form names it."""
    lever = levers.LEVERS.get(error.lever)
    if lever is None:
        return str(error)
    return f"{error.parameter} ({gettext(lever.label)}): {error.message}"


class Command(BaseCommand):
    help = (
        "Forecast a scenario from the database (--scenario) or straight from an HR extract "
        "(--extract, no database), and write it as .xlsx, .html or .pdf."
    )

    def add_arguments(self, parser):
        source = parser.add_mutually_exclusive_group(required=True)
        source.add_argument("--scenario", help="Name of a saved scenario.")
        source.add_argument("--extract", type=Path, help="An HR extract (CSV or XLSX).")
        source.add_argument(
            "--list-levers",
            action="store_true",
            help="List the levers a --levers file can set: name, unit, range, default.",
        )
        parser.add_argument("--out", type=Path, help="report.xlsx, report.html or report.pdf")
        parser.add_argument("--unit", help="Unit code (default: the whole region).")
        parser.add_argument("--horizon", type=int, help="Last year (default: the scenario's).")
        parser.add_argument("--draws", type=int, help="Monte Carlo draws.")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--levers", type=Path, help="JSON file of levers (with --extract).")
        parser.add_argument(
            "--base-date",
            type=datetime.date.fromisoformat,
            help="Base date (with --extract; default 31 Dec last year).",
        )
        parser.add_argument(
            "--population",
            type=Path,
            help="Population projection CSV/XLSX (with --extract; default: Region Demo's).",
        )
        parser.add_argument("--language", default="sv", choices=["sv", "en"])

    def handle(self, *args, **options):
        for name in ("out", "extract", "levers", "population"):
            if options.get(name) is not None:
                options[name] = Path(options[name])  # call_command passes plain strings
        if options["list_levers"]:
            with translation.override(options["language"]):
                self._list_levers()
            return
        fmt = options["out"].suffix.lstrip(".").lower() if options["out"] else ""
        if fmt not in reports.FORMATS:
            raise CommandError("--out must end in .xlsx, .html or .pdf")
        output_file(options["out"])
        for name, kinds in (
            ("extract", (".csv", ".xlsx")),
            ("levers", (".json",)),
            ("population", (".csv", ".xlsx")),
        ):
            if options.get(name) is not None:
                input_file(options[name], kinds=kinds)
        console = Console(file=self.stdout, highlight=False, soft_wrap=True)
        quiet = options["verbosity"] == 0
        with translation.override(options["language"]), steps(console, STEPS, quiet) as step:
            step(STEPS[0])
            try:
                scenario, unit, result = (
                    self._from_database(options, step)
                    if options["scenario"]
                    else self._from_file(options, step)
                )
            except LeverError as error:
                raise CommandError(_lever_problem(error)) from None
            except (services.ForecastError, ExtractError, ValueError) as error:
                raise CommandError(str(error)) from None
            # Kronor need the imported personnel costs: on the database only.
            step(STEPS[2])
            cost = (
                context.cost_summary(result, services.cost(scenario, result))
                if options["scenario"]
                else None
            )
            step(STEPS[3])
            content, _type, _name = reports.render(fmt, scenario, unit, result, cost)
        options["out"].write_bytes(content)
        summary = context.summary(result)
        with translation.override(options["language"]):
            for note in services.notes(result):
                console.print(f"Obs: {note}")
        gap = summary["gap"]
        console.print(
            f"{scenario.name}, {unit.name}: gap {summary['horizon']} medel {gap['mean']:.0f} "
            f"årsarbetare (P10–P90 {gap['p10']:.0f}–{gap['p90']:.0f}); rekryteringsbehov "
            f"{summary['need_per_year']:.0f} personer/år. Skrev {options['out']}."
        )
        if cost:
            console.print(
                f"Gapets kostnad {summary['horizon']} medel {_kronor(cost['gap']['mean'])} per år "
                f"(P10–P90 {_kronor(cost['gap']['p10'])}–{_kronor(cost['gap']['p90'])}); "
                f"med inhyrd personal medel {_kronor(cost['hired']['mean'])} per år."
            )

    def _list_levers(self):
        """The levers table as a --levers file uses it: stored units (a share is 0–1)."""
        for lever in levers.LEVERS.values():
            if lever.name in LEVER_FIELDS:
                self.stdout.write(
                    f"{lever.name}\t{gettext(lever.label)}\t{lever.unit}\t"
                    f"{lever.low:g}–{lever.high:g}\t{lever.default:g}"
                )

    def _from_database(self, options, step):
        from bemanna.forecast.models import Scenario
        from bemanna.org.models import Unit

        try:
            scenario = Scenario.objects.get(name=options["scenario"])
        except Scenario.DoesNotExist:
            names = ", ".join(Scenario.objects.values_list("name", flat=True)) or "inga"
            raise CommandError(f"Scenariot finns inte. Scenarier: {names}") from None
        if options["unit"]:
            unit = Unit.objects.filter(code=options["unit"]).first()
            if unit is None:
                raise CommandError(f"Enheten finns inte: {options['unit']}")
        else:
            unit = Unit.objects.filter(parent__isnull=True).order_by("path").first()
            if unit is None:
                raise CommandError("Det finns inga enheter: importera enhetsträdet först.")
        if options["seed"] != 1:
            scenario.seed = options["seed"]
        step(STEPS[1])
        result = services.run_forecast(
            scenario, unit, draws=options["draws"], horizon=options["horizon"]
        )
        return scenario, unit, result

    def _from_file(self, options, step):
        chosen = Levers()  # read first: a lever out of range is found before the extract
        if options["levers"]:
            try:
                given = json.loads(options["levers"].read_text(encoding="utf-8"))
            except ValueError as error:  # not JSON, or not UTF-8
                raise CommandError(
                    f"--levers är inte giltig JSON ({error}): {options['levers']}"
                ) from None
            if not isinstance(given, dict):
                raise CommandError(
                    f"--levers ska vara ett JSON-objekt med spakar: {options['levers']}"
                )
            chosen = Levers.from_dict(given)
        base_date = options["base_date"] or datetime.date(datetime.date.today().year - 1, 12, 31)
        staff = from_file(options["extract"], today=base_date)
        if options["population"]:
            data = options["population"].read_bytes()
            population, issues = read_projection(data, options["population"].name)
            if issues or population is None:
                raise CommandError("; ".join(f"rad {i.row}: {i.message()}" for i in issues[:10]))
        else:
            population = demo_projection(base_date.year, base_date.year + 40)
        prepared = services.prepare_frames(
            staff, base_date, population, demo_projection=not options["population"]
        )
        step(STEPS[1])
        result = services.run_prepared(
            prepared,
            chosen,
            horizon=options["horizon"] or 2035,
            draws=options["draws"] or 1000,
            seed=options["seed"],
        )
        name = options["extract"].name
        return _Named(f"Prognos från {name}"), _Named("Hela uttaget", code="uttag"), result


def _kronor(value: float) -> str:
    """1234567.8 → '1 234 568 kr' (Swedish: a space between thousands)."""
    return f"{value:,.0f} kr".replace(",", " ")
