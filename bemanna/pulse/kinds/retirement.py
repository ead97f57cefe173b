"""*Senare pension*: staff aged 60 or more say whether they would work longer, and how long.

Kept by age band; sets the retirement shift (expected years later) with its standard error.
The bands are shown beside it; the forecast uses the region's value, as its retirement
model is by age already.
"""

from __future__ import annotations

import datetime
from dataclasses import replace
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from bemanna.analysis import surveys
from bemanna.analysis.forecast.levers import LEVERS, Levers
from bemanna.analysis.surveys import Estimate, SurveyLevers
from bemanna.pulse.kinds import (
    WILLING_CHOICES,
    WILLING_CHOICES_EN,
    Ask,
    SurveyKind,
    clip,
    register,
)
from bemanna.pulse.models import QuestionKind, QuestionRole

if TYPE_CHECKING:
    from bemanna.pulse.services import Asked

# The age bands the answers are kept by (the year minus the birth year).
AGE_BANDS = (("60–61", 60, 61), ("62–64", 62, 64), ("65+", 65, 200))


def age_band(asked: Asked, on: datetime.date) -> str:
    age = on.year - asked.born
    return next((name for name, low, high in AGE_BANDS if low <= age <= high), "")


def to_scenario(levers: Levers, found: SurveyLevers) -> tuple[Levers, int] | None:
    if not isinstance(found.region, Estimate):
        return None
    levers = replace(
        levers,
        retirement_shift=clip("retirement_shift", found.region.value),
        retirement_shift_error=clip("retirement_shift_error", found.region.error),
    )
    return levers, found.region.n


RETIREMENT = register(
    SurveyKind(
        code="retirement",
        label=_("Later retirement (staff aged 60+)"),
        name="Senare pension",
        description=(
            "Till dig som är 60 år eller äldre: när tänker du gå i pension, och skulle du kunna "
            "arbeta längre? Svaren är anonyma och används i regionens bemanningsprognos."
        ),
        invite={"min_age": 60},
        segment=age_band,
        questions=(
            Ask(
                QuestionRole.NONE,
                QuestionKind.NUMBER,
                "Vid vilken ålder planerar du att gå i pension?",
                "At what age do you plan to retire?",
                low=60,
                high=69,
            ),
            Ask(
                QuestionRole.WILLING,
                QuestionKind.CHOICE,
                "Skulle du kunna tänka dig att arbeta längre än du planerar nu?",
                "Could you imagine working longer than you now plan?",
                WILLING_CHOICES,
                WILLING_CHOICES_EN,
            ),
            Ask(
                QuestionRole.NUMBER,
                QuestionKind.NUMBER,
                "Om ja eller kanske: hur många år längre?",
                "If yes or maybe: how many years longer?",
                low=0,
                high=int(LEVERS["retirement_shift"].high),  # the lever's range
            ),
            Ask(
                QuestionRole.NONE,
                QuestionKind.CHOICE,
                "På vilka villkor?",
                "On what terms?",
                (
                    "Lägre sysselsättningsgrad",
                    "Andra arbetsuppgifter",
                    "Flexibla arbetstider",
                    "Högre lön",
                    "Annat",
                ),
                ("Lower employment rate", "Other tasks", "Flexible hours", "Higher pay", "Other"),
            ),
        ),
        levers=surveys.retirement_levers,
        feeds=("retirement_shift",),
        carries=("retirement_shift_error",),
        to_scenario=to_scenario,
        source_label=_("Retirement shift"),
        partial="pulse/kinds/retirement.html",
    )
)
