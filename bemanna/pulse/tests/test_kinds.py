"""A kind of survey is one module (`bemanna.pulse.kinds`) plus its template: a kind made up in
this test alone shows on the pulse list, in the purpose choices, makes its pulse, keeps its
breakdown, shows its partial on the results page, sets its lever on a scenario with its own
citation label, and joins the lever mapping, without any other file knowing of it."""

import datetime
from dataclasses import replace

import pytest
from django.urls import reverse
from django.utils import translation

from bemanna.analysis import surveys
from bemanna.conftest import PASSWORD
from bemanna.forecast import surveys as scenario_surveys
from bemanna.forecast.models import Scenario
from bemanna.pulse import kinds, services, targeted
from bemanna.pulse.models import Pulse, QuestionKind, QuestionRole
from bemanna.pulse.tests.helpers import add_staff, hired_on

OPENS = datetime.date(2026, 3, 2)


def born_before_1975(asked, on):
    return "före 1975" if asked.born < 1975 else "1975 eller senare"


def stay_levers(by_segment, k, within, number_within):
    """The willing share of the region; groups under k fall back (as the engine does). No
    number is asked, so `number_within` is not read."""
    region = sum(by_segment.values(), surveys.Answers())
    shown = surveys.shown_groups({g: a.n for g, a in by_segment.items()}, k, within)
    return surveys.SurveyLevers(
        region=surveys.willing_share(region),
        groups={g: surveys.willing_share(by_segment[g]) for g in sorted(shown)},
        fallback=sorted(set(by_segment) - shown),
    )


def to_scenario(levers, found):
    # Half of those who would stay are turnover that does not happen.
    value = kinds.clip("turnover_change", -0.5 * found.region.value)
    return replace(levers, turnover_change=value), found.region.n


STAY = kinds.SurveyKind(
    code="stay",
    label="Stanna ett år till (testenkät)",
    name="Stannar du",
    description="Till undersköterskor: stannar du ett år till?",
    invite={"profession_groups": ["Undersköterskor"]},
    segment=born_before_1975,
    questions=(
        kinds.Ask(
            QuestionRole.WILLING,
            QuestionKind.CHOICE,
            "Stannar du ett år till?",
            "Will you stay another year?",
            kinds.WILLING_CHOICES,
            kinds.WILLING_CHOICES_EN,
        ),
    ),
    levers=stay_levers,
    feeds=("turnover_change",),
    to_scenario=to_scenario,
    source_label="Personalomsättning enligt stanna-enkäten",
    partial="pulse/kinds/stay.html",
)

PARTIAL = '<p id="stay-lever" data-n="{{ l.region.n }}">{{ l.region.value|floatformat:3 }}</p>'


@pytest.fixture
def stay(settings, tmp_path):
    """The kind registered, and its template in a template directory of its own."""
    (tmp_path / "pulse" / "kinds").mkdir(parents=True)
    (tmp_path / "pulse" / "kinds" / "stay.html").write_text(PARTIAL, encoding="utf-8")
    engine = settings.TEMPLATES[0]
    settings.TEMPLATES = [{**engine, "DIRS": [*engine["DIRS"], tmp_path]}]
    with kinds.registered(STAY) as kind:
        yield kind
    assert kinds.get("stay") is None


