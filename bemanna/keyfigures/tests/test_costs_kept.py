"""A month's personnel costs as first shown (an insider's thirteenth round). HR imported
October's costs in two files, every ward but one and then that ward's row; between them the
region's kronor for the year to date were read, and after minus before was the ward's own-
staff and hired cost to the krona (a closed year's corrected row the same). Now every closed
year and final month is kept as it was first shown (`services.published_costs`, as the sick
leave is): a late row about it counts nowhere, and the import says so. A month whose cost
rows cover less than 95 % of the staff is neither shown nor kept, nor any after it, until
the rest are in.

Each case has its mutation: the costs read as stored, the late row gives the ward's pay.
"""

import datetime
import io

import polars as pl
import pytest
from django.utils import timezone, translation

from bemanna.forecast import frames as forecast_frames
from bemanna.keyfigures import services
from bemanna.keyfigures.models import KeptCostsYear
from bemanna.pulse.tests.helpers import add_staff, make_tree
from bemanna.workforce import frames

WARDS = ("A", "B", "C", "D", "E")
PAY = 60_000.0  # a month's own-staff cost of one full-time person
HIRED = 1_000.0
OCTOBER_FINAL = datetime.date(2026, 12, 6)  # October 2026 the last final month
HEADER = "Enhet;Månad;Yrkesgrupp;Egen personal;Inhyrd personal;Bemanningspool\n"
LOCALDATE = timezone.localdate


def _lines(wards, months):
    """Each ward's ten people's pay and its hired staff, for each (year, month)."""
    return "".join(
        f"{ward};{year}-{month:02d};;{10 * PAY:.0f};{HIRED:.0f};0\n"
        for year, month in months
        for ward in wards
    )


def _import(text):
    return services.import_health_file(
        "costs", io.BytesIO((HEADER + text).encode()), filename="kostnader.csv"
    )


@pytest.fixture
def region(db, monkeypatch):
    """Five wards of ten under the region; their costs for all of 2025 and 2026 to
    September; the day is 6 December 2026 (October final)."""
    monkeypatch.setattr(
        "django.utils.timezone.localdate", lambda *a: LOCALDATE(*a) if a else OCTOBER_FINAL
    )
    units = make_tree({"R": None, **dict.fromkeys(WARDS, "R")})
    for ward in WARDS:
        add_staff(units[ward], 10)
    months = [(2025, m) for m in range(1, 13)] + [(2026, m) for m in range(1, 10)]
    _import(_lines(WARDS, months))
    return units


def _region_costs(units, year):
    services._computed.clear()
    frames.forget()
    return services.KeyFigures(year, OCTOBER_FINAL).cost_row(units["R"], year)


def _stored_as_they_are(monkeypatch):
    """The mutation: the costs as stored, nothing kept."""
    monkeypatch.setattr(services, "costs_and_wait", lambda today: (services._cost_rows(), None))


@pytest.mark.parametrize("rule", [True, False])
def test_a_wards_late_row_counts_nowhere(region, monkeypatch, rule):
    if not rule:
        _stored_as_they_are(monkeypatch)
    _import(_lines(WARDS, [(2026, 10)]))
    before = _region_costs(region, 2026)
    # By hand: five wards' pay for ten months.
    assert before["own_cost"] == pytest.approx(5 * 10 * 10 * PAY)
    # Ward E's October corrected after it was shown: a back payment and an agency invoice.
    with translation.override("en"):
        report = _import(f"E;2026-10;;{10 * PAY + 45_000:.0f};{HIRED + 2_500:.0f};0\n")
    after = _region_costs(region, 2026)
    if rule:
        assert after["own_cost"] == before["own_cost"]
        assert after["hired_cost"] == before["hired_cost"]
        assert report.notes == (
            "1 row is about a month whose key figures have been shown (up to October 2026): "
            "the month stays as first shown, and the row counts nowhere.",
        )
    else:  # the correction to the krona
        assert after["own_cost"] - before["own_cost"] == pytest.approx(45_000)
        assert after["hired_cost"] - before["hired_cost"] == pytest.approx(2_500)


@pytest.mark.parametrize("rule", [True, False])
def test_a_closed_years_corrected_row_counts_nowhere(region, monkeypatch, rule):
    if not rule:
        _stored_as_they_are(monkeypatch)
    before = _region_costs(region, 2025)
    assert before["own_cost"] == pytest.approx(5 * 12 * 10 * PAY)
    # A back payment booked to ward A's March.
    _import(f"A;2025-03;;{10 * PAY + 45_000:.0f};{HIRED:.0f};0\n")
    after = _region_costs(region, 2025)
    if rule:
        assert after["own_cost"] == before["own_cost"]
    else:
        assert after["own_cost"] - before["own_cost"] == pytest.approx(45_000)


