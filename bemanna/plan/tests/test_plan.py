"""Proposals through their life, the action plan's follow-up, permissions and the lägesbild."""

import datetime
import importlib
import re

import fastexcel
import pytest
from bs4 import BeautifulSoup
from django.apps import apps as django_apps
from django.contrib.auth import get_user_model
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bemanna.audit.models import AuditEntry
from bemanna.conftest import PASSWORD
from bemanna.plan import history, services
from bemanna.plan.models import (
    TRANSITIONS,
    Area,
    EffectFigure,
    EffectValue,
    Event,
    PlanAction,
    Proposal,
    Status,
    StatusNote,
)
from bemanna.pulse.models import Pulse
from bemanna.tests.xlsx import Workbook

TODAY = datetime.date(2026, 6, 30)


@pytest.fixture
def area(db):
    return Area.objects.get_or_create(name="Behålla")[0]


def _proposal(area, **extra):
    values = {
        "title": "Mentor för nyanställda",
        "description": "Varje ny undersköterska får en mentor.",
        "area": area,
        "origin": "union",
        "submitted_on": TODAY,
    } | extra
    return Proposal.objects.create(**values)


def _decide(proposal, to=Status.DECIDED):
    return services.move(
        proposal, to, None, decided_by="Rådet", decided_on=TODAY, reference="RS/1/2026 § 1"
    )


def test_priority_puts_ensured_effect_first(area):
    proposal = _proposal(area, effect=5, certainty=5, cost=1, time_to_effect=1)
    assert proposal.priority == 100
    proposal.effect, proposal.certainty, proposal.cost, proposal.time_to_effect = 3, 2, 3, 4
    assert proposal.priority == 12
    proposal.certainty = None
    assert proposal.priority is None


def test_every_step_outside_the_life_of_a_proposal_is_refused(area):
    for start, allowed in TRANSITIONS.items():
        for to in Status.values:
            proposal = _proposal(area, status=start)
            if start in (Status.DECIDED, Status.ONGOING, Status.DONE):
                PlanAction.objects.create(proposal=proposal, start=TODAY, end=TODAY)
            if to in allowed:
                _decide(proposal, to)
                assert Proposal.objects.get(pk=proposal.pk).status == to
            else:
                with pytest.raises(services.IllegalTransition):
                    _decide(proposal, to)
                assert Proposal.objects.get(pk=proposal.pk).status == start


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.sampled_from(Status.values), max_size=8))
def test_any_sequence_of_steps_follows_the_life_and_leaves_a_history(db, steps):
    area = Area.objects.get_or_create(name="Utveckla")[0]
    proposal = _proposal(area)
    expected, moved = Status.RECEIVED, 0
    for to in steps:
        if expected == Status.DECIDED and not hasattr(proposal, "action"):
            PlanAction.objects.create(proposal=proposal, start=TODAY, end=TODAY)
            proposal = Proposal.objects.get(pk=proposal.pk)
        try:
            _decide(proposal, to)
        except services.IllegalTransition:
            assert to not in TRANSITIONS[expected]
        else:
            assert to in TRANSITIONS[expected]
            expected, moved = to, moved + 1
        assert Proposal.objects.get(pk=proposal.pk).status == expected
    assert proposal.events.count() == moved


def test_a_decision_needs_who_and_when_and_work_needs_a_planned_action(area):
    proposal = _proposal(area, status=Status.PREPARING)
    with pytest.raises(services.IllegalTransition, match="who decided"):
        services.move(proposal, Status.DECIDED, None)
    _decide(proposal)
    with pytest.raises(services.IllegalTransition, match="planned first"):
        services.move(proposal, Status.ONGOING, None)


def _form(area, **changes):
    return {
        "title": "Schemaönskemål i appen",
        "description": "<script>alert(1)</script> Låt oss lägga önskemål i mobilen.",
        "area": area.pk,
        "origin": "staff",
        "website": "",
    } | changes


def test_an_anonymous_proposal_keeps_nothing_of_the_sender_and_is_rate_limited(client, area):
    for _ in range(5):
        response = client.post(reverse("plan:propose"), _form(area))
        assert 'id="proposal-sent"' in response.content.decode()
    assert client.post(reverse("plan:propose"), _form(area)).status_code == 429
    assert Proposal.objects.count() == 5
    assert not Proposal.objects.exclude(submitted_by=None).exists()
    assert not Event.objects.exists()  # no time of day, no place among the events


