"""Class 3, as an insider would try it: look at a closed wave as analyst and manager, move a
small unit to another clinic by reimporting the unit tree, look again. The closed wave keeps
the tree it was opened with, so nothing shown changes and nothing new can be derived; with
the kept tree ignored (the mutation), the difference gives the moved unit's answers away."""

import io

import fastexcel
from bs4 import BeautifulSoup
from django.urls import reverse

from bemanna.accounts.models import Role
from bemanna.analysis import disclosure
from bemanna.analysis.tests.solver import solvable_small_groups
from bemanna.conftest import PASSWORD, make_user
from bemanna.org import frozen
from bemanna.org.models import Unit
from bemanna.pulse import results, services
from bemanna.pulse.models import Pulse
from bemanna.pulse.tests.helpers import add_staff, answer
from bemanna.pulse.tests.test_attacker import WAVES
from bemanna.workforce.services import import_units

HEADER = "Enhetskod;Enhetsnamn;Överordnad;Nivå;Chef\n"
BEFORE = {"R": None, "A": "R", "B": "R", "A1": "A", "M": "A", "B1": "B", "B2": "B"}
AFTER = BEFORE | {"M": "B"}  # the small unit M moves from clinic A to clinic B
ANSWERS = {"A1": 12, "M": 2, "B1": 10, "B2": 10}  # M has 2: under k = 5
K = 5


def _import(tree: dict) -> None:
    rows = [
        f"{code};Enhet {code};{parent or ''};{'region' if parent is None else 'enhet'};"
        f"{'chef' if code == 'A' else ''}"
        for code, parent in tree.items()
    ]
    report = import_units(io.BytesIO((HEADER + "\n".join(rows)).encode()), filename="enheter.csv")
    assert report.units == len(tree), report  # refused files raise ImportRefused


def _members(tree: dict, unit: str) -> set[str]:
    """The units whose answers count in `unit`'s figure under a tree."""
    found = set()
    for code in tree:
        node = code
        while node is not None:
            if node == unit:
                found.add(code)
                break
            node = tree[node]
    return found & set(ANSWERS)


def _look(client, pulse) -> tuple[dict, set]:
    """Everything the analyst and A's manager see of the closed wave: each unit's figures as
    text, keyed by unit code (from every page and the export), and the units shown."""
    figures: dict = {}
    shown: set = set()
    for username in ("insider-analyst", "chef"):
        client.login(username=username, password=PASSWORD)
        for code in BEFORE:
            page = client.get(reverse("pulse:results", args=[pulse.pk]), {"unit": code})
            if page.status_code != 200:
                continue
            soup = BeautifulSoup(page.content, "html.parser")
            for row in soup.select("#trend tr[data-wave], #children tr[data-unit]"):
                cells = tuple(td.get_text(" ", strip=True) for td in row.select("td.num"))
                figures.setdefault(("page", row["data-unit"]), set()).add(cells)
                if cells:
                    shown.add(row["data-unit"])
        export = client.get(reverse("pulse:export", args=[pulse.pk]))
        if export.status_code == 200:
            sheet = fastexcel.read_excel(export.content).load_sheet(
                0, header_row=3, dtypes="string"
            )
            for row in sheet.to_polars().iter_rows(named=True):
                figures.setdefault(("export", row["Enhetskod"]), set()).add(
                    tuple(sorted((k, v) for k, v in row.items() if k != "Enhet"))
                )
                if row["eNPS"] is not None:
                    shown.add(row["Enhetskod"])
    return figures, shown


