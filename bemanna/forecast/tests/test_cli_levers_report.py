"""`bemanna forecast --scenario Nuläge --levers FILE` (issue 18): the report was headed by
the scenario's own description, "no levers", although the file's levers were applied. It
now says which levers the forecast used, and the scenario stays as saved."""

import html
import json

from django.core.management import call_command
from django.utils import translation

from bemanna.forecast import services
from bemanna.forecast.models import Scenario

NO_LEVERS = "inga åtgärder"  # the baseline's description, stored in Swedish


def _report(tmp_path, **options) -> str:
    report = tmp_path / "r.html"
    with translation.override("en"), (tmp_path / "out.txt").open("w") as stdout:
        call_command(
            "forecast",
            scenario="Nuläge",
            draws=20,
            out=str(report),
            language="en",
            stdout=stdout,
            **options,
        )
    return " ".join(html.unescape(report.read_text()).split())


def test_the_report_describes_the_levers_of_the_file(region_of_ten, tmp_path):
    services.ensure_baseline()
    levers = tmp_path / "levers.json"
    levers.write_text(json.dumps({"retirement_shift": 2, "sick_leave_pp": 1}))
    text = _report(tmp_path, levers=str(levers))
    summary = text.split("<h2>", 2)[1]
    assert NO_LEVERS not in summary, summary
    assert (
        "This forecast is “Nuläge” with the levers of levers.json on top, not saved in the "
        "scenario. Levers used: Retire later, Lower sick leave." in summary
    ), summary
    # The scenario is as saved, and without --levers its report says what it always did.
    assert Scenario.objects.get(name="Nuläge").levers == {}
    plain = _report(tmp_path).split("<h2>", 2)[1]
    assert NO_LEVERS in plain and "not saved in the scenario" not in plain
