"""The key figures as one table of definitions: name, label, unit, format, target direction
and help text, one row each. The Nyckeltal page, the board report (HTML, PDF, Excel) and the
targets (their choices, how a target is entered and which way is good) read it, so a label
or a format is written once.

Adding a figure: a row here and its value in `summary.values` (computed there, or in
`services` when it needs data not read yet). The page lists it at the end of its staff table
(give it a place of its own in `templates/keyfigures/_body.html` and mark it `placed`), the
board report's HTML and PDF include that page, and its Excel sheet lists every row.

Benchmarks: a row's `kolada` names the KPI (and gender) Kolada publishes for the same
definition; the Kolada import, the comparison with the nation and the median region on the
page and in the board report follow from it. The KPI ids are those of `KOLADA` below; check
them against Kolada's KPI list (kolada.se) before relying on them, and correct them here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class Unit(StrEnum):
    SHARE = "share"  # 0–1, shown as per cent; a target is entered in per cent
    PEOPLE = "people"
    FTE = "fte"
    SEK = "sek"
    HOURS = "hours"
    POINTS = "points"  # an index or eNPS; a target is entered as is


class Direction(StrEnum):
    """Which way is good: a target is missed above it (LOWER) or below it (HIGHER)."""

    LOWER = "lower"
    HIGHER = "higher"


@dataclass(frozen=True)
class KeyFigure:
    """`key` is the figure's name in the computed values where it differs (figure 1 is
    "total" in `kpi.figures`). `direction` None: no target can be set for it."""

    name: str
    label: Promise | str
    unit: Unit
    decimals: int
    direction: Direction | None = None
    help: Promise | str = ""
    key: str = ""
    sick_leave: bool = False  # one of SKR's sick-leave figures 1–7 (the page's first table)
    # Has its own place on the page (templates/keyfigures/_body.html); a figure without one
    # is listed at the end of the page's staff table, so a new row shows up by itself.
    placed: bool = False
    # Kolada's published figure for the same definition, as (KPI id, gender T/K/M): the
    # benchmark import (`benchmarks.py`) reads these rows only. Empty: no benchmark.
    kolada: tuple[str, str] | tuple[()] = ()

    @property
    def kolada_scale(self) -> float:
        """Kolada publishes shares in per cent; the figures keep them as 0–1."""
        return 0.01 if self.unit is Unit.SHARE else 1.0

    @property
    def column(self) -> str:
        return self.key or self.name

    @property
    def target_scale(self) -> float:
        """A target is entered in per cent for a share, as is otherwise."""
        return 100.0 if self.unit is Unit.SHARE else 1.0

    @property
    def target_range(self) -> tuple[float, float]:
        """The values a target may take, as entered: 0–100 per cent for a share, ±100 for
        points (eNPS), any amount from 0 for people, FTE, kronor and hours."""
        if self.unit is Unit.SHARE:
            return (0.0, 100.0)
        if self.unit is Unit.POINTS:
            return (-100.0, 100.0)
        return (0.0, math.inf)

    @property
    def excel_format(self) -> str:
        """The number format of the figure in a spreadsheet."""
        decimals = "." + "0" * self.decimals if self.decimals else ""
        return f"0{decimals}%" if self.unit is Unit.SHARE else f"# ##0{decimals}"

    def off_target(self, value: float | None, target: float | None) -> bool:
        if value is None or target is None or self.direction is None:
            return False
        return value > target if self.direction is Direction.LOWER else value < target


_SICK = {"unit": Unit.SHARE, "decimals": 1, "sick_leave": True, "placed": True}
# Kolada's KPI ids for the key figures the benchmark import reads (see the module's text):
# the region series (N6…, U6…), checked against Kolada's list of KPIs (id and title, as
# published in 2021). N00090–N00094 are the same figures for municipal employees, and
# N00095/N00096 are costs per inhabitant: a region's file with them is refused.
KOLADA = {
    "sick_leave": "N60030",  # Sjukfrånvaro totalt, region (1); by gender: women (3), men (4)
    "long_share": "N60031",  # mer än 59 dagar som andel av total sjukfrånvaro, region (2)
    "age_29_or_younger": "N60027",  # Sjukfrånvaro < 30 år, region (5)
    "age_30_49": "N60029",  # Sjukfrånvaro 30-49 år, region (6)
    "age_50_or_older": "N60028",  # Sjukfrånvaro > 49 år, region (7)
    # Avgångna tillsvidareanställda under året, region: permanent staff who left, per
    # permanent staff; Bemanna's row counts all monthly-paid staff (the README says so).
    "turnover": "N60084",
    "hme": "U60200",  # Medarbetarengagemang (HME) totalt regionen - Totalindex
}
FIGURES: dict[str, KeyFigure] = {
    row.name: row
    for row in (
        # SKR's sick-leave figures 1–7, in their order; 1 and 2 can have targets.
        KeyFigure(
            "sick_leave",
            _("Sick leave, total (1)"),
            direction=Direction.LOWER,
            key="total",
            **_SICK,
            kolada=(KOLADA["sick_leave"], "T"),
        ),
        KeyFigure(
            "long_share",
            _("Share in spells of 60 days or more (2)"),
            direction=Direction.LOWER,
            **_SICK,
            kolada=(KOLADA["long_share"], "T"),
        ),
        KeyFigure("women", _("Women (3)"), **_SICK, kolada=(KOLADA["sick_leave"], "K")),
        KeyFigure("men", _("Men (4)"), **_SICK, kolada=(KOLADA["sick_leave"], "M")),
        KeyFigure(
            "age_29_or_younger",
            _("29 or younger (5)"),
            **_SICK,
            kolada=(KOLADA["age_29_or_younger"], "T"),
        ),
        KeyFigure("age_30_49", _("30–49 (6)"), **_SICK, kolada=(KOLADA["age_30_49"], "T")),
        KeyFigure(
            "age_50_or_older",
            _("50 or older (7)"),
            **_SICK,
            kolada=(KOLADA["age_50_or_older"], "T"),
        ),
        KeyFigure(
            "long_term_sick",
            _("Long-term sick (spells of 60 days or more) at the end of the year"),
            Unit.PEOPLE,
            0,
            placed=True,
        ),
        KeyFigure(
            "headcount", _("Employees at the end of the period"), Unit.PEOPLE, 0, placed=True
        ),
        KeyFigure("fte", _("Full-time equivalents"), Unit.FTE, 1, placed=True),
        # Of the figures a target can be set for, keep this order: the targets' choices
        # follow it, and reordering them would be a migration.
        KeyFigure(
            "turnover",
            _("Leavers / average headcount"),
            Unit.SHARE,
            1,
            Direction.LOWER,
            help=_(
                "Turnover has no legal standard; the three common variants are shown. A break "
                "of more than 31 days without a monthly-paid employment is a departure, in the "
                "year the employment ended. For a unit, moving to another unit counts as "
                "leaving it."
            ),
            placed=True,
            kolada=(KOLADA["turnover"], "T"),
        ),
        KeyFigure(
            "replacement",
            _("Replacement: the smaller of hires and leavers / average headcount"),
            Unit.SHARE,
            1,
            placed=True,
        ),
        KeyFigure(
            "own_request",
            _("Leavers at their own request / permanent staff"),
            Unit.SHARE,
            1,
            placed=True,
        ),
        KeyFigure(
            "hired_share",
            _("Hired staff, share of own-staff cost"),
            Unit.SHARE,
            1,
            Direction.LOWER,
            placed=True,
        ),
        KeyFigure("hired_cost", _("Hired staff (SEK)"), Unit.SEK, 0, placed=True),
        KeyFigure("own_cost", _("Own staff (SEK)"), Unit.SEK, 0, placed=True),
        KeyFigure("pool_hours", _("Staffing-pool hours"), Unit.HOURS, 0, placed=True),
        KeyFigure(
            "plan_coverage",
            _("Staff with an individual competence plan"),
            Unit.SHARE,
            0,
            Direction.HIGHER,
            placed=True,
        ),
        KeyFigure("enps", _("eNPS"), Unit.POINTS, 0, Direction.HIGHER, placed=True),
        KeyFigure(
            "hme",
            _("HME total index"),
            Unit.POINTS,
            0,
            placed=True,
            kolada=(KOLADA["hme"], "T"),
        ),
    )
}


def sick_leave() -> list[KeyFigure]:
    """SKR's figures 1–7, in order."""
    return [row for row in FIGURES.values() if row.sick_leave]


def with_targets() -> list[KeyFigure]:
    return [row for row in FIGURES.values() if row.direction is not None]


def labels() -> dict[str, Promise | str]:
    """Name → label, for templates (`labels.hired_share`)."""
    return {name: row.label for name, row in FIGURES.items()}


def help_texts() -> dict[str, Promise | str]:
    return {name: row.help for name, row in FIGURES.items() if row.help}


def unplaced() -> list[KeyFigure]:
    """The figures the page lists at the end of its staff table (no place of their own)."""
    return [row for row in FIGURES.values() if not row.placed]


def benchmarked() -> dict[tuple[str, str], KeyFigure]:
    """(Kolada KPI id, gender) → the figure it is published for."""
    return {row.kolada: row for row in FIGURES.values() if row.kolada}


def by_column(column: str) -> KeyFigure:
    return next(row for row in FIGURES.values() if row.column == column)