def test_a_month_without_one_wards_costs_waits_for_it(region):
    # Four of five wards' October: 80 % of the staff, under 95 %: one förvaltning of 80 %
    # stood for the region's month (an insider's fifteenth round).
    _import(_lines(WARDS[:4], [(2026, 10)]))
    assert _region_costs(region, 2026)["own_cost"] == pytest.approx(5 * 9 * 10 * PAY)
    _import(_lines(["E"], [(2026, 10)]))
    assert _region_costs(region, 2026)["own_cost"] == pytest.approx(5 * 10 * 10 * PAY)


def test_a_month_of_one_areas_costs_waits_for_the_rest(region):
    # Two of five wards' October (40 % of the staff): not shown, not kept, and the import
    # says why.
    with translation.override("en"):
        report = _import(_lines(WARDS[:2], [(2026, 10)]))
    assert report.notes == (
        "October 2026 has costs for the units of 40 % of the staff: it and the months after "
        "it are counted once the rest of its costs are imported.",
    )
    assert _region_costs(region, 2026)["own_cost"] == pytest.approx(5 * 9 * 10 * PAY)
    assert not KeptCostsYear.objects.filter(year=2026, month=10).exists()
    # The rest: the whole of October counts, and is kept from then on.
    report = _import(_lines(WARDS[2:], [(2026, 10)]))
    assert report.notes == ()
    assert _region_costs(region, 2026)["own_cost"] == pytest.approx(5 * 10 * 10 * PAY)
    assert KeptCostsYear.objects.filter(year=2026, month=10).exists()


@pytest.mark.parametrize("rule", [True, False])
@pytest.mark.parametrize("later", ["november", "planted"])
def test_a_later_months_rows_do_not_let_a_thin_month_through(region, monkeypatch, rule, later):
    """Ward E's October alone, then November's file (or one planted row for 2030): judged
    on the last month stored, October passed and was kept as E's, and the region's year to
    date moved by E's month (an insider's fourteenth round). Each month is judged on its
    own staff now; the mutation is the rule on the last month stored."""
    if not rule:
        first_uncovered = services._first_uncovered
        monkeypatch.setattr(
            services,
            "_first_uncovered",
            lambda costs, through, today: (
                None if costs["month"].max() > through else first_uncovered(costs, through, today)
            ),
        )
    before = _region_costs(region, 2026)
    _import(_lines(["E"], [(2026, 10)]))
    assert _region_costs(region, 2026)["own_cost"] == before["own_cost"]
    if later == "november":
        _import(_lines(WARDS, [(2026, 11)]))
    else:
        _import("A;2030-01;;0;0;0\n")
    after = _region_costs(region, 2026)
    if rule:
        assert after["own_cost"] == before["own_cost"] == pytest.approx(5 * 9 * 10 * PAY)
    else:  # E's October to the krona
        assert after["own_cost"] - before["own_cost"] == pytest.approx(10 * PAY)
        assert after["hired_cost"] - before["hired_cost"] == pytest.approx(HIRED)


def test_the_forecasts_prices_read_the_costs_as_shown(region):
    _import(_lines(WARDS, [(2026, 10)]))
    _region_costs(region, 2026)  # October shown, and kept
    _import(f"E;2026-10;;{20 * PAY:.0f};0;0\n")  # corrected after
    forecast_frames.forget()
    october = forecast_frames.costs().filter(pl.col("month") == datetime.date(2026, 10, 1))
    assert october["own_cost"].sum() == pytest.approx(5 * 10 * PAY)