def test_an_anonymous_proposal_cannot_be_placed_between_named_ones(client, area, no_role):
    """An insider with the server log (who sent what, to the second) and the council's pages
    cannot tell when an anonymous proposal came beyond its day: no event with its time, no
    id in the order they came."""
    client.login(username="no_role", password=PASSWORD)
    for title, anonymous in (("Först", ""), ("Anonymt", "on"), ("Sist", "")):
        client.post(reverse("plan:propose"), _form(area, title=title, anonymous=anonymous))
    named = Proposal.objects.exclude(submitted_by=None)
    hidden = Proposal.objects.get(title="Anonymt")
    assert hidden.submitted_by is None and not hidden.events.exists()
    assert {e.what for p in named for e in p.events.all()} == {"submitted"}
    ids = [p.pk for p in Proposal.objects.all()]
    assert all(10**9 <= pk < 10**10 for pk in ids), ids
    entries = [
        described
        for p in Proposal.objects.all()
        for described in history.describe(p)
        if described["who"] == "anonym"
    ]
    assert entries == [
        {
            "at": hidden.submitted_on,
            "day": True,
            "who": "anonym",
            "what": "Förslaget togs emot",
            "changes": [],
        }
    ]
    assert type(entries[0]["at"]) is datetime.date


def test_new_ids_are_drawn_at_random_and_never_reused(area, monkeypatch):
    taken = _proposal(area)
    drawn = iter([taken.pk, taken.pk, 1_234_567_890])
    monkeypatch.setattr(services, "new_proposal_id", lambda: next(drawn))
    proposal = Proposal(
        id=taken.pk, title="Ny", description="Ny.", area=area, origin="staff", submitted_on=TODAY
    )
    services.submit(proposal, None)
    assert proposal.pk == 1_234_567_890
    assert Proposal.objects.get(pk=taken.pk).title == "Mentor för nyanställda"


def test_the_migration_forgets_when_anonymous_proposals_came(area):
    migration = importlib.import_module("bemanna.plan.migrations.0004_random_proposal_ids")
    anonymous, named = _proposal(area), _proposal(area, title="Med namn")
    Event.objects.create(proposal=anonymous, actor_name="anonym", what="submitted")
    Event.objects.create(proposal=anonymous, actor_name="rad", what="assessed")
    Event.objects.create(proposal=named, actor_name="anonym", what="submitted")
    named.submitted_by = get_user_model().objects.create(username="bo")
    named.save()
    migration.forget_anonymous_times(django_apps, None)
    left = sorted((e.proposal.title, e.what) for e in Event.objects.all())
    assert left == [("Med namn", "submitted"), ("Mentor för nyanställda", "assessed")]


def test_robots_filling_the_hidden_field_are_refused(client, area):
    response = client.post(reverse("plan:propose"), _form(area, website="http://spam"))
    assert response.status_code == 200 and not Proposal.objects.exists()


def test_a_signed_in_sender_may_still_send_anonymously(client, area, no_role):
    client.login(username="no_role", password=PASSWORD)
    client.post(reverse("plan:propose"), _form(area, title="Med namn"))
    client.post(reverse("plan:propose"), _form(area, title="Utan namn", anonymous="on"))
    assert Proposal.objects.get(title="Med namn").submitted_by == no_role
    assert Proposal.objects.get(title="Utan namn").submitted_by is None
    mine = client.get(reverse("plan:inbox")).content.decode()
    assert "Med namn" in mine and "Utan namn" not in mine


def test_the_council_takes_a_proposal_to_an_evaluated_action(client, area, council, manager, org):
    proposal = _proposal(area)
    client.login(username="council", password=PASSWORD)
    inbox = client.get(reverse("plan:inbox")).content.decode()
    assert "Mentor för nyanställda" in inbox
    url = reverse("plan:proposal", args=[proposal.pk])
    client.post(
        url, {"form": "assess", "effect": 4, "certainty": 5, "cost": 2, "time_to_effect": 2}
    )
    move = reverse("plan:move", args=[proposal.pk])
    client.post(move, {"to": "preparing"})
    refused = client.post(move, {"to": "decided"}, follow=True).content.decode()
    assert "Ett beslut kräver vem som beslutade och när" in refused
    client.post(
        move,
        {"to": "decided", "decided_by": "Rådet", "decided_on": "2026-06-01", "reference": "§ 4"},
    )
    response = client.post(
        url,
        {
            "form": "action",
            "owner": manager.pk,
            "unit": org["A"].pk,
            "budget_msek": "1.5",
            "start": "2026-06-01",
            "end": "2026-12-31",
        },
    )
    action = PlanAction.objects.get()
    assert response["Location"] == reverse("plan:action", args=[action.pk])
    for step in ("ongoing", "done", "evaluated"):
        client.post(move, {"to": step})
    proposal.refresh_from_db()
    assert (proposal.status, proposal.priority, proposal.reference) == ("evaluated", 64, "§ 4")
    history = client.get(url).content.decode().split('id="history"')[1]
    # In Swedish, field labels and status names included (issue 15: no "status decided").
    assert "Status ändrad till: Beslutad" in history and "Beslutat av: – → Rådet" in history
    assert "Förväntad effekt: – → 4" in history and "Säkerhet i effekten: – → 5" in history
    assert "status decided" not in history and "decided_by" not in history
    assert AuditEntry.objects.filter(action="plan_changed").count() == 7


