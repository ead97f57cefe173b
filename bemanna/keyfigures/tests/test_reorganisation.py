"""Class 3 for the key figures, as an insider would try it: read a closed year's sick leave for
every unit (the year's own page, and next year's page with it as "last year" and in the
trend), move a small unit to another clinic by reimporting the tree, read again. A closed
year keeps the tree it was first shown over, so nothing shown changes and nothing new can be
worked out; with the kept tree ignored (the mutation), clinic A before minus clinic A after
is the moved unit's two people.

The running year likewise (item M2): its months already shown are computed over the tree
of its first view, so moving a unit in September changes nothing shown for the year.

And item 2 of the review: someone who moved between two wards during the year is one person
of their clinic, not two."""

import datetime
import io

import pytest

from bemanna.analysis import disclosure
from bemanna.analysis.tests.solver import solvable_small_groups
from bemanna.keyfigures import services
from bemanna.keyfigures.models import PublishedYear, ScheduledHours, SickLeaveSpell
from bemanna.keyfigures.summary import summary
from bemanna.org import frozen
from bemanna.org.models import Level, Unit
from bemanna.pulse.tests.helpers import add_staff
from bemanna.workforce import frames
from bemanna.workforce.models import Employment
from bemanna.workforce.services import import_units

TODAY = datetime.date(2026, 2, 1)
HEADER = "Enhetskod;Enhetsnamn;Överordnad;Nivå;Chef\n"
BEFORE = {"R": None, "A": "R", "B": "R", "A1": "A", "M": "A", "B1": "B", "B2": "B"}
AFTER = BEFORE | {"M": "B"}  # the small unit M moves from clinic A to clinic B
PEOPLE = {"A1": 8, "M": 2, "B1": 8, "B2": 8}  # M has 2: under k = 5
K = 5


def _import(tree: dict) -> None:
    rows = [
        f"{code};Enhet {code};{parent or ''};{'region' if parent is None else 'enhet'};"
        for code, parent in tree.items()
    ]
    report = import_units(io.BytesIO((HEADER + "\n".join(rows)).encode()), filename="enheter.csv")
    assert report.units == len(tree), report


def _members(tree: dict, unit: str) -> set[str]:
    """The units whose people count in `unit`'s figure under a tree."""
    found = set()
    for code in tree:
        node = code
        while node is not None:
            if node == unit:
                found.add(code)
                break
            node = tree[node]
    return found & set(PEOPLE)


def _staff() -> None:
    units = {u.code: u for u in Unit.objects.all()}
    for code, count in PEOPLE.items():
        for index, person in enumerate(add_staff(units[code], count)):
            for month in range(1, 13):
                ScheduledHours.objects.create(
                    person=person, month=datetime.date(2025, month, 1), hours=160
                )
            ScheduledHours.objects.create(person=person, month=datetime.date(2026, 1, 1), hours=160)
            if index % 2 == 0:  # everyone's sick leave differs, so a difference tells
                SickLeaveSpell.objects.create(
                    person=person,
                    start=datetime.date(2025, 3, 1),
                    end=datetime.date(2025, 3, 2 + index + 3 * len(code)),
                    extent=100,
                )


def _look() -> tuple[dict, set]:
    """Every figure of 2025 shown about each unit (its own page, its parent's list of units
    below, the 2026 page's "last year" column and trend), and the units shown."""
    figures: dict = {}
    shown: set = set()
    services._computed.clear()
    frames.forget()
    for year in (2025, 2026):
        data = services.key_figures(year, TODAY)
        for unit in Unit.objects.all():
            page = summary(data, unit, manager=False)
            for row in page["rows"]:
                value = row["value"] if year == 2025 else row["before"]
                figures.setdefault((year, unit.code, row["key"]), set()).add(_rounded(value))
            if year == 2025:
                if page["figures"].get("total") is not None:
                    shown.add(unit.code)
                for child in page["children"]:
                    figures.setdefault((year, "below", child["unit"].code), set()).add(
                        _rounded(child["value"])
                    )
            trend = page["trend_spec"]
            points = trend["data"]["values"] if trend else []
            figures[(year, unit.code, "trend")] = {
                (p["series"], round(p["value"], 9)) for p in points if p["year"] == "2025"
            }
    return figures, shown


def _rounded(value: float | None) -> float | None:
    """To well below what a page shows (the sum's order may differ in the last digits)."""
    return None if value is None else round(value, 9)


