"""Region Demo's forecast: a county population projection and two scenarios."""

from __future__ import annotations

import datetime

from bemanna.analysis.forecast import Levers, StudyGrant
from bemanna.forecast.models import Scenario
from bemanna.forecast.population import demo_projection_csv, import_projection
from bemanna.workforce.retention import last_closed_year

ACTION_PLAN = Levers(
    part_time_share=0.3,
    part_time_target=90.0,
    retirement_shift=1.0,
    productivity_by_group={"Administration": 0.5},
    sick_leave_pp=0.5,
    turnover_change=-0.1,
    study_grants=(StudyGrant("Sjuksköterskor", "Specialistsjuksköterskor", 20),),
    hired_replaced=0.5,
)


def add_forecast_demo(today: datetime.date, author=None) -> None:
    base_date = datetime.date(last_closed_year(today), 12, 31)
    projection = import_projection(
        demo_projection_csv(today.year - 11, today.year + 15),
        filename="befolkning.csv",
        name="Region Demo: befolkningsprognos",
        source="Fiktiv, i form av SCB:s länsprognos",
        actor=author,
        is_demo=True,
    )
    inputs = {
        "hired_fte": {"Läkare": 14.0, "Sjuksköterskor": 9.0, "Specialistsjuksköterskor": 4.0},
        "vacancies": {
            "Sjuksköterskor": 12.0,
            "Läkare": 6.0,
            "Undersköterskor": 5.0,
            "Specialistsjuksköterskor": 3.0,
        },
        "sick_leave": {"Undersköterskor": 7.5, "Sjuksköterskor": 6.0},
    }
    common = {
        "author": author,
        "base_date": base_date,
        "horizon": 2035,
        "projection": projection,
        "inputs": inputs,
    }
    Scenario.objects.create(
        name="Nuläge",
        is_main=True,
        levers={},
        description="Som i dag: rekrytering i samma takt som de senaste fem åren.",
        **common,
    )
    Scenario.objects.create(
        name="Handlingsplan 2035",
        levers=ACTION_PLAN.to_dict(),
        description=(
            "Kompetensförsörjningsrådets åtgärder: fler heltider, senare pension, "
            "lägre personalomsättning och sjukfrånvaro, studielön till "
            "specialistsjuksköterska, digitalisering av administrationen."
        ),
        **common,
    )


def add_survey_scenario(author=None) -> Scenario:
    """'Enkätunderlag': the action plan's scenario with the part-time and retirement levers
    set from the targeted surveys (run `add_targeted_demo` first)."""
    from bemanna.forecast import surveys

    plan = Scenario.objects.get(name="Handlingsplan 2035")
    scenario = plan.copy(name="Handlingsplan 2035 – enkätunderlag", author=author)
    scenario.description = (
        "Som handlingsplanen, men med deltids- och pensionsspakarna satta från enkäterna "
        "Ökad sysselsättningsgrad och Senare pension, med deras osäkerhet."
    )
    scenario.save(update_fields=["description"])
    surveys.apply(scenario)
    return scenario
