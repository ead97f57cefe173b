"""No personal data in free text: every pattern, posted through every form with a text box,
is taken out before anything is stored, and the writer is told."""

from __future__ import annotations

import datetime
import importlib
import inspect
import pkgutil
import re

import pytest
from django import forms
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

import bemanna
from bemanna.conftest import PASSWORD, TODAY
from bemanna.freetext import FreeTextForm, redact

# Each as people write them; the expected kind is what the note names.
PATTERNS = [
    ("personnummer", "19811218-9876"),
    ("personnummer", "198112189876"),
    ("personnummer", "811218-9876"),
    ("personnummer", "8112189876"),
    ("personnummer", "811218+9876"),  # a hundred years or older
    ("personnummer", "811278-9876"),  # samordningsnummer
    ("email", "anna.svensson@regionen.se"),
    ("email", "A.B+puls@vgregion.se"),
    ("phone", "070-123 45 67"),
    ("phone", "0701234567"),
    ("phone", "+46 70 123 45 67"),
    ("phone", "+46701234567"),
    ("phone", "08-123 456 78"),
    ("phone", "031-12 34 56"),
    ("phone", "(08) 123 45 67"),
    ("phone", "0046 8 123 456 78"),
]
NOTICE = {
    "personnummer": "ett personnummer",
    "email": "en e-postadress",
    "phone": "ett telefonnummer",
}
HARMLESS = [
    "Vi ses 2026-05-01 kl 10.",
    "3 av 12 svarade, 0,5 tjänst, 100 000 kr.",
    "RS/719/2021 § 81",
    "Åren 2024-2025 och 2035.",
]


@pytest.mark.parametrize(("kind", "text"), PATTERNS)
def test_each_pattern_is_removed_and_named(kind, text):
    redacted = redact(f"Hej, {text} tack")
    assert redacted.found == (kind,)
    assert not re.search(r"\d{4}|@", redacted.text), redacted.text
    assert redacted.text.startswith("Hej, ") and redacted.text.endswith(" tack")


@pytest.mark.parametrize("text", HARMLESS)
def test_dates_amounts_and_references_are_left_alone(text):
    assert redact(text).text == text


@given(st.text(alphabet="abc åäö.,!?-\n", max_size=80))
def test_text_without_digits_or_at_signs_is_never_changed(text):
    assert redact(text).text == text


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def _assert_refused_and_cleaned(response, kind: str, text: str) -> None:
    page = response.content.decode()
    assert response.status_code == 200
    assert f"Vi tog bort {NOTICE[kind]} ur texten" in page, page[:3000]
    # The box shows the cleaned text; the number or address is nowhere on the page.
    needle = text if kind == "email" else _digits(text)
    assert needle not in (page if kind == "email" else _digits(page.replace(" ", "")))


def _stored_texts(model, *fields) -> str:
    return " ".join(str(v) for row in model.objects.values_list(*fields) for v in row)


# -- Each form, through its page ------------------------------------------------------------


def test_a_proposal_is_refused_until_cleaned(client, db):
    from bemanna.plan.models import Area, Proposal

    area = Area.objects.get_or_create(name="Behålla")[0]
    for kind, text in PATTERNS:
        for field in ("title", "description"):
            data = {
                "title": "Mentorer",
                "description": "Varje ny får en mentor.",
                "area": area.pk,
                "origin": "staff",
                "website": "",
                field: f"Kontakta mig: {text}",
            }
            response = client.post(reverse("plan:propose"), data)
            _assert_refused_and_cleaned(response, kind, text)
    assert not Proposal.objects.exists()
    cleaned = response.context["form"].data["description"]
    data["description"] = cleaned
    client.post(reverse("plan:propose"), data)
    assert Proposal.objects.get().description == "Kontakta mig: [telefonnummer borttaget]"


def test_a_status_note_is_refused_until_cleaned(client, db, org, manager):
    from bemanna.plan.models import Area, PlanAction, Proposal, Status, StatusNote

    area = Area.objects.get_or_create(name="Behålla")[0]
    proposal = Proposal.objects.create(
        title="t",
        description="d",
        area=area,
        origin="union",
        submitted_on=TODAY,
        status=Status.ONGOING,
    )
    action = PlanAction.objects.create(
        proposal=proposal,
        unit=org["A"],
        start=datetime.date(2026, 1, 1),
        end=datetime.date(2026, 12, 31),
    )
    client.login(username="manager", password=PASSWORD)
    url = reverse("plan:action", args=[action.pk])
    for kind, text in PATTERNS:
        note = {"form": "note", "written_on": "2026-06-01", "kind": "ongoing", "text": text}
        _assert_refused_and_cleaned(client.post(url, note), kind, text)
    assert not StatusNote.objects.exists()