@pytest.fixture
def action(area, org, manager):
    proposal = _proposal(area, status=Status.ONGOING)
    return PlanAction.objects.create(
        proposal=proposal,
        unit=org["A"],
        start=datetime.date(2026, 1, 1),
        end=datetime.date(2026, 3, 31),  # past: overdue while ongoing
    )


def test_the_manager_of_the_unit_reports_but_does_not_change_the_plan(
    client, action, manager, other_manager
):
    url = reverse("plan:action", args=[action.pk])
    note = {"form": "note", "written_on": "2026-06-01", "kind": "ongoing", "text": "Tre mentorer."}
    client.login(username="other_manager", password=PASSWORD)
    assert client.post(url, note).status_code == 404
    client.login(username="manager", password=PASSWORD)
    assert client.post(url, note).status_code == 302
    assert StatusNote.objects.get().author_name == "manager"
    edit = {"form": "figure", "name": "x", "source": "manual", "baseline": 0, "target": 1}
    assert client.post(url, edit).status_code == 403


def test_the_council_changing_an_action_keeps_before_and_after(client, action, council):
    client.login(username="council", password=PASSWORD)
    url = reverse("plan:action", args=[action.pk])
    client.post(
        url, {"form": "edit", "start": "2026-01-01", "end": "2026-09-30", "budget_msek": "2"}
    )
    event = action.proposal.events.get(what="action edit")
    assert event.changes["end"] == ["2026-03-31", "2026-09-30"]
    assert event.changes["budget_msek"] == [None, "2"]


def test_an_analyst_reads_the_plan_but_cannot_write(client, action, analyst):
    client.login(username="analyst", password=PASSWORD)
    url = reverse("plan:action", args=[action.pk])
    assert client.get(url).status_code == 200
    note = {"form": "note", "written_on": "2026-06-01", "kind": "done", "text": "x"}
    assert client.post(url, note).status_code == 403


def test_effect_is_measured_against_baseline_and_target(action):
    figure = EffectFigure.objects.create(
        action=action,
        name="Mentorer",
        baseline=2,
        target=12,
        measure_on=datetime.date(2026, 12, 31),
    )
    for day, value in ((datetime.date(2026, 3, 1), 4), (datetime.date(2026, 6, 1), 7)):
        EffectValue.objects.create(figure=figure, measured_on=day, value=value, author_name="x")
    status = services.FigureStatus(figure, services.figure_series(figure))
    assert status.latest == 7 and status.progress == pytest.approx(0.5)


def test_a_negative_effect_value_has_a_minus_sign(client, action, council):
    # eNPS −9 as Swedes write it (U+2212), not "-9,0" with a hyphen.
    figure = EffectFigure.objects.create(
        action=action, name="eNPS", baseline=0, target=15, measure_on=datetime.date(2026, 12, 31)
    )
    EffectValue.objects.create(
        figure=figure, measured_on=datetime.date(2026, 6, 1), value=-9, author_name="x"
    )
    client.login(username="council", password=PASSWORD)
    page = client.get(reverse("plan:action", args=[action.pk])).content.decode()
    assert '<strong data-figure="latest">\u22129,0</strong>' in page
    assert "-9,0" not in page


def _three_waves(staffed):
    from bemanna.pulse import services as pulse
    from bemanna.pulse.tests.helpers import add_staff, answer

    add_staff(staffed["A"], 8)
    # B a unit of its own pool (k invited): a smaller one's few would be stored with A's
    # (`counting_units`), and A would show nothing of its own.
    add_staff(staffed["B"], 5)
    item = Pulse.objects.create(name="Puls")
    item.units.add(staffed["R"])
    for opens, scores in (
        (datetime.date(2026, 2, 1), [10] * 6),
        (datetime.date(2026, 5, 1), [9, 3]),
        (datetime.date(2026, 8, 1), [10, 10, 10, 8, 8, 0]),
    ):
        wave = pulse.open_wave(item, opens)
        answer(wave, scores, unit=staffed["A"])
        pulse.close_wave(wave)


