"""The key figures' turnover follows the one rule for who left (issue 14, error 3), worked out
by hand on a small imported extract."""

import datetime
import io

import pytest

from bemanna.conftest import EXTRACT_HEADER, TODAY, extract_csv
from bemanna.keyfigures import services as keyfigures
from bemanna.keyfigures.models import ScheduledHours
from bemanna.keyfigures.summary import summary, turnover
from bemanna.org.models import Level, Unit
from bemanna.pulse.tests.helpers import add_staff
from bemanna.workforce import frames, services
from bemanna.workforce.models import Employment

ROWS = [
    # Leaves on 31 May 2023 (own request); comes back on 1 March 2024 in the second import.
    "2001;1990;K;A;222101;Sjuksköterska;Sjuksköterskor;Tillsvidare;100;2018-01-01;2023-05-31;"
    "Egen begäran",
    "2002;1985;K;A;222101;Sjuksköterska;Sjuksköterskor;Tillsvidare;100;2015-01-01;;",
    "2003;1975;M;A;222101;Sjuksköterska;Sjuksköterskor;Tillsvidare;100;2015-01-01;;",
    # 1 April – 1 May: 31 days away, a move (neither a leaver nor a hire).
    "2004;1980;K;A;222101;Sjuksköterska;Sjuksköterskor;Tillsvidare;100;2016-01-01;2023-03-31;"
    "Egen begäran",
    "2004;1980;K;B;222101;Sjuksköterska;Sjuksköterskor;Tillsvidare;100;2023-05-02;;",
    # 1 September – 2 October: 32 days away, a leaver of 2023 and a hire of 2023.
    "2005;1982;M;A;222101;Sjuksköterska;Sjuksköterskor;Tillsvidare;100;2016-01-01;2023-08-31;"
    "Egen begäran",
    "2005;1982;M;B;222101;Sjuksköterska;Sjuksköterskor;Tillsvidare;100;2023-10-03;;",
]
RETURN = "2001;1990;K;A;222101;Sjuksköterska;Sjuksköterskor;Tillsvidare;100;2024-03-01;;"


def _import(rows):
    data = io.BytesIO(extract_csv(rows, header=EXTRACT_HEADER))
    services.import_employments(data, filename="hr.csv", today=TODAY)


def test_turnover_counts_a_break_of_more_than_31_days_and_never_changes_afterwards(org):
    _import(ROWS)
    published = turnover(org["F"], 2023, k=4)  # at least four permanent on both days: shown
    # 1 January: 2001–2005 (5); 31 December: 2002–2005 (4); leavers 2001 and 2005; hired 2005.
    # Everyone is permanent, so the own-request rate has the same average headcount.
    average = (5 + 4) / 2
    assert published == pytest.approx(
        {"leavers": 2 / average, "replacement": 1 / average, "own_request": 2 / average}
    )
    _import([*ROWS, RETURN])
    assert turnover(org["F"], 2023, k=4) == published
    # 2024: 4 on 1 January, 5 on 31 December, no leaver, one hire (the return).
    assert turnover(org["F"], 2024, k=5)["own_request"] is None  # four on 1 January
    assert turnover(org["F"], 2024, k=4) == pytest.approx(
        {"leavers": 0.0, "replacement": 0.0, "own_request": 0.0}
    )


# --- Review item L1 -----------------------------------------------------------------------


def test_the_own_request_rate_needs_k_permanent_staff(org, settings):
    """Four permanent nurses on 31 December 2023: own-request leavers 2 / 4 would tell them
    (and 2 / 1, with one left, whether that one had left of their own accord)."""
    settings.MIN_GROUP = 5
    _import(ROWS)
    shown = turnover(org["F"], 2023)
    assert shown["own_request"] is None
    assert shown["leavers"] == pytest.approx(2 / 4.5)  # the headcounts 5 and 4: not this rule


def _staff(number, form, end=None, reason=""):
    start = "2015-01-01" if form == "Tillsvidare" else "2023-06-01"
    return (
        f"{number};1980;K;A;222101;Sjuksköterska;Sjuksköterskor;{form};100;{start};"
        f"{end or ''};{reason}"
    )