def _insider(db) -> tuple[dict, set, dict, set]:
    _import(BEFORE)
    _staff()
    before, shown_before = _look()
    _import(AFTER)
    assert Unit.objects.get(code="M").parent.code == "B"
    after, shown_after = _look()
    return before, shown_before, after, shown_after


def _derivable(views: list[tuple[dict, set]]) -> list:
    rows = [_members(tree, code) for tree, shown in views for code in sorted(shown)]
    return solvable_small_groups(rows, PEOPLE, K)


def test_a_closed_year_shows_the_same_after_a_unit_moves(db):
    before, shown_before, after, shown_after = _insider(db)
    # A holds A1 and M (10); A1 beside A would leave M's 2, so only the clinic is shown.
    assert shown_before == {"R", "A", "B", "B1", "B2"}
    assert shown_after == shown_before
    assert before == after
    assert _derivable([(BEFORE, shown_before), (BEFORE, shown_after)]) == []
    # The year was kept with the tree and k it was first shown with; so was the running
    # year (its January was shown before the move).
    kept = PublishedYear.objects.get(year=2025)
    assert kept.min_group == K
    assert {row[0]: row[1] for row in kept.tree}[Unit.objects.get(code="M").pk] == (
        Unit.objects.get(code="A").pk
    )
    data = services.key_figures(2026, TODAY)
    m, a = (Unit.objects.get(code=c).pk for c in ["M", "A"])
    assert data.tree(2025)[m] == a and data.tree(2026)[m] == a
    assert PublishedYear.objects.filter(year=2026).exists()
    assert not PublishedYear.objects.filter(year=2027).exists()  # not begun: not kept


def test_the_mutation_recomputed_on_todays_tree_gives_the_moved_unit_away(db, monkeypatch):
    kept = frozen.units_of
    monkeypatch.setattr(frozen, "units_of", lambda _stored: kept(None))  # today's tree
    before, shown_before, after, shown_after = _insider(db)
    assert before[(2025, "A", "total")] != after[(2025, "A", "total")]
    # A before (A1 + M, on the old tree) and A after (A1 alone, on today's): M = 2 < k.
    found = _derivable([(BEFORE, shown_before), (AFTER, shown_after)])
    assert (["M"], 2) in found


# --- Item M2: the running year, a unit moved mid-year ---------------------------------------

MID_YEAR = datetime.date(2025, 9, 1)


def _look_running() -> tuple[dict, set]:
    """Every figure of the running year 2025 shown on 1 September about each unit: its
    page's figures 1–7, the months so far, the units below, the staff; and the units shown."""
    figures: dict = {}
    shown: set = set()
    services._computed.clear()
    frames.forget()
    data = services.key_figures(2025, MID_YEAR)
    for unit in Unit.objects.all():
        page = summary(data, unit, manager=False)
        for row in page["rows"]:
            figures[(unit.code, row["key"])] = _rounded(row["value"])
        if page["figures"].get("total") is not None:
            shown.add(unit.code)
        for child in page["children"]:
            figures[("below", unit.code, child["unit"].code)] = _rounded(child["value"])
        monthly = page["monthly_spec"]
        figures[(unit.code, "months")] = {
            (p["series"], p["year"], round(p["value"], 9))
            for p in (monthly["data"]["values"] if monthly else [])
        }
        figures[(unit.code, "staff")] = page["staff"]["headcount"]
    return figures, shown


def _running_insider() -> tuple[dict, set, dict, set]:
    _import(BEFORE)
    _staff()
    before, shown_before = _look_running()
    _import(AFTER)  # M moves from clinic A to clinic B in September
    after, shown_after = _look_running()
    return before, shown_before, after, shown_after


def test_the_running_year_shows_the_same_after_a_unit_moves_mid_year(db):
    before, shown_before, after, shown_after = _running_insider()
    assert shown_before == {"R", "A", "B", "B1", "B2"}
    assert (shown_after, after) == (shown_before, before)
    assert _derivable([(BEFORE, shown_before), (BEFORE, shown_after)]) == []
    kept = PublishedYear.objects.get(year=2025)
    m, a = (Unit.objects.get(code=c).pk for c in ["M", "A"])
    assert {row[0]: row[1] for row in kept.tree}[m] == a
    # The move shows from the next year on.
    next_year = services.key_figures(2026, datetime.date(2026, 1, 15))
    assert next_year.tree(2026)[m] == Unit.objects.get(code="B").pk


