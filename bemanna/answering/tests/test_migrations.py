"""Existing data migrates: codes already sent keep working under keyed hashes, and waves and
exit invitations closed before the upgrade lose their order and their links."""

import datetime
import hashlib
import importlib
from collections import Counter

from django.apps import apps

from bemanna.answering.tests.test_order import BOUND, _physical, spearman
from bemanna.exits import services as exit_survey
from bemanna.exits.models import ExitAnswer, ExitClaim, ExitInvitation, ExitReason
from bemanna.pulse import services
from bemanna.pulse.models import InvitationCode, Pulse, Response, WaveTally
from bemanna.pulse.tests.helpers import add_staff
from bemanna.workforce.models import Employment

OPENS = datetime.date(2026, 3, 2)


def _migration(name: str):
    return importlib.import_module(name)


def test_pulse_data_migrates(org):
    add_staff(org["A"], 60)
    pulse = Pulse.objects.create(name="Gammal")
    pulse.units.add(org["R"])
    closed = services.open_wave(pulse, OPENS)
    for index, invitation in enumerate(closed.invitations.order_by("person_id")):
        invitation.segment = f"{index:02d}"  # a tracer of the staff-list order
        invitation.sent = invitation.used = index < 30
        invitation.person = None
        invitation.save()
    for index in range(60):  # answers stored in arrival order, as before
        Response.objects.create(wave=closed, unit=org["A"], enps=8, comment=f"{index:02d}")
    closed.status = "closed"
    closed.save()
    # An open wave whose code was e-mailed, and stored as a plain SHA-256.
    current = services.open_wave(pulse, OPENS + datetime.timedelta(days=90))
    code = "ABCDEFGHJKMN"
    InvitationCode.objects.create(
        invitation=current.invitations.first(),
        code_hash=hashlib.sha256(code.encode()).hexdigest(),
        kind="email",
    )
    _migration("bemanna.pulse.migrations.0004_unlinkable_answers").forward(apps, None)
    assert services.find_invitation(code, current.opens).wave == current
    order = [int(s) for s in closed.invitations.order_by("pk").values_list("segment", flat=True)]
    assert abs(spearman(order)) < BOUND
    assert closed.invitations.filter(used=True).count() == 30
    assert not closed.invitations.filter(sent=True).exists()
    assert WaveTally.objects.get(wave=closed).sent == 30
    assert not WaveTally.objects.filter(wave=current).exists()  # open: untouched
    assert abs(spearman([int(c) for c in _physical("pulse_response", "comment")])) < BOUND


def test_an_open_waves_used_invitations_become_claims(org):
    add_staff(org["A"], 6)
    pulse = Pulse.objects.create(name="Pågår")
    pulse.units.add(org["R"])
    closed = services.open_wave(pulse, OPENS)
    current = services.open_wave(pulse, OPENS + datetime.timedelta(days=90))
    closed.invitations.update(used=True, person=None)
    closed.status = "closed"
    closed.save()
    answered = list(current.invitations.order_by("pk").values_list("pk", flat=True)[:2])
    current.invitations.filter(pk__in=answered).update(used=True)  # as stored before
    _migration("bemanna.pulse.migrations.0010_claims").to_claims(apps, None)
    assert not current.invitations.filter(used=True).exists()
    assert services.used_invitations(current) == set(answered)
    assert services.invitation_counts(current)["answered"] == 2
    assert closed.invitations.filter(used=True).count() == 6  # closed: untouched


def test_exit_data_migrates(org):
    reason = ExitReason.objects.get(code="lon")
    gone = ExitInvitation.objects.create(unit=org["A"], year=2025, opens=OPENS, closes=OPENS)
    code = "ABCDEFGHJKMN"
    [leaver] = add_staff(org["A"], 1)
    ExitInvitation.objects.create(
        unit=org["A"],
        year=2026,
        opens=OPENS,
        closes=OPENS + datetime.timedelta(days=30),
        code_hash=hashlib.sha256(code.encode()).hexdigest(),
        employment=Employment.objects.get(person=leaver),
    )
    assert gone.employment is None
    ExitAnswer.objects.bulk_create(
        ExitAnswer(unit=org["A"], year=2025, main_reason=reason, would_have_stayed=f"{i:02d}")
        for i in range(60)
    )
    _migration("bemanna.exits.migrations.0003_unlinkable_answers").forward(apps, None)
    # Invitations that had let go of their employment (closed) are gone; the open one works.
    assert not ExitInvitation.objects.filter(pk=gone.pk).exists()
    assert exit_survey.find(code, OPENS).year == 2026
    stored = _physical("exits_exitanswer", "would_have_stayed")
    assert abs(spearman([int(t) for t in stored])) < BOUND


