"""The targeted surveys (seed 001): templates, answers kept by group, levers into a scenario."""

import datetime

import pytest
from django.urls import reverse

from bemanna.analysis.forecast.levers import Levers
from bemanna.conftest import PASSWORD
from bemanna.forecast import surveys as scenario_surveys
from bemanna.forecast.models import Scenario
from bemanna.pulse import services, targeted
from bemanna.pulse.models import Pulse, Purpose, QuestionRole, Response
from bemanna.pulse.tests.helpers import add_staff, hired_on, unused
from bemanna.workforce.models import Person

OPENS = datetime.date(2026, 3, 2)


def _keys(pulse):
    return {q.role: q.key for q in pulse.questions.exclude(role="")}


def _partition_only(pulse):
    """k_text = k (5): for the tests of the partition rule, so that groups between k and the
    default k_text (10) still get their own lever (test_targeted_coarse has the k_text rule)."""
    pulse.min_answers_text = pulse.min_answers
    pulse.save()
    return pulse


def _run(pulse, replies):
    """Open a wave, answer (segment → list of (willing index, number or None)), close it."""
    wave = services.open_wave(pulse, OPENS)
    keys = _keys(pulse)
    for segment, answers in replies.items():
        invitations = list(unused(wave).filter(segment=segment)[: len(answers)])
        assert len(invitations) == len(answers), segment
        for invitation, (willing, number) in zip(invitations, answers, strict=True):
            items = {keys[QuestionRole.WILLING]: willing}
            if number is not None:
                items[keys[QuestionRole.NUMBER]] = number
            services.submit_answer(invitation.pk, score=8, items=items, comment="", today=OPENS)
    services.close_wave(wave)
    return wave


@pytest.fixture
def part_timers(staffed):
    nurses = add_staff(staffed["A"], 8, rate=75)
    assistants = add_staff(staffed["B"], 6, rate=50, group="Undersköterskor")
    doctors = add_staff(staffed["B"], 2, rate=80, group="Läkare")
    add_staff(staffed["A"], 5, rate=100)  # full time: not asked
    return nurses, assistants, doctors


def test_the_part_time_template_asks_only_part_timers_and_keeps_their_group(part_timers):
    pulse = targeted.create_from_template(Purpose.PART_TIME, opens=OPENS)
    assert not pulse.include_hme and pulse.part_time_only and pulse.units.count() == 1
    wave = services.open_wave(pulse, OPENS)
    segments = sorted(wave.invitations.values_list("segment", flat=True))
    # 1002 (75,5 %) and 1003 (50 %) from the HR extract, and the 16 part-timers added.
    assert segments.count("Sjuksköterskor") == 8 + 1
    assert segments.count("Undersköterskor") == 6 + 1 and segments.count("Läkare") == 2


def test_the_retirement_template_keeps_the_age_band(staffed):
    add_staff(staffed["A"], 3, born=1964)  # 62 in 2026
    add_staff(staffed["A"], 2, born=1960)  # 66
    add_staff(staffed["A"], 4, born=1980)  # too young to be asked
    pulse = targeted.create_from_template(Purpose.RETIREMENT, opens=OPENS)
    wave = services.open_wave(pulse, OPENS)
    segments = sorted(wave.invitations.values_list("segment", flat=True))
    # 1003 (born 1962, 64) joins the 62–64 band.
    assert segments == ["62–64"] * 4 + ["65+"] * 2


def test_answers_become_levers_by_group_with_the_small_ones_falling_back(part_timers):
    pulse = _partition_only(targeted.create_from_template(Purpose.PART_TIME, opens=OPENS))
    wave = _run(
        pulse,
        {
            # 9 nurses: 5 yes (to 90, 90, 100, 80, 90 %), 2 maybe (to 80 %, none), 2 no.
            "Sjuksköterskor": [(0, 90), (0, 90), (0, 100), (0, 80), (0, 90), (1, 80), (1, None)]
            + [(2, None)] * 2,
            "Undersköterskor": [(0, 75), (2, None), (2, None), (2, None), (2, None), (2, None)],
            "Läkare": [(2, None), (2, None)],
        },
    )
    assert set(Response.objects.values_list("segment", flat=True)) == {
        "Sjuksköterskor",
        "Undersköterskor",
        "Läkare",
    }
    found = targeted.levers(wave)
    # Läkare (2 answers) cannot stand alone, and Undersköterskor (6) would then give it away.
    assert list(found.groups) == ["Sjuksköterskor"] and found.fallback == [
        "Läkare",
        "Undersköterskor",
    ]
    nurses = found.groups["Sjuksköterskor"]
    assert nurses.share.value == pytest.approx(6 / 9)  # 5 yes + 2 × ½ maybe
    # The nurses' six rates are not theirs to show: the region's seven minus them would be
    # the one assistant nurse's 75 %. So they take the region's mean of all seven.
    assert nurses.target.value == pytest.approx((90 + 90 + 100 + 80 + 90 + 80 + 75) / 7)
    assert found.number_fallback == ["Sjuksköterskor"]
    assert found.region.share.n == 17
    assert found.region.share.value == pytest.approx(7 / 17)


