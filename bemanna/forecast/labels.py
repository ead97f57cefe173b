from django.utils.translation import gettext_lazy as _

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
LEVERS = {
    "baseline": _("Baseline"),
    "part_time_share": _("Part-timers raise their rate"),
    "retirement_shift": _("Retire later"),
    "productivity": _("Productivity and technology"),
    "sick_leave_pp": _("Lower sick leave"),
    "turnover_change": _("Lower turnover"),
    "recruitment_change": _("More recruitment"),
    "hired_replaced": _("Hired staff replaced by own staff"),
    "study_grants": _("Study grants (specialist training)"),
    "education": _("Education pipeline"),
    "task_shifts": _("Task shifting"),
    "interaction": _("Levers together (interaction)"),
    "scenario": _("Scenario"),
}
TOTAL = _("All profession groups")