@pytest.mark.parametrize("rule", [True, False])
def test_a_group_only_one_ward_names_is_pooled(region, monkeypatch, rule):
    """Ward E books its agency midwives under a group of their own (an insider's fifteenth
    round): the region's hired cost by profession showed E's in kronor. No branch below the
    region may hold more than 85 % of a group's kronor; the rest are pooled with the
    smallest shown until the pool passes; and only once the year has closed. The mutation:
    one branch is enough."""
    if not rule:
        monkeypatch.setattr(services.kpi, "DOMINANCE", 1.0)
    _import(
        "E;2025-06;Barnmorskor;0;7 000;0\nA;2025-06;Läkare;0;3 000;0\nB;2025-06;Läkare;0;2 000;0\n"
    )
    services._computed.clear()
    frames.forget()
    data = services.KeyFigures(2025, OCTOBER_FINAL)
    with translation.override("en"):
        shown = dict(data.hired_by_profession(region["R"], 2025))
    if rule:  # by hand: five wards' unsplit 60 000; Barnmorskor 7 000 and Läkare 5 000 pooled
        assert shown == {"": 5 * 12 * HIRED, "Other profession groups": 12_000.0}
    else:
        assert shown["Barnmorskor"] == 7_000.0  # E's
    running = services.KeyFigures(2026, OCTOBER_FINAL)
    assert running.hired_by_profession(region["R"], 2026) == []


@pytest.mark.parametrize("rule", [True, False])
def test_a_closed_year_waiting_for_a_quarter_shows_no_costs(region, monkeypatch, rule):
    """2026 has closed, its last quarter's costs not yet in (an insider's sixteenth round):
    shown as the year with nine months and then with twelve, the region's hired cost by
    profession moved by one ward's quarter. A closed year shows its costs only whole. The
    mutation: nothing waits."""
    february = datetime.date(2027, 2, 10)
    monkeypatch.setattr(
        "django.utils.timezone.localdate", lambda *a: LOCALDATE(*a) if a else february
    )
    if not rule:
        monkeypatch.setattr(services, "_whole_years", lambda costs, waiting, final: costs)

    def year_2026():
        services._computed.clear()
        frames.forget()
        data = services.KeyFigures(2026, february)
        return data, data.cost_row(region["R"], 2026)

    data, before = year_2026()
    if rule:
        assert before is None and data.costs_waiting == datetime.date(2026, 10, 1)
        assert data.hired_by_profession(region["R"], 2026) == []
    else:  # by hand: nine months of five wards
        assert before["own_cost"] == pytest.approx(5 * 9 * 10 * PAY)
    _import(_lines(WARDS, [(2026, 10), (2026, 11), (2026, 12)]))
    data, after = year_2026()
    assert data.costs_waiting is None
    assert after["own_cost"] == pytest.approx(5 * 12 * 10 * PAY)  # the whole year


def test_the_forecast_reads_no_month_before_it_is_final_and_reads_anew_each_day(
    region, monkeypatch
):
    """December's costs for two wards of five, read by a process in January and kept into
    February (no import between): the forecast priced the closed year from them while the
    key figures held it back, and B's late file gave its December (an insider's eighteenth
    round). A month is read only once final, and the costs anew each day."""
    _import(_lines(WARDS, [(2026, 10), (2026, 11)]) + _lines(WARDS[:2], [(2026, 12)]))

    def december(day):
        monkeypatch.setattr(
            "django.utils.timezone.localdate", lambda *a: LOCALDATE(*a) if a else day
        )
        rows = forecast_frames.costs()
        return rows.filter(pl.col("month") == datetime.date(2026, 12, 1))

    forecast_frames.forget()
    assert december(datetime.date(2027, 1, 20)).is_empty()  # not final: not read
    assert december(datetime.date(2027, 2, 10)).is_empty()  # final, 40 %: waits
    _import(_lines(WARDS[2:], [(2026, 12)]))
    assert december(datetime.date(2027, 2, 10))["unit"].n_unique() == 5


def test_a_month_made_final_is_read_the_next_day_without_an_import(region, monkeypatch):
    _import(_lines(WARDS, [(2026, 10), (2026, 11), (2026, 12)]))
    forecast_frames.forget()
    for day, units in ((datetime.date(2027, 1, 20), 0), (datetime.date(2027, 2, 10), 5)):
        monkeypatch.setattr(
            "django.utils.timezone.localdate", lambda *a, day=day: LOCALDATE(*a) if a else day
        )
        rows = forecast_frames.costs().filter(pl.col("month") == datetime.date(2026, 12, 1))
        assert rows["unit"].n_unique() == units


def _clinic_region(monkeypatch, lines):
    """A clinic K of two wards and a förvaltning F of two under the region, ten people each,
    every ward's pay and hired staff unsplit for all of 2025, and `lines` beside."""
    monkeypatch.setattr(
        "django.utils.timezone.localdate", lambda *a: LOCALDATE(*a) if a else OCTOBER_FINAL
    )
    units = make_tree({"R": None, "K": "R", "K1": "K", "K2": "K", "F": "R", "F1": "F", "F2": "F"})
    wards = ("K1", "K2", "F1", "F2")
    for ward in wards:
        add_staff(units[ward], 10)
    _import(_lines(wards, [(2025, m) for m in range(1, 13)]) + lines)
    services._computed.clear()
    frames.forget()
    return units