def test_the_mutation_the_running_year_on_todays_tree_gives_the_moved_unit_away(db, monkeypatch):
    monkeypatch.setattr(services, "keeps_tree", lambda year, today: year < today.year)
    before, shown_before, after, shown_after = _running_insider()
    assert before[("A", "total")] != after[("A", "total")]
    # A before (A1 + M, on the old tree) and A after (A1 alone, on today's): M = 2 < k.
    assert (["M"], 2) in _derivable([(BEFORE, shown_before), (AFTER, shown_after)])


# --- Movers: distinct people per subtree ----------------------------------------------------


def _movers(db):
    """Clinic C: ward a with two people, ward b with one, and a nurse who moved from a to b
    in July (in both wards' months): four people, five ward-memberships. Clinic D: ten."""
    region = Unit.objects.create(code="R", name="R", level=Level.REGION)
    clinic = Unit.objects.create(code="C", name="C", parent=region)
    wards = [Unit.objects.create(code=c, name=c, parent=clinic) for c in ("a", "b")]
    other = Unit.objects.create(code="D", name="D", parent=region)
    people = add_staff(wards[0], 2) + add_staff(wards[1], 1) + add_staff(other, 10)
    [mover] = add_staff(wards[0], 1)
    Employment.objects.filter(person=mover).update(end=datetime.date(2025, 6, 30))
    Employment.objects.create(
        key="moved",
        person=mover,
        unit=wards[1],
        profession=Employment.objects.get(person=mover).profession,
        form="permanent",
        rate=100,
        start=datetime.date(2025, 7, 1),
    )
    for person in [*people, mover]:
        for month in range(1, 13):
            ScheduledHours.objects.create(
                person=person, month=datetime.date(2025, month, 1), hours=160
            )
    SickLeaveSpell.objects.create(
        person=mover, start=datetime.date(2025, 9, 1), end=datetime.date(2025, 9, 20), extent=100
    )
    services._computed.clear()
    frames.forget()
    return services.key_figures(2025, TODAY), clinic, other, region


def test_a_mover_is_one_person_of_the_clinic(db):
    data, clinic, other, region = _movers(db)
    # C: 4 different people (5 if the mover counted twice): hidden; R would then give C
    # away as R minus D, so D is hidden too and only the region is shown.
    assert data.people(clinic, 2025) == 4  # the figures' own count, distinct people
    assert data.shown_units(2025) == {region.pk}
    page = summary(data, clinic, manager=False)
    assert page["hidden"] and page["figures"]["total"] is None


def test_the_mutation_counting_memberships_shows_a_clinic_of_four(db, monkeypatch):
    def per_unit_sums(parents, members, k):  # the old count: people per unit, summed
        return disclosure.visible_units(parents, {u: len(p) for u, p in members.items()}, k)

    monkeypatch.setattr(services, "visible_units_of_people", per_unit_sums)
    # (Each month, the clinic's four are four by either count: the year's count is the one.)
    monkeypatch.setattr(services, "_every_month", lambda parents, people, k, shown: shown)
    data, clinic, other, region = _movers(db)
    assert clinic.pk in data.shown_units(2025)  # a figure resting on four people
    assert data.people(clinic, 2025) == 4 < K


@pytest.mark.parametrize(
    ("wards", "shown"),
    [
        ({"a": {1, 2, 9}, "b": {3, 9}}, set()),  # four people
        ({"a": {1, 2, 9}, "b": {3, 4, 9}}, {"clinic"}),  # five; b's 3 would leave a's 2
        ({"a": {1, 2, 3, 4, 9}, "b": {5, 6, 7, 8, 9}}, {"clinic", "a", "b"}),
        ({"a": {1, 2, 3, 4, 5, 9}, "b": {9, 6}}, {"clinic"}),  # the residual b: 2 people
    ],
)
def test_distinct_people_decide_the_units(wards, shown):
    tree = {"clinic": None, "a": "clinic", "b": "clinic"}
    assert disclosure.visible_units_of_people(tree, wards, k=5) == shown


# --- Item 4: a published year's k can be raised, never lowered ------------------------------


