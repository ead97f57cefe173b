"""Reminders from `bemanna run_schedule`, over the real loopback SMTP server: each kind once,
each kind switchable off, and no figure for a group under k."""

import datetime
import io

import pytest
from django.core.management import call_command

from bemanna.accounts.models import Role
from bemanna.conftest import make_user
from bemanna.followup.models import NudgeSent
from bemanna.pulse import services
from bemanna.pulse.models import Action, Dialogue, Pulse
from bemanna.pulse.tests.helpers import add_staff, answer
from bemanna.pulse.tests.test_schedule import smtp_server  # noqa: F401 (the fixture)

OPENS = datetime.date(2026, 3, 2)  # closes 2026-03-15 (14 days)


@pytest.fixture
def setup(org, manager):
    manager.email = "chef.f@region.test"
    manager.save()
    add_staff(org["A"], 12)
    pulse = Pulse.objects.create(name="Puls", min_answers=3, min_answers_text=5)
    pulse.units.add(org["R"])
    wave = services.open_wave(pulse, OPENS)
    answer(wave, [8] * 6, unit=org["A"])
    return pulse, wave


def _run(day):
    out = io.StringIO()
    call_command("run_schedule", f"--today={day}", stdout=out)
    return out.getvalue()


def _to(inbox, subject_part):
    return [(tos, body) for tos, body in inbox.messages if subject_part in body]


def test_results_ready_goes_once_to_the_manager(setup, smtp_server):  # noqa: F811
    _pulse, wave = setup
    _run("2026-03-16")  # the wave closes in this run
    _run("2026-03-17")
    ready = [m for m in smtp_server.messages if "Resultaten" in m[1] or "results" in m[1]]
    assert len(ready) == 1 and ready[0][0] == ["chef.f@region.test"]
    assert NudgeSent.objects.filter(kind="results_ready").count() == 1


def test_the_dialogue_is_due_after_n_days_unless_held(setup, smtp_server, settings, org):  # noqa: F811
    settings.DIALOGUE_DUE_DAYS = 20
    _pulse, wave = setup
    _run("2026-03-16")
    before = len(smtp_server.messages)
    _run("2026-04-03")  # 19 days after the close
    assert not NudgeSent.objects.filter(kind="dialogue_due").exists()
    _run("2026-04-04")
    assert NudgeSent.objects.filter(kind="dialogue_due").count() == 1
    assert len(smtp_server.messages) == before + 1
    assert f"/puls/omgang/{wave.pk}/dialog/F/" in smtp_server.messages[-1][1].replace("=\n", "")
    _run("2026-04-05")
    assert NudgeSent.objects.filter(kind="dialogue_due").count() == 1


def test_no_results_or_dialogue_nudge_for_a_unit_the_pulse_did_not_ask(
    org,
    manager,
    other_manager,
    smtp_server,  # noqa: F811
    settings,
):
    # The pulse asks A only: G's manager has no results and no dialogue to hold, as their
    # start page says; F's manager (A is below F) gets both.
    settings.DIALOGUE_DUE_DAYS = 20
    manager.email, other_manager.email = "chef.f@region.test", "chef.g@region.test"
    manager.save()
    other_manager.save()
    add_staff(org["A"], 12)
    add_staff(org["C"], 12)
    pulse = Pulse.objects.create(name="Puls", min_answers=3, min_answers_text=5)
    pulse.units.add(org["A"])
    wave = services.open_wave(pulse, OPENS)
    answer(wave, [8] * 6, unit=org["A"])
    _run("2026-03-16")
    _run("2026-04-04")  # 20 days after the close: the dialogue is due
    sent = set(NudgeSent.objects.values_list("kind", "to"))
    assert ("results_ready", "chef.f@region.test") in sent
    assert ("dialogue_due", "chef.f@region.test") in sent
    assert not [m for m in smtp_server.messages if "chef.g@region.test" in m[0]]


def test_an_overdue_action_reaches_the_nearest_manager_above(setup, smtp_server, org):  # noqa: F811
    _pulse, wave = setup
    _run("2026-03-16")
    dialogue = Dialogue.objects.create(
        wave=wave, unit=org["A"], held_on=datetime.date(2026, 3, 20), participants=5, discussed="x"
    )
    Action.objects.create(
        dialogue=dialogue,
        unit=org["A"],
        text="Ny helgpassfördelning",
        owner="x",
        due=datetime.date(2026, 4, 1),
    )
    _run("2026-04-01")
    assert not NudgeSent.objects.filter(kind="action_overdue").exists()
    _run("2026-04-02")
    sent = [m for m in smtp_server.messages if "Ny helgpassf" in m[1].replace("=\n", "")]
    assert len(sent) == 1 and sent[0][0] == ["chef.f@region.test"]  # A has none; F's
    _run("2026-04-03")
    assert NudgeSent.objects.filter(kind="action_overdue").count() == 1


def test_low_response_only_as_a_rate_at_the_threshold(org, manager, smtp_server):  # noqa: F811
    manager.email = "chef.f@region.test"
    manager.save()
    add_staff(org["A"], 20)
    pulse = Pulse.objects.create(name="Låg", min_answers=3, min_answers_text=5)
    pulse.units.add(org["R"])
    wave = services.open_wave(pulse, OPENS)
    answer(wave, [8] * 2, unit=org["A"])  # under k: no figure may go out
    _run("2026-03-13")
    assert not NudgeSent.objects.filter(kind="low_response").exists()
    # 5 of 20: 25 %, shown only as its band; with k = 3 a band holds at least three answers
    # (20 points of 20 invited), and the first, shown from the third, six (30 points): 0–30 %.
    answer(wave, [8] * 3, unit=org["A"])
    _run("2026-03-13")
    low = NudgeSent.objects.get(kind="low_response")
    body = next(b for tos, b in smtp_server.messages if "0–30\xa0%" in b)
    assert low.to == "chef.f@region.test" and "25 %" not in body and "25\u00a0%" not in body


def test_each_kind_can_be_switched_off(setup, smtp_server, settings):  # noqa: F811
    settings.NUDGES_OFF = ["results_ready"]
    _run("2026-03-16")
    assert not NudgeSent.objects.filter(kind="results_ready").exists()


def test_hr_gets_a_weekly_digest_of_what_is_overdue(setup, smtp_server, org):  # noqa: F811
    make_user("hr_person", Role.HR_ADMIN, email="hr@region.test")
    _pulse, wave = setup
    _run("2026-03-16")
    dialogue = Dialogue.objects.create(
        wave=wave, unit=org["A"], held_on=datetime.date(2026, 3, 20), participants=5, discussed="x"
    )
    Action.objects.create(
        dialogue=dialogue,
        unit=org["A"],
        text="Introduktionsplan",
        owner="x",
        due=datetime.date(2026, 4, 1),
    )
    _run("2026-04-06")  # a Monday
    _run("2026-04-08")  # the same week
    digests = [m for m in smtp_server.messages if m[0] == ["hr@region.test"]]
    assert len(digests) == 1 and "Introduktionsplan" in digests[0][1].replace("=\n", "")
    _run("2026-04-13")  # the week after
    assert len([m for m in smtp_server.messages if m[0] == ["hr@region.test"]]) == 2
