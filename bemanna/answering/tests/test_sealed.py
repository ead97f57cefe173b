"""What an answer keeps to be counted by is sealed: an insider who reads the database beside
the HR tables cannot join an answer to the one person of its cell.

The attacker reads the answer tables with plain SQL, as a database account would, and the
HR tables through the ORM (the employments, their units, groups and end dates), and names
every answer whose stored cell holds one person in the HR tables. Against the sealed
columns it names nobody and finds no two stored values alike; with the values stored plain
(`seal` and `unseal` replaced by the identity, the old columns) it names the single leavers
and the single respondents of a targeted survey by their cells.
"""

from __future__ import annotations

import datetime
from collections import Counter

import pytest
from django.core.exceptions import FieldError, ImproperlyConfigured
from django.db import connection
from django.test import override_settings
from hypothesis import given, settings
from hypothesis import strategies as st

from bemanna.answering import sealed
from bemanna.exits import services as exit_survey
from bemanna.exits.models import ExitAnswer, ExitInvitation, ExitReason
from bemanna.pulse import services
from bemanna.pulse.models import Pulse, Response
from bemanna.pulse.tests.helpers import add_staff
from bemanna.workforce.models import Employment

TODAY = datetime.date(2026, 6, 1)


def _raw(sql: str) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchall()