def test_an_open_wave_gives_no_levers_and_a_tiny_one_none(part_timers):
    pulse = targeted.create_from_template(Purpose.PART_TIME, opens=OPENS)
    wave = services.open_wave(pulse, OPENS)
    with pytest.raises(ValueError, match="closed"):
        targeted.answers(wave)
    wave.delete()
    tiny = _run(pulse, {"Läkare": [(0, 100), (0, 100)]})
    assert targeted.levers(tiny) is None


@pytest.fixture
def surveyed(part_timers):
    # Everyone `add_staff` made since 2024, so that the forecast may show the region on
    # 31 December 2025 (`hired_on`); the HR extract's six keep their dates.
    added = Person.objects.filter(employments__key__startswith="test-").distinct()
    hired_on(list(added), datetime.date(2024, 1, 1))
    pulse = _partition_only(targeted.create_from_template(Purpose.PART_TIME, opens=OPENS))
    _run(
        pulse,
        {
            "Sjuksköterskor": [(0, 90)] * 6 + [(2, None)] * 3,
            "Undersköterskor": [(0, 80)] * 3 + [(2, None)] * 3,
        },
    )
    return Scenario.objects.create(
        name="Test", base_date=datetime.date(2025, 12, 31), draws=100, horizon=2028
    )


def test_use_survey_results_sets_the_levers_and_cites_the_survey(client, surveyed, analyst):
    client.login(username="analyst", password=PASSWORD)
    url = reverse("forecast:scenario", args=[surveyed.pk])
    response = client.post(f"{url}?unit=R", {"use_surveys": "1"})
    assert response.status_code == 302
    surveyed.refresh_from_db()
    levers = surveyed.get_levers()
    assert levers.part_time_share == pytest.approx(9 / 15)
    assert levers.part_time_by_group == {
        # Whole per cent, as the survey's page shows it: 6 of 9 is 67 %. The rate is the
        # region's, (6 × 90 + 3 × 80) / 9 = 86.7 → 87: three assistant nurses' rates are
        # under k = 5, and the nurses' own would give them away.
        "Sjuksköterskor": [0.67, pytest.approx(87.0)],
        "Undersköterskor": [pytest.approx(0.5), pytest.approx(87.0)],
    }
    assert levers.part_time_share_error > 0
    [source] = surveyed.survey_sources
    assert source["survey"] == "Ökad sysselsättningsgrad 2026" and source["answers"] == 15
    page = client.get(url, {"unit": "R"}).content.decode()
    assert "Ökad sysselsättningsgrad 2026" in page and 'id="survey-sources"' in page
    report = client.get(reverse("forecast:export", args=[surveyed.pk, "html"]), {"unit": "R"})
    assert "Ökad sysselsättningsgrad 2026" in report.content.decode()


def test_setting_the_lever_by_hand_drops_the_survey_parts(surveyed):
    scenario_surveys.apply(surveyed)
    surveyed.refresh_from_db()
    same, sources = scenario_surveys.keep_survey_parts(surveyed, surveyed.get_levers())
    assert same.part_time_by_group and sources == surveyed.survey_sources
    from dataclasses import replace

    changed, sources = scenario_surveys.keep_survey_parts(
        surveyed, replace(surveyed.get_levers(), part_time_share=0.1, part_time_by_group={})
    )
    assert changed.part_time_by_group == {} and sources == []


def test_without_a_survey_nothing_changes_and_the_page_says_so(client, staffed, analyst):
    scenario = Scenario.objects.create(
        name="Test", base_date=datetime.date(2025, 12, 31), draws=100, horizon=2028
    )
    client.login(username="analyst", password=PASSWORD)
    url = reverse("forecast:scenario", args=[scenario.pk])
    page = client.post(f"{url}?unit=R", {"use_surveys": "1"}, follow=True).content.decode()
    assert "Ingen avslutad riktad enkät" in page
    scenario.refresh_from_db()
    assert scenario.levers == {} and scenario.survey_sources == []


def test_the_lever_table_is_for_the_whole_region_roles_only(client, surveyed, analyst, manager):
    pulse = Pulse.objects.get(purpose=Purpose.PART_TIME)
    client.login(username="analyst", password=PASSWORD)
    page = client.get(reverse("pulse:results", args=[pulse.pk]), {"unit": "R"}).content.decode()
    assert 'id="survey-levers"' in page and "Sjuksköterskor" in page
    client.login(username="manager", password=PASSWORD)
    page = client.get(reverse("pulse:results", args=[pulse.pk]), {"unit": "F"}).content.decode()
    assert 'id="survey-levers"' not in page


