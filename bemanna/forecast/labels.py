from collections.abc import Mapping

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from bemanna.analysis.forecast import levers
from bemanna.org.templatetags.numbers import num

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

# Where a profession group's cost per FTE comes from (`analysis.forecast.cost`), as the cost
# tables of the page and the report say it.
OWN_SOURCES = {
    "group_costs": _("own staff: the group's imported costs"),
    "table": _("own staff: the group's row in the cost table"),
    "average": _("own staff: the region's imported average"),
}
OWN_DEFAULT = _("own staff: the cost table's row for every other group")


def price_source(price: Mapping) -> str:
    """A row of `context.cost_summary`'s prices → where its two costs come from."""
    own = OWN_SOURCES.get(price["own_source"], OWN_DEFAULT)
    if price["hired_source"] == "imported":
        hired = _("hired staff: imported cost / hired FTE")
    else:
        hired = gettext("hired staff: %(factor)s × own staff (cost table)") % {
            "factor": num(price["factor"], 2)
        }
    return f"{own}; {hired}"
