from collections.abc import Mapping

from django.utils.translation import gettext_lazy as _

from bemanna.analysis.forecast import levers

MEASURES = {
    "supply_fte": _("Supply (FTE)"),
    "supply_headcount": _("Supply (headcount)"),
    "demand_fte": _("Demand (FTE)"),
    "gap_fte": _("Gap (FTE)"),
    "retirements": _("Retirements"),
    "other_leavers": _("Other leavers"),
    "recruitment_need": _("Recruitment need (people)"),
    "supply_exits": _("Leavers from today's staff"),
    "supply_hires": _("Hires at the recent pace"),
}


class _StepLabels(Mapping):
    """The waterfall's steps → labels: the baseline, each lever's bar (from the levers table,
    read on each use), the interaction and the scenario."""

    FIXED = {
        "baseline": _("Baseline"),
        "interaction": _("Levers together (interaction)"),
        "scenario": _("Scenario"),
    }

    def _all(self) -> dict:
        # The engine's English labels are marked there with gettext_noop.
        steps = {name: _(label) for name, label in levers.steps().items()}
        return {"baseline": self.FIXED["baseline"], **steps, **self.FIXED}

    def __getitem__(self, key):
        return self._all()[key]

    def __iter__(self):
        return iter(self._all())

    def __len__(self):
        return len(self._all())


LEVERS = _StepLabels()
TOTAL = _("All profession groups")