def test_hr_admin_starts_a_targeted_survey_from_its_template(client, staffed, hr_admin, analyst):
    client.login(username="hr_admin", password=PASSWORD)
    response = client.post(reverse("pulse:from_template"), {"purpose": "retirement"})
    pulse = Pulse.objects.get(purpose=Purpose.RETIREMENT)
    assert response["Location"] == reverse("pulse:edit", args=[pulse.pk])
    assert pulse.min_age == 60 and pulse.questions.count() == 4
    client.post(reverse("pulse:from_template"), {"purpose": "retirement"})
    assert Pulse.objects.filter(purpose=Purpose.RETIREMENT).count() == 2  # a new name
    assert client.post(reverse("pulse:from_template"), {"purpose": "x"}).status_code == 302
    client.login(username="analyst", password=PASSWORD)
    assert client.post(reverse("pulse:from_template"), {"purpose": "retirement"}).status_code == 403


def test_a_scenario_shows_the_surveys_group_figures_only_to_the_whole_region_roles(
    client, surveyed, analyst, manager
):
    scenario_surveys.apply(surveyed)
    surveyed.refresh_from_db()
    assert surveyed.get_levers().part_time_by_group  # both groups had their own figure
    url = reverse("forecast:scenario", args=[surveyed.pk])
    client.login(username="analyst", password=PASSWORD)
    sources = client.get(url, {"unit": "R"}).content.decode().split('id="survey-sources"')[1]
    assert "Sjuksköterskor" in sources.split("</ul>")[0]
    client.login(username="manager", password=PASSWORD)
    page = client.get(url, {"unit": "F"}).content.decode()
    assert 'id="survey-sources"' not in page and 'id="survey-hidden"' in page
    assert "Ökad sysselsättningsgrad 2026" not in page and "15 svar" not in page
    report = client.get(reverse("forecast:export", args=[surveyed.pk, "html"]), {"unit": "F"})
    assert "Ökad sysselsättningsgrad" not in report.content.decode()
    assert "enkäter vars resultat din roll inte ser" in report.content.decode()
    # The manager's forecast runs without the surveys' levers, and the page says so.
    seen = scenario_surveys.as_seen_by(Scenario.objects.get(pk=surveyed.pk), manager)
    assert seen.get_levers() == Levers()
    assert seen.survey_hidden
    surveyed.refresh_from_db()
    assert surveyed.get_levers().part_time_by_group  # nothing was saved


def test_the_lever_preview_shows_a_manager_no_survey_lever(client, surveyed, manager, monkeypatch):
    """The preview runs on the scenario as the user may see it, like the page: a manager's
    what-if keeps none of the survey's levers (their effect would be the survey's figure)."""
    scenario_surveys.apply(surveyed)
    seen = []
    real = scenario_surveys.as_seen_by

    def spy(scenario, user):
        found = real(scenario, user)
        seen.append((user.username, found.get_levers()))
        return found

    monkeypatch.setattr(scenario_surveys, "as_seen_by", spy)
    client.login(username="manager", password=PASSWORD)
    url = reverse("forecast:preview", args=[surveyed.pk])
    response = client.post(f"{url}?unit=F", {"part_time_share": "", "part_time_target": ""})
    assert response.status_code == 200
    assert seen == [("manager", Levers())]


@pytest.mark.parametrize(
    ("willing", "valid"), [(0, True), (1, True), (2, False), (None, False)], ids=str
)
def test_a_number_is_taken_only_beside_a_ja_or_kanske(db, willing, valid):
    """The number counts in the lever beside a ja or kanske only; given with a nej (or no
    reply) it counted in the results' mean alone, and the two means' difference narrowed
    those few's numbers (an insider's twenty-fourth round): the form refuses it, saying so."""
    from django.utils import translation

    from bemanna.pulse.forms import AnswerForm

    pulse = targeted.create_from_template("part_time", opens=OPENS)
    keys = _keys(pulse)
    data = {"enps": "7", keys[QuestionRole.NUMBER]: "80"}
    if willing is not None:
        data[keys[QuestionRole.WILLING]] = str(willing)
    with translation.override("sv"):
        form = AnswerForm(
            data,
            include_hme=False,
            include_comment=True,
            language="sv",
            questions=pulse.questions.all(),
        )
        assert form.is_valid() is valid
        if not valid:
            assert form.errors[keys[QuestionRole.NUMBER]] == [
                "Ange en siffra bara om du svarat ja eller kanske ovan."
            ]
        else:
            assert form.items()[keys[QuestionRole.NUMBER]] == 80