def test_an_enps_effect_reads_the_pulse_and_respects_its_threshold(action, staffed):
    _three_waves(staffed)
    figure = EffectFigure.objects.create(
        action=action, name="eNPS", source="enps", baseline=0, target=20, measure_on=TODAY
    )
    # February's and August's six answers are shown; May's two are under the threshold and
    # are left out.
    # Six is under the split threshold (10): the effect reads the eNPS as the pulse shows it,
    # rounded. All promoters show as "≥ 50", a band, not the number 50: no point is plotted
    # for it. August's 3 promoters and 1 detractor of 6 (33) show as 30, by hand.
    assert services.figure_series(figure) == [(datetime.date(2026, 8, 14), 30)]


def test_an_owner_outside_the_unit_reports_but_sees_no_enps_of_it(
    client, action, staffed, other_manager, council
):
    """An insider's eighth round: the owner of an action on a unit they do not manage saw
    its eNPS wave by wave on the action's page, while the pulse's page of the unit said
    403. They still report on the action; the figure says who sees it."""
    _three_waves(staffed)
    action.owner = other_manager
    action.save()
    EffectFigure.objects.create(
        action=action, name="eNPS", source="enps", baseline=0, target=20, measure_on=TODAY
    )
    url = reverse("plan:action", args=[action.pk])
    client.login(username="council", password=PASSWORD)
    assert 'data-figure="latest">30,0<' in client.get(url).content.decode()
    client.login(username=other_manager.username, password=PASSWORD)
    results = reverse("pulse:results", args=[Pulse.objects.get().pk])
    assert client.get(results, {"unit": "A"}).status_code == 403
    page = client.get(url)
    assert page.status_code == 200
    soup = BeautifulSoup(page.content, "html.parser")
    assert soup.select('[data-figure="latest"]') == [] and soup.select("figure.chart") == []
    assert soup.select('[data-figure="withheld"]')
    assert (
        client.post(
            url, {"form": "note", "written_on": "2026-06-01", "kind": "done", "text": "Klart."}
        ).status_code
        == 302
    )


def test_the_lagesbild_comes_as_page_pdf_excel_and_html(client, action, analyst):
    StatusNote.objects.create(
        action=action,
        written_on=datetime.date(2026, 6, 1),
        kind="done",
        text="Tre mentorer utsedda.",
        author_name="x",
    )
    client.login(username="analyst", password=PASSWORD)
    url = reverse("plan:lagesbild")
    page = client.get(url, {"since": "2026-05-01"}).content.decode()
    assert "Mentor för nyanställda" in page and "försenad" in page and "Tre mentorer" in page
    pdf = client.get(url, {"format": "pdf"})
    assert pdf.content[:4] == b"%PDF"
    book = fastexcel.read_excel(client.get(url, {"format": "xlsx", "since": "2026-05-01"}).content)
    actions = book.load_sheet(0, header_row=3).to_polars()
    assert actions["Åtgärd"].to_list() == ["Mentor för nyanställda"]
    assert actions["Försenad"].to_list() == ["försenad"]
    notes = book.load_sheet(1).to_polars()
    assert notes["Text"].to_list() == ["Tre mentorer utsedda."]
    # The figure's row, its chart beside it and the chart's data as a table under it.
    figure = EffectFigure.objects.create(
        action=action, name="Mentorer", baseline=0, target=5, measure_on=TODAY
    )
    for day, value in ((datetime.date(2026, 3, 1), 1), (datetime.date(2026, 6, 1), 3)):
        EffectValue.objects.create(figure=figure, measured_on=day, value=value, author_name="x")
    effect = Workbook(client.get(url, {"format": "xlsx", "since": "2026-05-01"}).content)
    rows = effect.rows("Effekt")
    assert rows[1][:6] == ["Mentor för nyanställda", "Mentorer", "0", "5", "3", "2026-06-30"]
    first = [row[0] for row in rows]
    assert ["2026-03-01", "1"] in [row[:2] for row in rows[first.index("Datum") :]]
    assert len(effect.pictures("Effekt")) == 1
    word = client.get(url, {"format": "html"})
    assert word["Content-Disposition"].endswith('.html"')
    assert "<table" in word.content.decode()


