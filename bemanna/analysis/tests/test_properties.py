"""Invariants of the engine, checked with Hypothesis."""

import datetime

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from bemanna.analysis import personnummer, stock

DATE = datetime.date(2026, 6, 30)


def _check_digit(nine: str) -> str:
    for digit in "0123456789":
        if personnummer.luhn_ok(nine + digit):
            return digit
    raise AssertionError("no Luhn digit")


@given(
    st.dates(min_value=datetime.date(1920, 1, 1), max_value=datetime.date(2010, 12, 31)),
    st.integers(min_value=0, max_value=999),
)
def test_a_valid_personnummer_gives_its_birth_year_and_sex(born, serial):
    nine = f"{born:%y%m%d}{serial:03d}"
    number = f"{born:%Y%m%d}-{serial:03d}{_check_digit(nine)}"
    year, sex, canonical = personnummer.parse(number, reference_year=2026)
    assert year == born.year
    assert sex == ("M" if (serial // 1) % 10 % 2 else "K")
    assert canonical == number.replace("-", "")


@given(
    st.dates(min_value=datetime.date(1920, 1, 1), max_value=datetime.date(2010, 12, 31)),
    st.integers(min_value=0, max_value=999),
    st.integers(min_value=2, max_value=11),
    st.integers(min_value=1, max_value=9),
)
def test_a_single_wrong_digit_is_always_caught(born, serial, position, shift):
    nine = f"{born:%y%m%d}{serial:03d}"
    digits = list(f"{born:%Y%m%d}{serial:03d}{_check_digit(nine)}")
    digits[position] = str((int(digits[position]) + shift) % 10)
    try:
        personnummer.parse("".join(digits), reference_year=2026)
    except personnummer.PersonnummerError as error:
        assert error.code in ("checksum", "date")
    else:
        raise AssertionError("a mistyped personnummer was accepted")


@st.composite
def organisations(draw):
    """A random unit tree and random employments in it."""
    size = draw(st.integers(min_value=1, max_value=12))
    parents = [None] + [draw(st.integers(min_value=0, max_value=i - 1)) for i in range(1, size)]
    paths: list[str] = []
    for index, parent in enumerate(parents):
        paths.append(f"{paths[parent] if parent is not None else '/'}{index + 1}/")
    units = pl.DataFrame({"unit_id": list(range(1, size + 1)), "path": paths})
    count = draw(st.integers(min_value=0, max_value=40))
    people = draw(st.lists(st.integers(0, 15), min_size=count, max_size=count))
    rows = {
        "person": [f"p{p}" for p in people],
        "unit_id": draw(st.lists(st.integers(1, size), min_size=count, max_size=count)),
        "profession": ["X"] * count,
        "skr_group": draw(
            st.lists(st.sampled_from(["A", "B", "C"]), min_size=count, max_size=count)
        ),
        "birth_year": draw(st.lists(st.integers(1955, 2005), min_size=count, max_size=count)),
        "sex": draw(st.lists(st.sampled_from(["K", "M"]), min_size=count, max_size=count)),
        "form": draw(
            st.lists(
                st.sampled_from(["permanent", "fixed_term", "hourly"]),
                min_size=count,
                max_size=count,
            )
        ),
        "rate": draw(
            st.lists(
                st.sampled_from([0.0, 25.0, 50.0, 75.5, 100.0]), min_size=count, max_size=count
            )
        ),
        "start": draw(
            st.lists(
                st.dates(datetime.date(2010, 1, 1), datetime.date(2027, 1, 1)),
                min_size=count,
                max_size=count,
            )
        ),
        "end": [None] * count,
    }
    schema = {
        "start": pl.Date,
        "end": pl.Date,
        "birth_year": pl.Int64,
        "unit_id": pl.Int64,
        "rate": pl.Float64,
        "person": pl.String,
        "profession": pl.String,
        "skr_group": pl.String,
        "sex": pl.String,
        "form": pl.String,
    }
    return units, pl.DataFrame(rows, schema_overrides=schema), parents


@settings(max_examples=150, deadline=None)
@given(organisations())
def test_a_units_fte_is_its_own_plus_its_childrens(org):
    units, staff, parents = org
    summary = {r["unit_id"]: r for r in stock.unit_summary(staff, units, DATE).to_dicts()}
    active = stock.active_on(staff, DATE).filter(pl.col("form") != "hourly")
    for unit_id in range(1, len(parents) + 1):
        children = [i + 1 for i, p in enumerate(parents) if p == unit_id - 1]
        own = active.filter(pl.col("unit_id") == unit_id)["rate"].sum() / 100
        expected = own + sum(summary.get(c, {"fte": 0.0})["fte"] for c in children)
        assert abs(summary.get(unit_id, {"fte": 0.0})["fte"] - expected) < 0.05 * (
            1 + len(children)
        )


@settings(max_examples=150, deadline=None)
@given(organisations())
def test_headcount_never_exceeds_the_childrens_sum_and_ages_add_up(org):
    units, staff, parents = org
    summary = {r["unit_id"]: r for r in stock.unit_summary(staff, units, DATE).to_dicts()}
    active = stock.active_on(staff, DATE).filter(pl.col("form") != "hourly")
    for unit_id in range(1, len(parents) + 1):
        children = [i + 1 for i, p in enumerate(parents) if p == unit_id - 1]
        headcount = summary.get(unit_id, {"headcount": 0})["headcount"]
        own = active.filter(pl.col("unit_id") == unit_id)["person"].n_unique()
        assert headcount <= own + sum(
            summary.get(c, {"headcount": 0})["headcount"] for c in children
        )
        assert all(headcount >= summary.get(c, {"headcount": 0})["headcount"] for c in children)
        ages = stock.age_structure(staff, units, DATE, unit_id)
        assert ages["headcount"].sum() == headcount
        assert (ages["headcount"] >= 0).all()
