import datetime
import json
from dataclasses import dataclass, fields
from pathlib import Path

from django.core.management.base import CommandError
from django.utils.formats import number_format
from django.utils.translation import gettext, gettext_noop, ngettext
from rich.console import Console

from bemanna.analysis.forecast import LeverError, Levers, levers
from bemanna.analysis.forecast.frames import ExtractError, from_file
from bemanna.analysis.forecast.population import demo_projection, read_projection
from bemanna.clifiles import SEED_HELP, BemannaCommand, input_file, output_file
from bemanna.forecast import context, reports, services
from bemanna.forecast.population import ProjectionRefused
from bemanna.workforce.console import add_language_option, refuse, speaking, steps
from bemanna.workforce.retention import last_closed_year
from bemanna.workforce.services import ImportRefused

STEPS = [
    gettext_noop("Reading staff and assumptions"),
    gettext_noop("Computing the forecast"),
    gettext_noop("Computing the cost"),
    gettext_noop("Writing"),
]


@dataclass
class _Named:
    """Stands in for a Scenario or Unit when the forecast runs on a file."""

    name: str
    code: str = ""
    description: str = ""


LEVER_FIELDS = {f.name for f in fields(Levers)}

# How a --levers file writes each unit (the form shows shares and changes as per cent).
UNIT_NAMES = {
    levers.LeverUnit.SHARE: gettext_noop("share (0–1)"),
    levers.LeverUnit.CHANGE: gettext_noop("change (−0.1 = 10 per cent less)"),
    levers.LeverUnit.PERCENT: gettext_noop("per cent"),
    levers.LeverUnit.POINTS: gettext_noop("percentage points"),
    levers.LeverUnit.YEARS: gettext_noop("years"),
    levers.LeverUnit.COUNT: gettext_noop("people a year"),
}
# The levers a --levers file writes per profession group or as a list of items: the LEVERS
# row of each number in it (its range), and an example.
JSON_LEVERS = {
    "productivity_by_group": (
        {"value": "productivity_group_value"},
        {"Sjuksköterskor": 1.5},
    ),
    "part_time_by_group": (
        {"share": "part_time_share", "target": "part_time_target"},
        {"Undersköterskor": [0.5, 90]},
    ),
    "study_grants": (
        {"per_year": "grant_per_year"},
        [{"from_group": "Sjuksköterskor", "to_group": "Specialistsjuksköterskor", "per_year": 5}],
    ),
    "education": (
        {
            "students": "education_students",
            "completion": "education_completion",
            "share_hired": "education_hired",
        },
        [{"group": "Sjuksköterskor", "students": 40, "completion": 0.8, "share_hired": 0.5}],
    ),
    "task_shifts": (
        {"share_per_year": "shift_share"},
        [{"from_group": "Sjuksköterskor", "to_group": "Undersköterskor", "share_per_year": 0.02}],
    ),
}


def _label(name: str) -> str:
    """A lever's or a --levers key's name on the form (and its waterfall's bar)."""
    if name in levers.LEVERS:
        return gettext(levers.LEVERS[name].label)
    if name in JSON_LEVERS:
        row = levers.LEVERS[next(iter(JSON_LEVERS[name][0].values()))]
        return gettext(levers.steps()[row.lever])
    return ""


def _lever_problem(error: LeverError) -> str:
    """The engine's message in the user's language with the lever's label, as the form names
    it; an unknown lever says how to list them."""
    message = gettext(error.template) % error.values if error.values else gettext(error.template)
    label = _label(error.lever)
    if not label:
        hint = gettext("bemanna forecast --list-levers lists them")
        return f"{error.parameter}: {message} ({hint})"
    return f"{error.parameter} ({label}): {message}"