def test_a_kind_made_up_here_is_seen_everywhere(client, staffed, stay, hr_admin, analyst):
    older = add_staff(staffed["A"], 6, born=1970, group="Undersköterskor")
    younger = add_staff(staffed["B"], 6, born=1990, group="Undersköterskor")
    nurses = add_staff(staffed["B"], 4, born=1970)  # nurses: not invited
    hired_on(older + younger + nurses, datetime.date(2024, 1, 1))  # the forecast's region

    # The pulse list offers it as a ready-made survey, and HR starts one from it.
    client.login(username="hr_admin", password=PASSWORD)
    page = client.get(reverse("pulse:list")).content.decode()
    assert 'name="purpose" value="stay"' in page and "Stanna ett år till (testenkät)" in page
    assert ("stay", "Stanna ett år till (testenkät)") in Pulse._meta.get_field("purpose").choices
    response = client.post(reverse("pulse:from_template"), {"purpose": "stay"})
    pulse = Pulse.objects.get(purpose="stay")
    assert response["Location"] == reverse("pulse:edit", args=[pulse.pk])
    pulse.full_clean()  # its purpose is a valid choice
    assert pulse.name.startswith("Stannar du ") and pulse.profession_groups == ["Undersköterskor"]
    [question] = pulse.questions.all()
    assert question.role == QuestionRole.WILLING
    assert question.choice_list() == ["Ja", "Kanske", "Nej"]
    page = client.get(reverse("pulse:list")).content.decode()
    assert "(Stanna ett år till (testenkät))" in page  # the purpose's label beside the pulse

    # Its breakdown is kept with each invitation: the 12 added and the extract's monthly
    # paid Undersköterska (1002, born 1985); the nurses are not asked.
    wave = services.open_wave(pulse, OPENS)
    segments = sorted(wave.invitations.values_list("segment", flat=True))
    assert segments == ["1975 eller senare"] * 7 + ["före 1975"] * 6
    assert wave.invitations.filter(person__in=older, segment="före 1975").count() == 6
    assert wave.invitations.filter(person__in=younger, segment="1975 eller senare").count() == 6
    replies = {"före 1975": [0, 0, 0, 0, 1, 2], "1975 eller senare": [0, 0, 1, 1, 2, 2]}
    for segment, values in replies.items():
        invitations = wave.invitations.filter(segment=segment, person__in=older + younger)
        for invitation, value in zip(invitations.order_by("pk"), values, strict=True):
            services.submit_answer(
                invitation.pk, score=7, items={question.key: value}, comment="", today=OPENS
            )
    services.close_wave(wave)
    # 6 yes and 3 maybes (half each) of 12; each age group (6) is under k_text (10).
    share = (6 + 0.5 * 3) / 12
    found = targeted.levers(wave)
    assert found.region.value == pytest.approx(share) and found.region.n == 12
    assert found.groups == {} and found.fallback == ["1975 eller senare", "före 1975"]

    # The results page shows its partial, for the whole region.
    client.login(username="analyst", password=PASSWORD)
    page = client.get(reverse("pulse:results", args=[pulse.pk]), {"unit": "R"}).content.decode()
    assert '<p id="stay-lever" data-n="12">0,625</p>' in page
    assert 'id="survey-fallback"' in page

    # "Use survey results" sets the lever it feeds, cited under its own label.
    scenario = Scenario.objects.create(
        name="Test", base_date=datetime.date(2025, 12, 31), draws=100, horizon=2028
    )
    url = reverse("forecast:scenario", args=[scenario.pk])
    assert client.post(f"{url}?unit=R", {"use_surveys": "1"}).status_code == 302
    scenario.refresh_from_db()
    # Whole per cent, as no survey figure is kept finer: −0.5 × 62.5 % = −31.25 % → −31 %.
    assert scenario.get_levers().turnover_change == -0.31
    [source] = scenario.survey_sources
    assert source["lever"] == "turnover_change" and source["answers"] == 12
    page = client.get(url, {"unit": "R"}).content.decode()
    citation = page.split('id="survey-sources"')[1].split("</ul>")[0]
    assert f"Personalomsättning enligt stanna-enkäten: {pulse.name}" in citation
    report = client.get(reverse("forecast:export", args=[scenario.pk, "html"]), {"unit": "R"})
    assert "Personalomsättning enligt stanna-enkäten" in report.content.decode()

    # The lever mapping knows it; setting its lever by hand drops the citation.
    assert kinds.lever_sources()["turnover_change"] == "stay"
    assert kinds.lever_sources()["part_time_share"] == "part_time"
    levers = replace(scenario.get_levers(), turnover_change=-0.1)
    _levers, sources = scenario_surveys.keep_survey_parts(scenario, levers)
    assert sources == []


def test_the_built_in_kinds_are_registered_in_order():
    assert [kind.code for kind in kinds.all_kinds()][:3] == ["", "part_time", "retirement"]
    assert [kind.code for kind in kinds.templates()] == ["part_time", "retirement"]
    assert kinds.lever_sources() == {
        "part_time_share": "part_time",
        "part_time_target": "part_time",
        "part_time_by_group": "part_time",
        "part_time_share_error": "part_time",
        "retirement_shift": "retirement",
        "retirement_shift_error": "retirement",
    }
    with translation.override("en"):
        assert str(kinds.source_label("retirement_shift")) == "Retirement shift"
        # A citation whose kind is gone is named by its lever, not by another kind.
        assert kinds.source_label("turnover_change") == "Change in turnover (%)"


def test_a_code_too_long_for_the_pulse_is_refused_when_registered():
    assert Pulse._meta.get_field("purpose").max_length == kinds.CODE_LENGTH
    with pytest.raises(ValueError, match="at most 16 characters"):
        kinds.register(replace(STAY, code="return_from_parental_leave"))
    assert kinds.get("return_from_parental_leave") is None
    kinds.register(replace(STAY, code="x" * kinds.CODE_LENGTH))
    kinds.unregister("x" * kinds.CODE_LENGTH)
