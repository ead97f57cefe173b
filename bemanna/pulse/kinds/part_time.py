"""*Ökad sysselsättningsgrad*: part-timers say whether they would work more, and at what rate.

Kept by profession group; sets the part-time lever (the share who would raise their rate,
and the rate), by profession group where the answers allow, with its standard error.
"""

from __future__ import annotations

from dataclasses import replace

from django.utils.translation import gettext_lazy as _

from bemanna.analysis import surveys
from bemanna.analysis.forecast.levers import LEVERS, Levers
from bemanna.analysis.surveys import PartTimeLever, SurveyLevers
from bemanna.pulse.kinds import (
    WILLING_CHOICES,
    WILLING_CHOICES_EN,
    Ask,
    SurveyKind,
    clip,
    profession_group,
    register,
)
from bemanna.pulse.models import QuestionKind, QuestionRole


def to_scenario(levers: Levers, found: SurveyLevers) -> tuple[Levers, int] | None:
    region = found.region
    if not isinstance(region, PartTimeLever):
        return None
    levers = replace(
        levers,
        part_time_share=clip("part_time_share", region.share.value),
        part_time_target=clip("part_time_target", region.target.value),
        part_time_share_error=clip("part_time_share_error", region.share.error),
        part_time_by_group={
            group: [
                clip("part_time_share", lever.share.value),
                clip("part_time_target", lever.target.value),
            ]
            for group, lever in found.groups.items()
            if isinstance(lever, PartTimeLever)
        },
    )
    return levers, region.share.n


PART_TIME = register(
    SurveyKind(
        code="part_time",
        label=_("Higher employment rate (part-timers)"),
        name="Ökad sysselsättningsgrad",
        description=(
            "Till dig som arbetar deltid: vill du arbeta mer, och vad skulle göra det möjligt? "
            "Svaren är anonyma och används i regionens bemanningsprognos."
        ),
        invite={"part_time_only": True},
        segment=profession_group,
        questions=(
            Ask(
                QuestionRole.WILLING,
                QuestionKind.CHOICE,
                "Skulle du vilja öka din sysselsättningsgrad?",
                "Would you like to raise your employment rate?",
                WILLING_CHOICES,
                WILLING_CHOICES_EN,
            ),
            Ask(
                QuestionRole.NUMBER,
                QuestionKind.NUMBER,
                "Om ja eller kanske: vilken sysselsättningsgrad skulle du vilja ha (%)?",
                "If yes or maybe: what employment rate would you want (%)?",
                low=int(LEVERS["part_time_target"].low),
                high=int(LEVERS["part_time_target"].high),
            ),
            Ask(
                QuestionRole.NONE,
                QuestionKind.CHOICE,
                "Vad skulle framför allt göra det möjligt?",
                "What above all would make it possible?",
                ("Schema och arbetstider", "Lön", "Hälsa och ork", "Barnomsorg", "Annat"),
                ("Schedule and working hours", "Pay", "Health and energy", "Childcare", "Other"),
            ),
        ),
        levers=surveys.part_time_levers,
        feeds=("part_time_share", "part_time_target"),
        carries=("part_time_by_group", "part_time_share_error"),
        by_group=("part_time_by_group",),
        to_scenario=to_scenario,
        source_label=_("Part-time lever"),
        partial="pulse/kinds/part_time.html",
    )
)