def test_open_used_exit_invitations_become_claims(org):
    used = ExitInvitation.objects.create(
        unit=org["A"], year=2026, opens=OPENS, closes=OPENS, used=True
    )
    ExitInvitation.objects.create(unit=org["A"], year=2026, opens=OPENS, closes=OPENS)
    _migration("bemanna.exits.migrations.0008_exit_claims").to_claims(apps, None)
    assert not ExitInvitation.objects.filter(used=True).exists()
    assert list(ExitClaim.objects.values_list("tag", flat=True)) == [
        exit_survey.claimed_tag(used.pk)
    ]


def test_answers_of_small_teams_move_to_their_counting_unit(org):
    """Org: R › F › A, B; G › C. B has two people, A six (k = 5): B's answers and closed
    invitations move to F, and (F's pool then two) A's with them, every row of the wave
    written again; an open wave's invitations get their counting unit."""
    add_staff(org["A"], 6)
    add_staff(org["B"], 2)
    pulse = Pulse.objects.create(name="Före", min_answers=5, min_answers_text=5)
    pulse.units.add(org["R"])
    closed = services.open_wave(pulse, OPENS)
    current = services.open_wave(pulse, OPENS + datetime.timedelta(days=90))
    for wave in (closed, current):  # as stored before: under their own units, no counting
        wave.invitations.update(counted_unit=None)
    closed.invitations.update(person=None, used=True)
    for invitation in [*closed.invitations.all(), *current.invitations.all()]:
        Response.objects.create(wave=invitation.wave, unit=invitation.unit, enps=8)
    closed.status = "closed"
    closed.save()
    _migration("bemanna.pulse.migrations.0013_counted_units").count_in_units(apps, None)
    stored = Counter(closed.responses.values_list("unit__code", flat=True))
    assert stored == {"F": 8}
    invited = Counter(closed.invitations.values_list("unit__code", "counted_unit__code"))
    assert invited == {("F", "F"): 8}
    counted = Counter(current.invitations.values_list("unit__code", "counted_unit__code"))
    assert counted == {("A", "F"): 6, ("B", "F"): 2}
    # An open wave's answers move too (all its rows written again, so that on PostgreSQL the
    # moved ones carry no transaction of their own).
    assert Counter(current.responses.values_list("unit__code", flat=True)) == {"F": 8}


def test_a_manager_above_wards_moves_with_the_smaller_ward(org):
    """Org: R › F › A, B. F's own two (a manager and a secretary) over wards of six and seven
    (k = 5), stored by 0013's first step alone under F, a unit of two: 0014 stores ward A's
    answers and closed invitations with them, and the open wave's invitations count there."""
    add_staff(org["F"], 2)
    add_staff(org["A"], 6)
    add_staff(org["B"], 7)
    pulse = Pulse.objects.create(name="Före", min_answers=5, min_answers_text=5)
    pulse.units.add(org["R"])
    closed = services.open_wave(pulse, OPENS)
    current = services.open_wave(pulse, OPENS + datetime.timedelta(days=90))
    for wave in (closed, current):  # as 0013 left them: each under its own unit
        for unit in ("F", "A", "B"):
            wave.invitations.filter(unit=org[unit]).update(counted_unit=org[unit])
    closed.invitations.update(person=None, used=True)
    for invitation in [*closed.invitations.all(), *current.invitations.all()]:
        Response.objects.create(wave=invitation.wave, unit=invitation.unit, enps=8)
    closed.status = "closed"
    closed.save()
    _migration("bemanna.pulse.migrations.0014_pools_of_k").count_in_units(apps, None)
    for wave in (closed, current):
        assert Counter(wave.responses.values_list("unit__code", flat=True)) == {"F": 8, "B": 7}
    invited = Counter(closed.invitations.values_list("unit__code", "counted_unit__code"))
    assert invited == {("F", "F"): 8, ("B", "B"): 7}
    counted = Counter(current.invitations.values_list("unit__code", "counted_unit__code"))
    assert counted == {("F", "F"): 2, ("A", "F"): 6, ("B", "B"): 7}