def test_html_in_a_proposal_is_shown_as_text(client, area, council):
    _proposal(area, title="<b>Fet</b>", description="<script>alert(1)</script>")
    client.login(username="council", password=PASSWORD)
    proposal = Proposal.objects.get()
    page = client.get(reverse("plan:proposal", args=[proposal.pk])).content.decode()
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page
    assert "<b>Fet</b>" not in client.get(reverse("plan:inbox")).content.decode()


def test_the_demo_has_the_seeds_action_plan(db):
    from bemanna.demo.plan import ACTIONS, add_plan_demo

    add_plan_demo(TODAY)
    assert PlanAction.objects.count() == len(ACTIONS)
    assert Proposal.objects.filter(status="received", submitted_by=None).exists()
    report = services.lagesbild(TODAY - datetime.timedelta(days=90), TODAY)
    assert set(report["areas"]) == {"Behålla", "Rekrytera", "Utveckla"}
    assert any(s.overdue for states in report["areas"].values() for s in states)


def test_a_new_installation_gets_the_regions_areas_and_work_groups(db):
    import importlib

    from django.apps import apps

    from bemanna.plan.models import WorkGroup

    migration = importlib.import_module("bemanna.plan.migrations.0002_seed_areas_and_work_groups")
    Proposal.objects.all().delete()
    Area.objects.all().delete()
    migration.seed(apps, None)
    migration.seed(apps, None)  # twice changes nothing
    assert list(Area.objects.values_list("name", flat=True)) == ["Behålla", "Rekrytera", "Utveckla"]
    assert WorkGroup.objects.filter(name="Rätt använd kompetens").count() == 1


def test_the_history_names_fields_and_statuses_in_swedish(db):
    from django.utils import translation

    from bemanna.plan.models import Event

    event = Event(
        what="status preparing",
        changes={"status": ["received", "preparing"], "action": [None, "3"], "odd": [1, 2]},
    )
    with translation.override("sv"):
        assert event.label == "Status: Bereds"
        # A relation (the action) and an unknown key keep their values, named as well as can be.
        assert [row[1:] for row in event.readable_changes[1:]] == [(None, "3"), (1, 2)]
        assert event.readable_changes[0] == ("Status", "Inkommen", "Bereds")
        assert Event(what="submitted").label == "Inskickat"


def test_a_negative_effect_is_written_with_a_minus_sign(client, action, analyst):
    """−16 against a baseline of −4 and a target of 20, written with the minus sign (U+2212)
    as every other figure, not a hyphen (the lägesbild said "senast -9,0 (-60 % av vägen)").
    It is (−16 + 4) / (20 + 4) = −50 % "of the way", which the lägesbild says in words: the
    figure has moved away from the target (a reviewer read "−113 % av vägen" as nonsense)."""
    figure = EffectFigure.objects.create(
        action=action, name="Mentorer", baseline=-4, target=20, measure_on=TODAY
    )
    EffectValue.objects.create(
        figure=figure, measured_on=datetime.date(2026, 3, 1), value=-16, author_name="x"
    )
    client.login(username="analyst", password=PASSWORD)
    action_page = client.get(reverse("plan:action", args=[action.pk])).content.decode()
    lagesbild = client.get(reverse("plan:lagesbild"), {"since": "2026-01-01"}).content.decode()
    for page in (action_page, lagesbild):
        # The text read, not the markup nor the chart (whose SVG has coordinates of its own).
        main = BeautifulSoup(page, "html.parser").main
        for svg in main.find_all("svg"):
            svg.decompose()
        text = main.get_text(" ")
        assert "\u221216,0" in text and "\u22124,0" in text
        assert not re.search(r"(?<![\w-])-\d", text), re.findall(r".{30}(?<![\w-])-\d.{10}", text)
    assert "längre från målet än utgångsläget" in text and "av vägen" not in text


def test_a_figure_on_its_way_says_how_far(client, action, analyst):
    # 7 against a baseline of 2 and a target of 12: (7 − 2) / (12 − 2) = 50 % of the way.
    figure = EffectFigure.objects.create(
        action=action, name="Mentorer", baseline=2, target=12, measure_on=TODAY
    )
    EffectValue.objects.create(
        figure=figure, measured_on=datetime.date(2026, 3, 1), value=7, author_name="x"
    )
    client.login(username="analyst", password=PASSWORD)
    page = client.get(reverse("plan:lagesbild"), {"since": "2026-01-01"}).content.decode()
    text = " ".join(BeautifulSoup(page, "html.parser").main.get_text(" ").split())
    assert "senast 7,0 (50 % av vägen)" in text  # (split() takes the no-break space too)