@given(text=st.text(max_size=120), width=st.sampled_from([16, 64, 256]))
@settings(max_examples=200, deadline=None)
def test_a_sealed_value_opens_to_itself_and_its_length_says_nothing(text, width):
    token = sealed.seal(text, width)
    assert sealed.unseal(token) == text
    assert sealed.seal(text, width) != token  # a fresh nonce each time
    size = len((text + "x").encode())  # the value and its end mark
    blocks = -(-size // width)
    assert len(token) == len(sealed.seal("x" * (blocks * width - 1), width))


def test_every_group_seals_to_one_length():
    """Up to the longest name a group can have: 120 characters, Swedish ones included."""
    groups = ["", "Läkare", "Sjuksköterskor", "Specialistsjuksköterskor", "Undersköterskor"]
    groups.append("Sjuksköterskor inom psykiatri, beroende- och rättspsykiatrisk vård")
    groups.append("å" * 120)
    field = ExitAnswer._meta.get_field("group")
    assert len({len(field.get_prep_value(group)) for group in groups}) == 1
    assert field.width == Response._meta.get_field("segment").width == 256


def test_another_key_cannot_open_a_sealed_value():
    token = sealed.seal("Läkare", 64)
    with (
        override_settings(PSEUDONYM_KEY="another-key"),
        pytest.raises(ImproperlyConfigured, match="BEMANNA_PSEUDONYM_KEY"),
    ):
        sealed.unseal(token)


def test_a_sealed_column_cannot_be_compared_in_sql(db):
    with pytest.raises(FieldError):
        list(ExitAnswer.objects.filter(group="Läkare"))
    with pytest.raises(FieldError):
        list(Response.objects.filter(segment__startswith="6"))


def test_the_migration_seals_plain_values_in_place_and_back(org):
    reason = ExitReason.objects.get(code="lon")
    ExitAnswer.objects.create(unit=org["A"], group="Läkare", year=2025, main_reason=reason)
    seal = sealed.seal_columns("exits_exitanswer", {"unit": 16, "group": 256})
    unseal = sealed.seal_columns("exits_exitanswer", {"unit": 16, "group": 256}, reverse=True)
    editor = type("Editor", (), {"connection": connection})()
    unseal(None, editor)
    assert _raw('SELECT unit, "group" FROM exits_exitanswer') == [(str(org["A"].pk), "Läkare")]
    seal(None, editor)
    [(unit, group)] = _raw('SELECT unit, "group" FROM exits_exitanswer')
    assert unit != str(org["A"].pk) and "Läkare" not in group
    assert list(ExitAnswer.objects.values_list("unit", "group")) == [(org["A"].pk, "Läkare")]


def named_by_join(answers: list[tuple], people: Counter) -> list[tuple]:
    """The answers whose stored cell holds exactly one person in the HR tables: `answers`
    are stored cells (raw values as the database holds them), `people` counts the HR
    tables' cells (unit id and group as text, year)."""
    return [cell for cell in answers if people.get(cell) == 1]


def plain(monkeypatch) -> None:
    """The old columns: values stored as they are."""
    monkeypatch.setattr(sealed, "seal", lambda text, width: text)
    monkeypatch.setattr(sealed, "unseal", lambda token: token)


def _leavers(org) -> Counter:
    """Leavers of 2026 in cells of one to six, each invited and answering."""
    for unit, group, count in [
        ("A", "Sjuksköterskor", 6),
        ("A", "Läkare", 1),
        ("B", "Sjuksköterskor", 2),
        ("B", "Undersköterskor", 1),
        ("C", "Läkare", 1),
    ]:
        people = add_staff(org[unit], count, group=group)
        Employment.objects.filter(person__in=people).update(
            end=TODAY + datetime.timedelta(days=10), end_reason="own_request"
        )
    exit_survey.invite_leavers(TODAY)
    for invitation in ExitInvitation.objects.all():
        exit_survey.submit(
            invitation.pk,
            main_reason=ExitReason.objects.get(code="lon"),
            other_reasons=[],
            come_back="no",
            enps=2,
            would_have_stayed="",
            today=TODAY,
        )
    return Counter(
        (str(unit), group, end.year)
        for unit, group, end in Employment.objects.exclude(end=None).values_list(
            "unit_id", "profession__skr_group", "end"
        )
    )


@pytest.mark.parametrize("rule", [True, False], ids=["sealed", "plain"])
def test_an_insider_with_the_hr_tables_names_no_leaver_by_the_exit_answers(org, monkeypatch, rule):
    if not rule:
        plain(monkeypatch)
    people = _leavers(org)
    stored = _raw('SELECT unit, "group", year FROM exits_exitanswer')
    assert len(stored) == 11
    named = named_by_join(stored, people)
    if rule:
        assert named == []
        values = [value for unit, group, _year in stored for value in (unit, group)]
        assert len(set(values)) == len(values)  # no two alike: no cell to count either
        # The application still counts them by their cells.
        assert (
            Counter(ExitAnswer.objects.values_list("unit", "group"))[
                (org["A"].pk, "Sjuksköterskor")
            ]
            == 6
        )
    else:
        assert sorted(named) == sorted(
            [
                (str(org["A"].pk), "Läkare", 2026),
                (str(org["B"].pk), "Undersköterskor", 2026),
                (str(org["C"].pk), "Läkare", 2026),
            ]
        )


@pytest.mark.parametrize("rule", [True, False], ids=["sealed", "plain"])
def test_an_insider_with_the_hr_tables_names_no_one_by_a_targeted_answers_segment(
    org, monkeypatch, rule
):
    if not rule:
        plain(monkeypatch)
    for unit, group, count in [("A", "Läkare", 1), ("A", "Sjuksköterskor", 4), ("B", "Läkare", 5)]:
        add_staff(org[unit], count, group=group, rate=75)
    pulse = Pulse.objects.create(name="Mer tid", purpose="part_time")
    pulse.units.add(org["R"])
    wave = services.open_wave(pulse, TODAY)
    for invitation in wave.invitations.all():
        services.submit_answer(invitation.pk, score=3, items={}, comment="", today=TODAY)
    people = Counter(
        (str(unit), group)
        for unit, group in Employment.objects.values_list("unit_id", "profession__skr_group")
    )
    rows = _raw("SELECT unit_id, segment FROM pulse_response")
    stored = [(str(unit), segment) for unit, segment in rows]
    assert len(stored) == 10
    named = named_by_join(stored, people)
    if rule:
        assert named == []
        assert len({segment for _unit, segment in stored}) == 10
        assert Counter(Response.objects.values_list("segment", flat=True)) == {
            "Läkare": 6,
            "Sjuksköterskor": 4,
        }
    else:
        assert named == [(str(org["A"].pk), "Läkare")]


def test_the_system_check_says_when_the_key_has_changed(org):
    from bemanna.checks import sealed_values_open

    reason = ExitReason.objects.get(code="lon")
    ExitAnswer.objects.create(unit=org["A"], group="Läkare", year=2025, main_reason=reason)
    assert sealed_values_open(None) == []
    with override_settings(PSEUDONYM_KEY="another-key"):
        [error] = sealed_values_open(None)
    assert error.id == "bemanna.E004" and "BEMANNA_PSEUDONYM_KEY" in error.msg
    # Values a migration has still to seal are not a changed key.
    with connection.cursor() as cursor:
        cursor.execute("UPDATE exits_exitanswer SET \"group\" = 'Läkare', unit = '7'")
    with override_settings(PSEUDONYM_KEY="another-key"):
        assert sealed_values_open(None) == []


def test_no_unit_can_be_deleted_in_the_admin_now_that_exit_answers_hold_theirs_sealed(
    client, hr_admin, org
):
    reason = ExitReason.objects.get(code="lon")
    ExitAnswer.objects.create(unit=org["C"], group="Läkare", year=2025, main_reason=reason)
    client.force_login(hr_admin)
    page = client.post(f"/admin/org/unit/{org['C'].pk}/delete/", {"post": "yes"})
    assert page.status_code == 403
    assert ExitAnswer.objects.values_list("unit", flat=True).get() == org["C"].pk
    assert org["C"].__class__.objects.filter(pk=org["C"].pk).exists()