def _hired_table(units):
    with translation.override("en"):
        data = services.KeyFigures(2025, OCTOBER_FINAL)
        return dict(data.hired_by_profession(units["R"], 2025))


@pytest.mark.parametrize("rule", [True, False])
def test_a_group_only_one_clinics_wards_name_is_pooled(monkeypatch, db, rule):
    """Only the clinic's two wards book agency midwives under their own group (or one ward,
    renamed in September, under its old and its new code): counted as two units, the
    region's hired cost of midwives was the clinic's (an insider's nineteenth round). Their
    branch below the region holds all of it: pooled. The mutation: each unit its own."""
    if not rule:
        monkeypatch.setattr(services, "with_branches", lambda costs, trees: costs)
    midwives = "".join(
        f"{ward};2025-{m:02d};Barnmorskor;0;{amount};0\n"
        for m in range(1, 13)
        for ward, amount in (("K1", 3_000), ("K2", 2_000))
    )
    shown = _hired_table(_clinic_region(monkeypatch, midwives))
    if rule:
        # By hand: unsplit 4 × 12 × 1 000 = 48 000 (K 24 000, F 24 000); midwives 60 000,
        # all K's, pooled with the unsplit (the only group shown): K holds 84 000 of
        # 108 000, 78 %.
        assert shown == {"Other profession groups": 108_000.0}
    else:
        assert shown["Barnmorskor"] == 60_000.0  # the clinic's


@pytest.mark.parametrize("rule", [True, False])
def test_a_group_nearly_all_one_wards_is_pooled(monkeypatch, db, rule):
    """Ward K1's agency doctors, and one shift in F1 (an insider's nineteenth round): F1's
    own page shows a hired share of 0,0 %, so the doctors' hired cost was K1's to within a
    few thousand kronor. Above 85 % in one branch: pooled. The mutation: no dominance."""
    if not rule:
        monkeypatch.setattr(services.kpi, "DOMINANCE", 1.0)
    doctors = "K1;2025-06;Läkare;0;445 554;0\nF1;2025-06;Läkare;0;2 400;0\n"
    shown = _hired_table(_clinic_region(monkeypatch, doctors))
    if rule:
        # By hand: doctors 447 954, 99.5 % K's; pooled with the unsplit 48 000: K holds
        # 24 000 + 445 554 of 495 954, 94.7 %, still over: nothing is shown.
        assert shown == {}
    else:
        assert shown["Läkare"] == 447_954.0


def _moved_ward(monkeypatch, new_code: bool):
    """The clinic K and the förvaltning F of two wards each; 2025 kept in January; on 1 July
    ward K1 moves to F with its people, under a new code K1N (a new cost centre) or its own.
    Only that ward books agency midwives, 3 000 kr a month."""
    from bemanna.org.models import Level, Unit
    from bemanna.workforce.models import Employment

    day = {"today": datetime.date(2025, 1, 20)}
    monkeypatch.setattr(
        "django.utils.timezone.localdate", lambda *a: LOCALDATE(*a) if a else day["today"]
    )
    units = make_tree({"R": None, "K": "R", "K1": "K", "K2": "K", "F": "R", "F1": "F", "F2": "F"})
    for ward in ("K1", "K2", "F1", "F2"):
        add_staff(units[ward], 10)
    services.published_trees([2025], day["today"])  # someone opens the key figures
    second = "K1"
    if new_code:
        second = "K1N"
        moved = Unit.objects.create(code=second, name="K1 ny", level=Level.UNIT, parent=units["F"])
        for job in list(Employment.objects.filter(unit=units["K1"])):
            Employment.objects.filter(pk=job.pk).update(end=datetime.date(2025, 6, 30))
            job.pk, job.key, job.unit = None, f"{job.key}-n", moved
            job.start, job.end = datetime.date(2025, 7, 1), None
            job.save()
    else:
        Unit.objects.filter(pk=units["K1"].pk).update(parent=units["F"])
    day["today"] = OCTOBER_FINAL
    months = [(2025, m) for m in range(1, 13)]
    lines = _lines(("K2", "F1", "F2"), months)
    lines += _lines(("K1",), months[:6]) + _lines((second,), months[6:])
    lines += "".join(
        f"{'K1' if m <= 6 else second};2025-{m:02d};Barnmorskor;0;3 000;0\n" for m in range(1, 13)
    )
    _import(lines)
    services._computed.clear()
    frames.forget()
    forecast_frames.forget()
    return units


