"""The board report where nothing is imported (issue 18, item 10): "–", not "hidden", and a
sentence that says what to import; "hidden" and "too few" stay for privacy, decided on the
imports for the whole region, never on a group's size."""

import datetime
import io
import re

from django.urls import reverse
from django.utils import translation

from bemanna.conftest import PASSWORD
from bemanna.keyfigures import board, services
from bemanna.org.models import Unit

TODAY = datetime.date(2026, 6, 30)


def _sentences(year=2025):
    with translation.override("en"):
        report = board.build(Unit.objects.get(code="F"), year, TODAY)
        [first, *_rest] = board.summary_sections(report)
        return {str(row[0]): row[-1] for row in first.tables[0].rows}


def _children(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("keyfigures:page"), {"unit": "F", "year": 2025}).content.decode()
    return page.split('id="children"')[1].split("</table>")[0]


def test_without_hours_the_units_below_show_a_dash_not_hidden(client, staffed, analyst):
    client.login(username="analyst", password=PASSWORD)
    children = _children(client)
    assert "hidden" not in children
    rows = children.split("<tr data-unit")[1:]
    assert rows and all(len(re.findall(r">\s*–\s*<", row)) >= 2 for row in rows)


def test_with_hours_a_small_unit_below_is_still_hidden(client, staffed, analyst):
    hours = "Anst.nr;Månad;Timmar\n1001;2025-03;160\n1003;2025-03;160\n"
    services.import_health_file("hours", io.BytesIO(hours.encode()), filename="h.csv", today=TODAY)
    client.login(username="analyst", password=PASSWORD)
    assert "hidden" in _children(client)


def test_the_sentences_say_what_to_import(staffed):
    said = " | ".join(_sentences().values())
    assert "no data, or too few people" not in said
    assert "no scheduled hours imported for the year (import hours)" in said
    assert "no personnel costs imported for the year (import costs)" in said
    assert "no competence plans imported (import plans)" in said
    assert "no pulse wave closed in the year" in said