def test_own_request_turnover_is_permanent_leavers_over_average_permanent_staff(org):
    """The controller's case: 33 permanent on 1 January 2024, four of them leave at their own
    request during the year (29 on 31 December), and one fixed-term employee leaves at their
    own request too. Own-request turnover: 4 / ((33 + 29) / 2) = 12.9 %; it was 5 / 29 = 17.2 %
    (the fixed-term leaver counted, over the permanent staff on 31 December alone)."""
    ends = ["2024-02-29", "2024-05-31", "2024-08-31", "2024-11-30"]
    rows = [_staff(3000 + i, "Tillsvidare") for i in range(29)]
    rows += [_staff(3100 + i, "Tillsvidare", end, "Egen begäran") for i, end in enumerate(ends)]
    rows.append(_staff(3200, "Visstid", "2024-04-30", "Egen begäran"))
    _import(rows)
    rates = turnover(org["F"], 2024, k=5)
    assert rates["own_request"] == pytest.approx(4 / 31)
    assert round(rates["own_request"] * 100, 1) == 12.9
    # The other two variants: five leavers (the fixed-term one too) over 34 and 29.
    assert rates["leavers"] == pytest.approx(5 / 31.5)
    assert rates["replacement"] == 0.0


def _padded():
    """Clinic C: wards a and b with ten monthly-paid nurses each all year, and directly in
    C two monthly-paid nurses who left on 30 June 2025 and four hourly staff all year.
    Everyone worked 160 hours a month."""
    clinic = Unit.objects.create(code="C", name="C", level=Level.REGION)
    wards = [Unit.objects.create(code=c, name=c, parent=clinic) for c in ("a", "b")]
    leavers = add_staff(clinic, 2)
    Employment.objects.filter(person__in=leavers).update(
        end=datetime.date(2025, 6, 30), end_reason="own_request"
    )
    staff = [*leavers, *add_staff(clinic, 4, form="hourly")]
    staff += add_staff(wards[0], 10) + add_staff(wards[1], 10)
    for person in staff:
        last = 6 if person in leavers else 12
        for month in range(1, last + 1):
            ScheduledHours.objects.create(
                person=person, month=datetime.date(2025, month, 1), hours=160
            )
    keyfigures._computed.clear()
    frames.forget()
    return keyfigures.key_figures(2025, datetime.date(2026, 2, 1)), clinic, wards


def _turnover_shown(data, units) -> dict:
    return {
        unit.code: row["leavers"]
        for unit in units
        if (row := summary(data, unit, manager=False)["turnover"]) is not None
    }


def test_hourly_staff_do_not_pad_the_turnover_population(db):
    data, clinic, wards = _padded()
    # Sick leave: C minus a and b is six people (the hourly staff have hours) to June, but
    # the four hourly staff from July: each month decided too, one ward is hidden with C's
    # own (`services._every_month`).
    shown = data.shown_units(2025)
    assert clinic.pk in shown and len(shown & {w.pk for w in wards}) == 1
    # Turnover: C's monthly paid over the year minus a's and b's are the two leavers.
    shown = _turnover_shown(data, [clinic, *wards])
    assert len(shown) < 3, shown


def test_the_mutation_counting_hourly_staff_gives_the_two_leavers_away(db, monkeypatch):
    """The population as it was: everyone employed during the year, hourly staff too."""
    rule = keyfigures.visible_units_of_populations

    def padded(parents, populations, **kwargs):
        last_day, during = populations
        everyone: dict = {}
        for unit, person in Employment.objects.values_list("unit_id", "person_id"):
            everyone.setdefault(unit, set()).add(person)
        assert all(people <= everyone[unit] for unit, people in during.items())
        return rule(parents, [last_day, everyone], **kwargs)

    monkeypatch.setattr(keyfigures, "visible_units_of_populations", padded)
    data, clinic, wards = _padded()
    # By hand: C 22 on 1 January, 20 on 31 December, 2 leavers: 2 / 21; a and b none left.
    # So the two who left were C's own, not the wards': a group of two, under k.
    assert _turnover_shown(data, [clinic, *wards]) == pytest.approx(
        {"C": 2 / 21, "a": 0.0, "b": 0.0}
    )
