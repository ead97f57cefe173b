"""'Use survey results': the targeted surveys' last closed waves set a scenario's levers.

Which levers a survey sets, and how, its kind declares (`bemanna.pulse.kinds`)."""

from __future__ import annotations

from dataclasses import replace

from bemanna.accounts import access
from bemanna.analysis.forecast.levers import Levers
from bemanna.forecast.models import Scenario
from bemanna.pulse import kinds, targeted


def apply(scenario: Scenario) -> list[dict]:
    """Set the levers each kind of survey feeds (`bemanna.pulse.kinds`: the part-time lever,
    the retirement shift) from its latest closed wave, and record where they came from;
    levers with no usable survey are left as they were. Returns what was set."""
    levers = scenario.get_levers()
    sources: list[dict] = []
    for kind in kinds.forecast_kinds():
        wave = targeted.latest_wave(kind.code)
        found = targeted.levers(wave) if wave else None
        changed = kind.to_scenario(levers, found) if wave and found and kind.to_scenario else None
        if changed is None:
            continue
        levers, answers = changed
        sources.append(_source(kind.cites, wave, found, answers))
    if sources:
        levers.validate()
        kept = [
            s for s in scenario.survey_sources if s["lever"] not in {x["lever"] for x in sources}
        ]
        scenario.levers = levers.to_dict()
        scenario.survey_sources = kept + sources
        scenario.save(update_fields=["levers", "survey_sources", "updated"])
    return sources


def _source(lever: str, wave, found, answers: int) -> dict:
    return {
        "lever": lever,
        "survey": wave.pulse.name,
        "closes": wave.closes.isoformat(),
        "answers": answers,
        "groups": sorted(found.groups),
        "fallback": found.fallback,
    }


def keep_survey_parts(scenario: Scenario, new: Levers) -> tuple[Levers, list[dict]]:
    """A lever form knows nothing of a survey's per-group values and errors (the parts a
    kind `carries`): keep them while the levers it `feeds` are unchanged, and drop them (and
    the citation) once someone sets one by hand."""
    old = scenario.get_levers()
    sources = list(scenario.survey_sources)
    for kind in kinds.forecast_kinds():
        if all(getattr(new, name) == getattr(old, name) for name in kind.feeds):
            new = replace(new, **{name: getattr(old, name) for name in kind.carries})
        else:
            sources = [s for s in sources if s["lever"] != kind.cites]
    return new, sources


def as_seen_by(scenario: Scenario, user) -> Scenario:
    """The scenario as a user may see it. A survey's figures (the part-time share and rate,
    the retirement shift, their errors, each group's own, and the number who answered) are
    for the roles that see the surveys' results, the whole-region ones. For anyone else
    every lever a survey set is back at its default and the citation is gone: the page, the
    preview, the comparison and the reports all run without them (`survey_hidden` says so),
    since a lever's value, or its effect, is the survey's figure. Changed in memory only:
    never saved (only the whole-region roles may save a scenario)."""
    scenario.survey_hidden = False
    if access.sees_whole_region(user):
        return scenario
    levers = dict(scenario.levers or {})
    cited = {source["lever"] for source in scenario.survey_sources}
    dropped = [
        name
        for kind in kinds.forecast_kinds()
        for name in (*kind.by_group, *((*kind.feeds, *kind.carries) if kind.cites in cited else ()))
        if levers.pop(name, None) is not None
    ]
    if dropped:
        scenario.levers = levers
    scenario.survey_hidden = bool(scenario.survey_sources)
    scenario.survey_sources = []
    return scenario