def test_a_dialogue_and_its_actions_are_refused_until_cleaned(client, manager, staffed):
    from bemanna.pulse import services
    from bemanna.pulse.models import Action, Dialogue, Pulse

    pulse = Pulse.objects.create(name="Dialog")
    pulse.units.add(staffed["R"])
    wave = services.open_wave(pulse, datetime.date(2026, 3, 1))
    services.close_wave(wave)
    client.login(username="manager", password=PASSWORD)
    url = reverse("pulse:dialogue", args=[wave.pk, "F"])
    base = {
        "held_on": "2026-03-20",
        "participants": "9",
        "discussed": "Helgbemanningen.",
        "actions-TOTAL_FORMS": "1",
        "actions-INITIAL_FORMS": "0",
        "actions-MIN_NUM_FORMS": "0",
        "actions-MAX_NUM_FORMS": "1000",
        "actions-0-text": "Ny fördelning av helgpass",
        "actions-0-owner": "Enhetschef",
        "actions-0-due": "2026-05-01",
        "actions-0-status": "planned",
    }
    for kind, text in PATTERNS:
        for field in ("discussed", "actions-0-text"):
            response = client.post(url, base | {field: f"Ring {text}"})
            _assert_refused_and_cleaned(response, kind, text)
    assert not Dialogue.objects.exists() and not Action.objects.exists()


def test_a_pulse_and_its_questions_are_refused_until_cleaned(client, hr_admin, staffed):
    from bemanna.pulse.models import Pulse
    from bemanna.pulse.tests.test_views import _form

    client.login(username="hr_admin", password=PASSWORD)
    for kind, text in PATTERNS:
        for field in ("description", "questions-0-text", "questions-0-choices"):
            data = _form(units=[staffed["R"].pk], **{"questions-0-text": "Fråga"})
            data[field] = f"Frågor till {text}"
            _assert_refused_and_cleaned(client.post(reverse("pulse:new"), data), kind, text)
    assert not Pulse.objects.exists()


def test_a_scenario_description_is_refused_until_cleaned(client, analyst, db):
    from bemanna.forecast.models import Scenario

    client.login(username="analyst", password=PASSWORD)
    for kind, text in PATTERNS:
        data = {
            "name": "Med text",
            "description": f"Frågor: {text}",
            "base_date": "2025-12-31",
            "horizon": "2035",
            "draws": "500",
        }
        _assert_refused_and_cleaned(client.post(reverse("forecast:scenarios"), data), kind, text)
    assert not Scenario.objects.filter(name="Med text").exists()


def test_a_pulse_comment_is_refused_until_cleaned(client, staffed, monkeypatch):
    from bemanna.pulse import services
    from bemanna.pulse.models import Pulse, Response
    from bemanna.pulse.tests.helpers import add_staff, codes_for, open_link

    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: TODAY)
    add_staff(staffed["A"], 3)
    pulse = Pulse.objects.create(name="Puls", include_comment=True)
    pulse.units.add(staffed["R"])
    wave = services.open_wave(pulse, TODAY)
    open_link(client, next(iter(codes_for(wave).values())))
    for kind, text in PATTERNS:
        response = client.post(reverse("pulse:answer"), {"enps": "7", "comment": f"Jag: {text}"})
        _assert_refused_and_cleaned(response, kind, text)
    assert not Response.objects.exists()
    cleaned = response.context["form"].data["comment"]
    client.post(reverse("pulse:answer"), {"enps": "7", "comment": cleaned})
    assert Response.objects.get().comment == "Jag: [telefonnummer borttaget]"


def test_an_exit_answer_is_refused_until_cleaned(client, staffed, monkeypatch):
    from bemanna.exits import services
    from bemanna.exits.models import ExitAnswer
    from bemanna.pulse.tests.helpers import add_staff
    from bemanna.workforce.models import Employment

    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a: TODAY)
    [person] = add_staff(staffed["A"], 1)
    Employment.objects.filter(person=person).update(
        end=TODAY + datetime.timedelta(days=10), end_reason="own_request"
    )
    services.invite_leavers(TODAY)
    services.send_invitations()
    code = re.search(r"/avgang/kod/#(\w+)", mail.outbox[0].body).group(1)
    client.post(reverse("exits:code"), {"code": code})
    for kind, text in PATTERNS:
        data = {"main_reason": "lon", "would_have_stayed": f"Hör av er: {text}"}
        _assert_refused_and_cleaned(client.post(reverse("exits:answer"), data), kind, text)
    assert not ExitAnswer.objects.exists()


# -- No form with a text box is left out --------------------------------------------------


def _form_classes():
    for module in pkgutil.walk_packages(bemanna.__path__, "bemanna."):
        if not module.name.endswith(".forms") or ".tests" in module.name:
            continue
        loaded = importlib.import_module(module.name)
        for _name, value in inspect.getmembers(loaded, inspect.isclass):
            if issubclass(value, forms.BaseFormSet):
                value = value.form
            if issubclass(value, forms.BaseForm) and value.__module__ == module.name:
                yield value


def test_every_form_with_a_text_box_redacts_it():
    checked = []
    for form_class in _form_classes():
        boxes = [
            name
            for name, field in form_class.base_fields.items()
            if isinstance(field, forms.CharField) and isinstance(field.widget, forms.Textarea)
        ]
        if boxes:
            checked.append(form_class.__name__)
            assert issubclass(form_class, FreeTextForm), (form_class, boxes)
    # The forms that build their text box per request are tested through their pages above.
    assert {"ProposalForm", "NoteForm", "DialogueForm", "PulseForm", "ScenarioForm"} <= set(checked)