def _insider(client, db) -> tuple[dict, set, dict, set]:
    make_user("chef", Role.MANAGER)
    make_user("insider-analyst", Role.ANALYST)
    _import(BEFORE)
    units = {u.code: u for u in Unit.objects.all()}
    for code, count in ANSWERS.items():
        add_staff(units[code], count)
    pulse = Pulse.objects.create(name="Omorganisation", min_answers=K, min_answers_text=10)
    pulse.units.add(units["R"])
    wave = services.open_wave(pulse, WAVES[0])
    for code, count in ANSWERS.items():
        answer(wave, [10, 8, 3] * (count // 3) + [9] * (count % 3), unit=units[code])
    services.close_wave(wave)
    before, shown_before = _look(client, pulse)
    _import(AFTER)
    assert Unit.objects.get(code="M").parent.code == "B"
    after, shown_after = _look(client, pulse)
    return before, shown_before, after, shown_after


def _derivable(views: list[tuple[dict, set]]) -> list:
    rows = [_members(tree, code) for tree, shown in views for code in sorted(shown)]
    return solvable_small_groups(rows, ANSWERS, K)


def test_a_closed_wave_shows_the_same_after_a_unit_moves(client, db):
    before, shown_before, after, shown_after = _insider(client, db)
    assert shown_before == shown_after and "A" in shown_before and "M" not in shown_before
    for key in before.keys() & after.keys():
        assert before[key] == after[key], key
    # The figures after the move are those of the kept tree: nothing new to solve from.
    assert _derivable([(BEFORE, shown_before), (BEFORE, shown_after)]) == []
    # A wave opened after the move is computed over the new tree; the trend reads each wave
    # over its own.
    pulse = Pulse.objects.get()
    later = services.open_wave(pulse, WAVES[1])
    reports = results.wave_reports(list(pulse.waves.order_by("opens")))
    moved = Unit.objects.get(code="M")
    first, second = (reports[w.pk] for w in pulse.waves.order_by("opens"))
    assert first.units[first.parents[moved.pk]].code == "A"
    assert second.units[second.parents[moved.pk]].code == "B" and second.wave == later


def test_the_mutation_recomputed_on_todays_tree_gives_the_moved_unit_away(client, db, monkeypatch):
    kept = frozen.units_of
    monkeypatch.setattr(frozen, "units_of", lambda _stored: kept(None))  # today's tree
    # M's answers are stored under A (two people: too few for a unit of their own,
    # `disclosure.counting_units`), which keeps them in A after the move too; without that,
    # the kept tree alone.
    monkeypatch.setattr(
        disclosure, "counting_units", lambda _parents, invited, _k: {unit: unit for unit in invited}
    )
    before, shown_before, after, shown_after = _insider(client, db)
    changed = {key for key in before.keys() & after.keys() if before[key] != after[key]}
    assert ("page", "A") in changed  # A's figure lost M's answers
    # A before (A1 + M, on the old tree) and A after (A1 alone, on today's): M = 2 < k.
    found = _derivable([(BEFORE, shown_before), (AFTER, shown_after)])
    assert (["M"], 2) in found


def test_a_ward_moved_in_since_is_not_compared_with_a_rest_it_was_never_part_of(client, db):
    """Round 25: after HR moved a ward under a clinic, the clinic's page compared it with
    the clinic's rest in a wave where it sat elsewhere: a wrong significance mark, or, with
    more promoters than the clinic had, a server error."""
    make_user("chef", Role.MANAGER)
    make_user("insider-analyst", Role.ANALYST)
    tree = {"R": None, "A": "R", "B": "R", "A1": "A", "B1": "B", "B2": "B"}
    _import(tree)
    units = {u.code: u for u in Unit.objects.all()}
    for code in ("A1", "B1", "B2"):
        add_staff(units[code], 12)
    pulse = Pulse.objects.create(name="Flytt", min_answers=K, min_answers_text=10)
    pulse.units.add(units["R"])
    wave = services.open_wave(pulse, WAVES[0])
    answer(wave, [3] * 12, unit=units["A1"])  # A: twelve detractors
    answer(wave, [10] * 10, unit=units["B1"])  # B1: ten promoters
    answer(wave, [8] * 12, unit=units["B2"])
    services.close_wave(wave)
    _import(tree | {"B1": "A"})
    client.login(username="insider-analyst", password=PASSWORD)
    page = client.get(reverse("pulse:results", args=[pulse.pk]), {"unit": "A"})
    assert page.status_code == 200
    soup = BeautifulSoup(page.content, "html.parser")
    moved = soup.select_one('#children tr[data-unit="B1"]')
    assert moved is not None and "100" in moved.get_text()  # its own figure, as kept
    assert "signifikant" not in moved.get_text()
    stayed = soup.select_one('#children tr[data-unit="A1"]')
    assert stayed is not None and "−100" in stayed.get_text()