def _small_unit_year():
    region = Unit.objects.create(code="R", name="R", level=Level.REGION)
    small = Unit.objects.create(code="U", name="U", parent=region)
    other = Unit.objects.create(code="V", name="V", parent=region)
    for person in add_staff(small, 4) + add_staff(other, 8):
        ScheduledHours.objects.create(person=person, month=datetime.date(2025, 3, 1), hours=160)
    services._computed.clear()
    frames.forget()
    return services.key_figures(2025, TODAY), small


def test_lowering_k_after_a_year_was_shown_reveals_nothing(db, settings):
    data, small = _small_unit_year()
    assert small.pk not in data.shown_units(2025)  # 4 people under k = 5
    settings.MIN_GROUP = 3
    services._computed.clear()
    frames.forget()
    data = services.key_figures(2025, TODAY)
    assert data.threshold(2025) == 5 and small.pk not in data.shown_units(2025)
    settings.MIN_GROUP = 6  # raised: for the years first shown after, not for 2025
    services._computed.clear()
    assert services.key_figures(2025, TODAY).threshold(2025) == 5
    assert services.key_figures(2025, TODAY).threshold(2030) == 6


@pytest.mark.parametrize("rule", [True, False])
def test_raising_k_after_a_year_was_shown_reveals_nothing(db, settings, monkeypatch, rule):
    """The chain R (7 own people) > F (5) > A (3) > B (10): at k = 5 the units shown are R, F
    and A (B hidden: A − B = 3); decided again at k = 6 they were R, F and B (A hidden: F − A
    = 5, which lets B through), and A before less B after was A's own three (an insider's
    nineteenth round, on the pulse). A year keeps the k it was first shown with; the
    mutation: the higher of that and the setting, as before."""
    if not rule:
        monkeypatch.setattr(
            services.KeyFigures,
            "threshold",
            lambda self, year: max(services.threshold(), self.ks.get(year, 0)),
        )
    settings.MIN_GROUP = 5
    units = {}
    for code, parent, own in (("R", None, 7), ("F", "R", 5), ("A", "F", 3), ("B", "A", 10)):
        units[code] = Unit.objects.create(
            code=code,
            name=code,
            parent=units.get(parent),
            level=Level.UNIT if parent else Level.REGION,
        )
        for person in add_staff(units[code], own):
            ScheduledHours.objects.create(person=person, month=datetime.date(2025, 3, 1), hours=160)
    services._computed.clear()
    frames.forget()
    codes = {u.pk: code for code, u in units.items()}
    before = {codes[pk] for pk in services.key_figures(2025, TODAY).shown_units(2025)}
    assert before == {"R", "F", "A"}
    settings.MIN_GROUP = 6
    services._computed.clear()
    after = {codes[pk] for pk in services.key_figures(2025, TODAY).shown_units(2025)}
    if rule:
        assert after == before
    else:  # A's 13 people before, B's 10 after: A's own three
        assert after == {"R", "F", "B"}


def test_the_mutation_reading_k_live_shows_the_unit_of_four(db, settings, monkeypatch):
    monkeypatch.setattr(services.KeyFigures, "threshold", lambda self, year: services.threshold())
    _small_unit_year()
    settings.MIN_GROUP = 3
    services._computed.clear()
    frames.forget()
    data = services.key_figures(2025, TODAY)
    small = Unit.objects.get(code="U")
    assert small.pk in data.shown_units(2025)


def _midwives():
    """Wards a and b, six doctors each; two midwives in a, one in b, and a midwife who moved
    from a to b in July: four midwives, five ward-memberships."""
    region = Unit.objects.create(code="R", name="R", level=Level.REGION)
    wards = [Unit.objects.create(code=c, name=c, parent=region) for c in ("a", "b")]
    people = []
    for ward, midwives in zip(wards, (2, 1), strict=True):
        people += add_staff(ward, 6, group="Läkare") + add_staff(ward, midwives, group="Bm")
    [mover] = add_staff(wards[0], 1, group="Bm")
    employment = Employment.objects.get(person=mover)
    Employment.objects.filter(pk=employment.pk).update(end=datetime.date(2025, 6, 30))
    Employment.objects.create(
        key="moved-bm",
        person=mover,
        unit=wards[1],
        profession=employment.profession,
        form="permanent",
        rate=100,
        start=datetime.date(2025, 7, 1),
    )
    for person in [*people, mover]:
        for month in range(1, 13):
            ScheduledHours.objects.create(
                person=person, month=datetime.date(2025, month, 1), hours=160
            )
    services._computed.clear()
    frames.forget()
    return services.key_figures(2025, TODAY), region