class Command(BemannaCommand):
    help = gettext_noop(
        "Forecast a scenario from the database (--scenario) or straight from an HR extract "
        "(--extract, no database), and write it as .xlsx, .html or .pdf."
    )

    def add_arguments(self, parser):
        source = parser.add_mutually_exclusive_group(required=True)
        source.add_argument("--scenario", help=gettext_noop("Name of a saved scenario."))
        source.add_argument(
            "--extract", type=Path, help=gettext_noop("An HR extract (CSV or XLSX).")
        )
        source.add_argument(
            "--list-levers",
            action="store_true",
            help=gettext_noop(
                "List the levers a --levers file can set: name, unit, range, default."
            ),
        )
        parser.add_argument(
            "--out", type=Path, help=gettext_noop("report.xlsx, report.html or report.pdf")
        )
        parser.add_argument("--unit", help=gettext_noop("Unit code (default: the whole region)."))
        parser.add_argument(
            "--horizon", type=int, help=gettext_noop("Last year (default: the scenario's).")
        )
        parser.add_argument("--draws", type=int, help=gettext_noop("Monte Carlo draws."))
        parser.add_argument("--seed", type=int, default=1, help=SEED_HELP)
        parser.add_argument(
            "--levers",
            type=Path,
            help=gettext_noop("JSON file of levers (on top of the scenario's, or with --extract)."),
        )
        parser.add_argument(
            "--base-date",
            type=datetime.date.fromisoformat,
            help=gettext_noop(
                "Base date (with --extract; default 31 December of the last closed year: last "
                "year from 1 February, the year before in January)."
            ),
        )
        parser.add_argument(
            "--population",
            type=Path,
            help=gettext_noop(
                "Population projection CSV/XLSX (with --extract; default: Region Demo's)."
            ),
        )
        add_language_option(parser)

    def handle(self, *args, **options):
        with speaking(options["language"]):
            self._forecast(options)

    def _forecast(self, options):
        for name in ("out", "extract", "levers", "population"):
            if options.get(name) is not None:
                options[name] = Path(options[name])  # call_command passes plain strings
        if isinstance(options.get("base_date"), str):
            options["base_date"] = datetime.date.fromisoformat(options["base_date"])
        if options["list_levers"]:
            self._list_levers()
            return
        if options["out"] is None:
            raise CommandError(gettext("--out is missing: report.xlsx, report.html or report.pdf"))
        fmt = options["out"].suffix.lstrip(".").lower()
        if fmt not in reports.FORMATS:
            raise CommandError(gettext("--out must end in .xlsx, .html or .pdf"))
        output_file(options["out"])
        if options["base_date"] is not None and options["base_date"] > datetime.date.today():
            raise CommandError(
                gettext(
                    "The base date %(date)s is after today: a forecast starts from the staff on "
                    "a day that has been; give today or an earlier date."
                )
                % {"date": options["base_date"].isoformat()}
            )
        for name, kinds in (
            ("extract", (".csv", ".xlsx")),
            ("levers", (".json",)),
            ("population", (".csv", ".xlsx")),
        ):
            if options.get(name) is not None:
                input_file(options[name], kinds=kinds)
        console = Console(file=self.stdout, highlight=False, soft_wrap=True)
        quiet = options["verbosity"] == 0
        with steps(console, STEPS, quiet) as step:
            step(STEPS[0])
            try:
                scenario, unit, result = (
                    self._from_database(options, step)
                    if options["scenario"]
                    else self._from_file(options, step)
                )
            except LeverError as error:
                raise CommandError(_lever_problem(error)) from None
            except ExtractError as error:
                # Each problem on a line of its own in the command's language, as an import.
                refuse(console, ImportRefused(error.issues), forecast=True)
            except ProjectionRefused as error:  # file, row, column and reason, as the extract's
                refuse(console, ImportRefused(error.issues), forecast="population")
            except (services.ForecastError, ValueError) as error:
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
        for note in services.notes(result):
            console.print(gettext("Note: %(note)s") % {"note": note})
        gap = summary["gap"]
        console.print(
            ngettext(
                "%(scenario)s, %(unit)s: gap %(year)s mean %(mean)s FTE (P10–P90 %(p10)s to "
                "%(p90)s); recruitment need %(need)s person/year. Wrote %(out)s.",
                "%(scenario)s, %(unit)s: gap %(year)s mean %(mean)s FTE (P10–P90 %(p10)s to "
                "%(p90)s); recruitment need %(need)s persons/year. Wrote %(out)s.",
                round(summary["need_per_year"]),
            )
            % {
                "scenario": scenario.name,
                "unit": unit.name,
                "year": summary["horizon"],
                "mean": _whole(gap["mean"]),
                "p10": _whole(gap["p10"]),
                "p90": _whole(gap["p90"]),
                "need": _whole(summary["need_per_year"]),
                "out": options["out"],
            }
        )
        if cost:
            console.print(
                gettext(
                    "Cost of the gap %(year)s mean %(mean)s per year (P10–P90 %(p10)s to %(p90)s); "
                    "with hired staff mean %(hired)s per year."
                )
                % {
                    "year": summary["horizon"],
                    "mean": _kronor(cost["gap"]["mean"]),
                    "p10": _kronor(cost["gap"]["p10"]),
                    "p90": _kronor(cost["gap"]["p90"]),
                    "hired": _kronor(cost["hired"]["mean"]),
                }
            )

    def _list_levers(self):
        """Every lever a --levers file can set, as it writes them: a number in its stored
        unit (a share is 0–1), then those per group or of items in their JSON form."""
        self.stdout.write(
            "\t".join((gettext("lever"), gettext("label"), gettext("unit"), gettext("range")))
            + "\t"
            + gettext("default")
        )
        for lever in levers.LEVERS.values():
            if lever.name in LEVER_FIELDS:
                self.stdout.write(
                    f"{lever.name}\t{gettext(lever.label)}\t{gettext(UNIT_NAMES[lever.unit])}\t"
                    f"{lever.low:g}–{lever.high:g}\t{lever.default:g}"
                )
        self.stdout.write("")
        self.stdout.write(gettext("Per profession group or as a list, in JSON:"))
        for name, (numbers, example) in JSON_LEVERS.items():
            ranges = ", ".join(
                f"{field} {levers.LEVERS[row].low:g}–{levers.LEVERS[row].high:g}"
                for field, row in numbers.items()
            )
            shown = json.dumps({name: example}, ensure_ascii=False)
            self.stdout.write(f"{name}\t{_label(name)}\t{ranges}\t{shown}")

    def _from_database(self, options, step):
        from bemanna.forecast.models import Scenario
        from bemanna.org.models import Unit

        try:
            scenario = Scenario.objects.get(name=options["scenario"])
        except Scenario.DoesNotExist:
            if not Scenario.objects.exists():
                raise CommandError(
                    gettext(
                        "There is no scenario yet: import the unit tree and the HR extract "
                        "first (bemanna import units FILE, bemanna import employments FILE); "
                        "the first extract makes the scenario “Nuläge”."
                    )
                ) from None
            names = ", ".join(Scenario.objects.values_list("name", flat=True)) or gettext("none")
            raise CommandError(
                gettext("The scenario does not exist. Scenarios: %(names)s") % {"names": names}
            ) from None
        if options["base_date"] is not None:
            # Refused, not ignored: the scenario's base date is part of what was saved (and
            # compared); a forecast from another day is another scenario.
            raise CommandError(
                gettext(
                    "--base-date is for --extract: the scenario “%(scenario)s” has its own base "
                    "date, %(date)s; change it on the scenario's page, or save a new scenario."
                )
                % {"scenario": scenario.name, "date": scenario.base_date.isoformat()}
            )
        if options["unit"]:
            unit = Unit.objects.filter(code=options["unit"]).first()
            if unit is None:
                raise CommandError(
                    gettext("The unit does not exist: %(code)s") % {"code": options["unit"]}
                )
        else:
            unit = Unit.objects.region()
            if unit is None:
                raise CommandError(gettext("There are no units: import the unit tree first."))
        if options["seed"] != 1:
            scenario.seed = options["seed"]
        # --levers on top of the scenario's own (not saved): a lever naming a group that is
        # not among the staff is a note in the output, as with --extract.
        given = self._given_levers(options)
        chosen = Levers.from_dict({**scenario.get_levers().to_dict(), **given}) if given else None
        if given:  # the report says so: the scenario's description is of its saved levers
            scenario.levers_from = options["levers"].name
        step(STEPS[1])
        result = services.run_forecast(
            scenario, unit, levers=chosen, draws=options["draws"], horizon=options["horizon"]
        )
        return scenario, unit, result

    def _given_levers(self, options) -> dict:
        """The --levers file's object (empty without one)."""
        if not options["levers"]:
            return {}
        try:
            given = json.loads(options["levers"].read_text(encoding="utf-8"))
        except json.JSONDecodeError as error:
            where = gettext("line %(line)s, column %(column)s") % {
                "line": error.lineno,
                "column": error.colno,
            }
            raise CommandError(
                gettext("--levers is not valid JSON (%(error)s): %(file)s")
                % {"error": where, "file": options["levers"]}
            ) from None
        except ValueError:  # not UTF-8
            raise CommandError(
                gettext("--levers is not valid JSON (%(error)s): %(file)s")
                % {"error": gettext("not UTF-8 text"), "file": options["levers"]}
            ) from None
        if not isinstance(given, dict):
            raise CommandError(
                gettext("--levers must be a JSON object of levers: %(file)s")
                % {"file": options["levers"]}
            )
        return given

    def _from_file(self, options, step):
        # Read first: a lever out of range is found before the extract.
        chosen = Levers.from_dict(self._given_levers(options))
        base_date = options["base_date"] or datetime.date(
            last_closed_year(datetime.date.today()), 12, 31
        )
        staff = from_file(options["extract"], today=base_date)
        if options["population"]:
            data = options["population"].read_bytes()
            population, issues = read_projection(data, options["population"].name)
            if issues or population is None:
                raise ProjectionRefused(issues)
        else:
            population = demo_projection(base_date.year, base_date.year + 40)
        prepared = services.prepare_frames(
            staff, base_date, population, demo_projection=not options["population"]
        )
        step(STEPS[1])
        result = services.run_prepared(
            prepared,
            chosen,
            horizon=2035 if options["horizon"] is None else options["horizon"],
            draws=1000 if options["draws"] is None else options["draws"],
            seed=options["seed"],
        )
        name = options["extract"].name
        named = _Named(gettext("Forecast from %(file)s") % {"file": name})
        return named, _Named(gettext("The whole extract"), code="uttag"), result


def _whole(value: float) -> str:
    """1234.5 → '1 234' in Swedish, '1,234' in English; a negative one with a real minus
    (−12), which a range beside it does not read as a dash."""
    return number_format(round(value), 0, use_l10n=True, force_grouping=True).replace("-", "−")


def _kronor(value: float) -> str:
    """1234567.8 → '1 234 568 kr' in Swedish (a space between thousands)."""
    return gettext("%(amount)s kr") % {"amount": _whole(value)}
