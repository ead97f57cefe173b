"""'Use survey results': the targeted surveys' last closed waves set a scenario's levers."""

from __future__ import annotations

from dataclasses import replace

from bemanna.accounts import access
from bemanna.analysis.forecast.levers import RANGES, Levers
from bemanna.analysis.surveys import Estimate, PartTimeLever
from bemanna.forecast.models import Scenario
from bemanna.pulse import targeted
from bemanna.pulse.models import Purpose


def _clip(name: str, value: float) -> float:
    low, high = RANGES[name]
    return min(max(value, low), high)


def apply(scenario: Scenario) -> list[dict]:
    """Set the part-time and retirement levers from the surveys and record where they came
    from; levers with no usable survey are left as they were. Returns what was set."""
    levers = scenario.get_levers()
    sources: list[dict] = []
    part_time_wave = targeted.latest_wave(Purpose.PART_TIME)
    found = targeted.levers(part_time_wave) if part_time_wave else None
    if part_time_wave and found and isinstance(found.region, PartTimeLever):
        region = found.region
        levers = replace(
            levers,
            part_time_share=_clip("part_time_share", region.share.value),
            part_time_target=_clip("part_time_target", region.target.value),
            part_time_share_error=_clip("part_time_share_error", region.share.error),
            part_time_by_group={
                group: [
                    _clip("part_time_share", lever.share.value),
                    _clip("part_time_target", lever.target.value),
                ]
                for group, lever in found.groups.items()
                if isinstance(lever, PartTimeLever)
            },
        )
        sources.append(_source("part_time_share", part_time_wave, found, region.share))
    retirement_wave = targeted.latest_wave(Purpose.RETIREMENT)
    found = targeted.levers(retirement_wave) if retirement_wave else None
    if retirement_wave and found and isinstance(found.region, Estimate):
        levers = replace(
            levers,
            retirement_shift=_clip("retirement_shift", found.region.value),
            retirement_shift_error=_clip("retirement_shift_error", found.region.error),
        )
        sources.append(_source("retirement_shift", retirement_wave, found, found.region))
    if sources:
        levers.validate()
        kept = [
            s for s in scenario.survey_sources if s["lever"] not in {x["lever"] for x in sources}
        ]
        scenario.levers = levers.to_dict()
        scenario.survey_sources = kept + sources
        scenario.save(update_fields=["levers", "survey_sources", "updated"])
    return sources


def _source(lever: str, wave, found, estimate: Estimate) -> dict:
    return {
        "lever": lever,
        "survey": wave.pulse.name,
        "closes": wave.closes.isoformat(),
        "answers": estimate.n,
        "groups": sorted(found.groups),
        "fallback": found.fallback,
    }


def keep_survey_parts(scenario: Scenario, new: Levers) -> tuple[Levers, list[dict]]:
    """A lever form knows nothing of a survey's per-group values and errors: keep them while
    the lever itself is unchanged, and drop them (and the citation) once someone sets it by
    hand."""
    old = scenario.get_levers()
    sources = list(scenario.survey_sources)
    if (new.part_time_share, new.part_time_target) == (old.part_time_share, old.part_time_target):
        new = replace(
            new,
            part_time_by_group=old.part_time_by_group,
            part_time_share_error=old.part_time_share_error,
        )
    else:
        sources = [s for s in sources if s["lever"] != "part_time_share"]
    if new.retirement_shift == old.retirement_shift:
        new = replace(new, retirement_shift_error=old.retirement_shift_error)
    else:
        sources = [s for s in sources if s["lever"] != "retirement_shift"]
    return new, sources


def as_seen_by(scenario: Scenario, user) -> Scenario:
    """The scenario as a user may see it. A survey's per-group figures (the part-time share
    and rate of each profession group, and which groups had their own) are for the roles
    that see the survey's results by group, the whole-region ones, and only as far as the
    disclosure rule let them through (`targeted.levers`). For anyone else the forecast uses
    the region's figure for every group, and the citation names no groups, since a
    group's own figure could be read back from its effect. Changed in memory only: never
    saved (only the whole-region roles may save a scenario)."""
    if access.sees_whole_region(user):
        return scenario
    levers = dict(scenario.levers or {})
    if levers.pop("part_time_by_group", None) is not None:
        scenario.levers = levers
    scenario.survey_sources = [
        {**source, "groups": [], "fallback": []} for source in scenario.survey_sources
    ]
    return scenario
