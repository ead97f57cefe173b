"""The levers table: one range per lever, checked the same way for every row."""

from dataclasses import fields

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bemanna.analysis.forecast import LeverError, Levers
from bemanna.analysis.forecast.levers import LEVERS, LeverUnit, steps

FIELDS = {f.name for f in fields(Levers)}
SCALARS = [row for row in LEVERS.values() if row.name in FIELDS]


def test_every_row_belongs_to_a_lever_of_the_scenario():
    assert {row.lever for row in LEVERS.values()} <= FIELDS
    assert set(steps()) == {row.lever for row in LEVERS.values()}
    assert all(row.low < row.high and row.low <= row.default <= row.high for row in LEVERS.values())


def test_the_defaults_are_the_scenarios_neutral_values():
    neutral = Levers()
    assert {row.name: getattr(neutral, row.name) for row in SCALARS} == {
        row.name: row.default for row in SCALARS
    }
    assert neutral.active() == []


@given(st.sampled_from(SCALARS), st.floats(0, 1))
def test_a_value_inside_a_levers_range_is_taken(row, fraction):
    value = row.low + fraction * (row.high - row.low)
    Levers(**{row.name: value}).validate()


@given(st.sampled_from(SCALARS), st.floats(1e-6, 1e6), st.booleans())
def test_a_value_outside_a_levers_range_is_an_error_naming_it(row, distance, above):
    value = row.high + distance if above else row.low - distance
    with pytest.raises(LeverError) as error:
        Levers(**{row.name: value}).validate()
    assert error.value.parameter == row.name


@given(st.sampled_from(list(LEVERS.values())), st.floats(-1e4, 1e4))
def test_shown_and_stored_are_each_others_inverse(row, value):
    assert row.stored(row.shown(value)) == pytest.approx(value)
    assert row.shown(1.0) == (100.0 if row.unit in (LeverUnit.SHARE, LeverUnit.CHANGE) else 1.0)


def test_the_exit_reasons_point_at_levers_of_the_table():
    from bemanna.analysis.surveys import REASON_LEVERS

    named = {lever for levers in REASON_LEVERS.values() for lever in levers}
    assert named and named <= set(steps())