def _midwives_priced() -> tuple:
    """The forecast's hired price of midwives with one hired FTE entered, and its source."""
    from bemanna.analysis import kpi
    from bemanna.analysis.forecast import cost as kronor

    p = kronor.prices(
        forecast_frames.costs(),
        forecast_frames.employments(),
        ("Barnmorskor",),
        datetime.date(2025, 12, 31),
        table={kronor.OTHER: kronor.TableCost(500_000.0, 1.8)},
        hired_fte={"Barnmorskor": 1.0},
        min_people=5,
        dominance=kpi.DOMINANCE,
    )
    return p.hired[0], p.hired_source[0]


@pytest.mark.parametrize("rule", [True, False])
@pytest.mark.parametrize("new_code", [True, False])
def test_a_ward_moved_to_another_branch_under_a_new_code_is_pooled(monkeypatch, db, rule, new_code):
    """K1's midwives, booked on K1 in branch K until June and on K1N in branch F after (an
    insider's twentieth round): half the year in each branch, the region's hired cost of
    midwives was one ward's, 36 000 kr, in the key figures and as the forecast's price. Each
    month is judged too: every month all one branch's. The mutation: the year only."""
    from bemanna.analysis import kpi

    if not rule:
        monkeypatch.setattr(kpi, "cost_parts", _year_only(kpi.cost_parts))
    units = _moved_ward(monkeypatch, new_code)
    with translation.override("en"):
        table = _hired_table(units)
    price, source = _midwives_priced()
    if rule or not new_code:
        assert "Barnmorskor" not in table
        assert source != "imported" and price != pytest.approx(36_000.0)
    else:
        assert table["Barnmorskor"] == 36_000.0 == pytest.approx(price)


def _year_only(cost_parts):
    def parts(costs, column, dominance=1.0):
        return cost_parts(costs.drop("month", strict=False), column, dominance)

    return parts


@pytest.mark.parametrize("rule", [True, False])
def test_a_year_kept_with_two_roots_prices_no_group_from_its_rows(monkeypatch, db, rule):
    """A tree file left a new unit Z without a parent on the day 2025 was kept (an insider's
    twentieth round): the year's tree has two roots and no region, and its units, taken each
    as its own branch, let the forecast price the midwives of clinic K's two wards at K's
    hired cost. Every unit of such a tree is one branch. The mutation: each its own."""
    from bemanna.org.models import Level, Unit

    if not rule:
        with_branches = services.with_branches

        def each_its_own(costs, trees):
            costs = with_branches(costs, trees)
            outside = pl.col("branch") == services.OUTSIDE
            return costs.with_columns(
                branch=pl.when(outside).then(pl.col("unit")).otherwise(pl.col("branch"))
            )

        monkeypatch.setattr(services, "with_branches", each_its_own)
    monkeypatch.setattr(
        "django.utils.timezone.localdate", lambda *a: LOCALDATE(*a) if a else OCTOBER_FINAL
    )
    units = make_tree({"R": None, "K": "R", "K1": "K", "K2": "K", "F": "R", "F1": "F", "F2": "F"})
    for ward in ("K1", "K2", "F1", "F2"):
        add_staff(units[ward], 10)
    stray = Unit.objects.create(code="Z", name="Z", level=Level.UNIT)
    services.published_trees([2025], OCTOBER_FINAL)  # kept with two roots
    Unit.objects.filter(pk=stray.pk).update(parent=units["R"])
    months = [(2025, m) for m in range(1, 13)]
    midwives = "".join(
        f"{ward};2025-{m:02d};Barnmorskor;0;{amount};0\n"
        for m in range(1, 13)
        for ward, amount in (("K1", 3_000), ("K2", 2_000))
    )
    _import(_lines(("K1", "K2", "F1", "F2"), months) + midwives)
    services._computed.clear()
    frames.forget()
    forecast_frames.forget()
    price, source = _midwives_priced()
    if rule:
        assert source != "imported"
    else:  # by hand: 12 × (3 000 + 2 000), the clinic's
        assert (price, source) == (pytest.approx(60_000.0), "imported")