def test_a_mover_is_one_person_of_a_profession_group(db):
    data, region = _midwives()
    assert data.shown_units(2025) == set(Unit.objects.values_list("pk", flat=True))
    # The midwives are four people (five counted by ward): not shown, and then neither are
    # the doctors (the region minus them would be the midwives).
    assert data.parts_shown(region, 2025, "group") == set()
    assert summary(data, region, manager=False)["groups"] == []


def test_the_mutation_counting_by_ward_shows_four_midwives(db, monkeypatch):
    monkeypatch.setattr(services.KeyFigures, "_too_few", lambda *args: set())
    data, region = _midwives()
    assert "Bm" in data.parts_shown(region, 2025, "group")
    [midwives] = [g for g in summary(data, region, manager=False)["groups"] if g["group"] == "Bm"]
    assert midwives["people"] == 4 < K


def test_a_unit_made_after_the_year_counts_under_todays_parent(db):
    """People placed in the kept year in a unit made since (a later HR extract): they still
    count in the units above it, so the region's total of that year does not change."""
    _import(BEFORE)
    _staff()
    services._computed.clear()
    frames.forget()
    region = Unit.objects.get(code="R")
    before = services.key_figures(2025, TODAY).people(region, 2025)
    assert before == sum(PEOPLE.values())
    new = Unit.objects.create(code="N", name="N", parent=Unit.objects.get(code="B"))
    Employment.objects.filter(unit__code="B2").update(unit=new)  # B2's people, now in N
    services._computed.clear()
    frames.forget()
    data = services.key_figures(2025, TODAY)
    assert data.tree(2025)[new.pk] == Unit.objects.get(code="B").pk
    assert data.people(region, 2025) == before
    assert data.people(Unit.objects.get(code="B"), 2025) == PEOPLE["B1"] + PEOPLE["B2"]


def test_a_closed_years_costs_stay_with_the_clinic_they_were_shown_under(db):
    """The costs follow the year's kept tree as the page's other figures do: after M moves
    to clinic B, 2025's own-staff and hired costs of clinics A and B are what they were (a
    second insider saw B's 2025 costs grow by M's after the move, the rest of the page not).
    Below the region only the hired share is shown (`KeyFigures.costs`); it is made of the
    sums read here as computed."""
    from bemanna.keyfigures.models import PersonnelCost

    _import(BEFORE)
    _staff()
    own = {"A1": 400_000.0, "M": 100_000.0, "B1": 300_000.0, "B2": 200_000.0}
    units = {u.code: u for u in Unit.objects.all()}
    for code, cost in own.items():
        # December's rows too, with nothing on them: a closed year's costs are shown once
        # its months are all in.
        PersonnelCost.objects.create(unit=units[code], month=datetime.date(2025, 12, 1))
        for month in (3, 9):
            PersonnelCost.objects.create(
                unit=units[code],
                month=datetime.date(2025, month, 1),
                profession_group="Läkare" if code == "M" else "",
                own_cost=cost / 2,
                hired_cost=10_000.0 if code == "M" else 0.0,
            )

    def costs() -> dict:
        services._computed.clear()
        frames.forget()
        data = services.key_figures(2025, TODAY)
        found = {}
        computed = {(u, y): r for u, y, *r in data._all_costs.iter_rows()}
        columns = data._all_costs.columns[2:]
        for code in ("A", "B", "R"):
            row = dict(zip(columns, computed[units[code].pk, 2025], strict=True))
            found[code] = (row["own_cost"], row["hired_cost"])
            found[code, "share"] = data.cost_row(units[code], 2025)["hired_share"]
        found["hired"] = data.hired_by_profession(units["R"], 2025)
        return found

    before = costs()
    # By hand: A is A1 and M, B is B1 and B2; M's 20 000 hired, all Läkare, in A.
    assert before["A"] == (500_000.0, 20_000.0) and before["B"] == (500_000.0, 0.0)
    assert before["R"] == (1_000_000.0, 20_000.0)
    assert before["A", "share"] == pytest.approx(0.04) and before["B", "share"] == 0.0
    # Only M names a profession (Läkare): one unit's hired kronor, shown for none
    # (`kpi.hired_by_profession`).
    assert before["hired"] == []
    _import(AFTER)
    assert costs() == before
