from django import forms
from django.utils.translation import gettext_lazy as _

from bemanna.analysis.forecast import Education, LeverError, Levers, StudyGrant, TaskShift
from bemanna.analysis.forecast.population import CARE_WEIGHTS, GROUP_WEIGHTS
from bemanna.forecast.models import PopulationProjection, Scenario


def _number(label, low, high, step, help_text="", initial=0):
    return forms.DecimalField(
        label=label,
        min_value=low,
        max_value=high,
        initial=initial,
        required=False,
        help_text=help_text,
        widget=forms.NumberInput(attrs={"step": step}),
    )


class LeverForm(forms.Form):
    """The scenario's levers as a person sets them: percentages, years, counts."""

    part_time_share = _number(
        _("Part-timers who raise their rate (%)"),
        0,
        100,
        5,
        _("Share of the staff working part time."),
    )
    part_time_target = _number(_("… to the rate (%)"), 50, 100, 5, initial=90)
    retirement_shift = _number(_("Retire later (years)"), -3, 5, 0.5)
    productivity = _number(
        _("Productivity, all groups (% a year)"),
        -5,
        5,
        0.1,
        _("Technology and new ways of working: less demand each year."),
    )
    productivity_group = forms.ChoiceField(label=_("… and for one group"), required=False)
    productivity_group_value = _number(_("Productivity for that group (% a year)"), -5, 5, 0.1)
    sick_leave_pp = _number(_("Lower sick leave (percentage points)"), -10, 10, 0.5)
    turnover_change = _number(
        _("Change in turnover (%)"),
        -90,
        100,
        5,
        _("−10 means 10 % fewer leave for other reasons than pension."),
    )
    recruitment_change = _number(_("Change in recruitment (%)"), -100, 200, 5)
    hired_replaced = _number(_("Hired staff replaced by own staff (%)"), 0, 100, 10)
    grant_from = forms.ChoiceField(label=_("Study grants from group"), required=False)
    grant_to = forms.ChoiceField(label=_("… to group"), required=False)
    grant_per_year = forms.IntegerField(
        label=_("Study grants a year"), min_value=0, max_value=10_000, required=False
    )
    education_group = forms.ChoiceField(label=_("Education pipeline: group"), required=False)
    education_students = forms.IntegerField(
        label=_("Students a year"), min_value=0, max_value=10_000, required=False
    )
    education_completion = _number(_("Who complete (%)"), 0, 100, 5, initial=80)
    education_hired = _number(_("Of them hired by the region (%)"), 0, 100, 5, initial=50)
    shift_from = forms.ChoiceField(label=_("Task shifting from group"), required=False)
    shift_to = forms.ChoiceField(label=_("… to group"), required=False)
    shift_share = _number(_("Share of tasks moved a year (%)"), 0, 20, 0.5)

    def __init__(self, *args, groups=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", "—"), *[(g, g) for g in groups]]
        for name in (
            "productivity_group",
            "grant_from",
            "grant_to",
            "education_group",
            "shift_from",
            "shift_to",
        ):
            self.fields[name].choices = choices

    @classmethod
    def initial_from(cls, levers: Levers) -> dict:
        data = {
            "part_time_share": levers.part_time_share * 100,
            "part_time_target": levers.part_time_target,
            "retirement_shift": levers.retirement_shift,
            "productivity": levers.productivity,
            "sick_leave_pp": levers.sick_leave_pp,
            "turnover_change": levers.turnover_change * 100,
            "recruitment_change": levers.recruitment_change * 100,
            "hired_replaced": levers.hired_replaced * 100,
        }
        if levers.productivity_by_group:
            group, value = next(iter(levers.productivity_by_group.items()))
            data.update(productivity_group=group, productivity_group_value=value)
        if levers.study_grants:
            grant = levers.study_grants[0]
            data.update(
                grant_from=grant.from_group, grant_to=grant.to_group, grant_per_year=grant.per_year
            )
        if levers.education:
            item = levers.education[0]
            data.update(
                education_group=item.group,
                education_students=item.students,
                education_completion=item.completion * 100,
                education_hired=item.share_hired * 100,
            )
        if levers.task_shifts:
            shift = levers.task_shifts[0]
            data.update(
                shift_from=shift.from_group,
                shift_to=shift.to_group,
                shift_share=shift.share_per_year * 100,
            )
        return data

    def clean(self):
        data = super().clean()
        if self.errors:
            return data

        def value(name, scale=1.0, default=0.0):
            raw = data.get(name)
            return default if raw in (None, "") else float(raw) / scale

        grants, education, shifts, by_group = (), (), (), {}
        if data.get("grant_per_year"):
            if not data.get("grant_from") or not data.get("grant_to"):
                self.add_error("grant_from", _("Choose both groups for the study grants."))
            else:
                grants = (StudyGrant(data["grant_from"], data["grant_to"], data["grant_per_year"]),)
        if data.get("education_students"):
            if not data.get("education_group"):
                self.add_error("education_group", _("Choose the group the students join."))
            else:
                education = (
                    Education(
                        data["education_group"],
                        data["education_students"],
                        value("education_completion", 100, 0.8),
                        value("education_hired", 100, 0.5),
                    ),
                )
        if data.get("shift_share"):
            if not data.get("shift_from") or not data.get("shift_to"):
                self.add_error("shift_from", _("Choose both groups for the task shifting."))
            else:
                shifts = (
                    TaskShift(data["shift_from"], data["shift_to"], value("shift_share", 100)),
                )
        if data.get("productivity_group"):
            by_group = {data["productivity_group"]: value("productivity_group_value")}
        levers = Levers(
            part_time_share=value("part_time_share", 100),
            part_time_target=value("part_time_target", default=90.0),
            retirement_shift=value("retirement_shift"),
            productivity=value("productivity"),
            productivity_by_group=by_group,
            sick_leave_pp=value("sick_leave_pp"),
            turnover_change=value("turnover_change", 100),
            recruitment_change=value("recruitment_change", 100),
            hired_replaced=value("hired_replaced", 100),
            study_grants=grants,
            education=education,
            task_shifts=shifts,
        )
        try:
            levers.validate()
        except LeverError as error:
            field = error.parameter if error.parameter in self.fields else None
            self.add_error(field, error.message)
        data["levers"] = levers
        return data


class ScenarioForm(forms.ModelForm):
    copy_from = forms.ModelChoiceField(
        queryset=Scenario.objects.all(), required=False, label=_("Copy the levers of")
    )

    class Meta:
        model = Scenario
        fields = ["name", "description", "base_date", "horizon", "draws", "projection", "is_main"]
        widgets = {
            "base_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def clean_horizon(self):
        horizon = self.cleaned_data["horizon"]
        base_date = self.cleaned_data.get("base_date")
        if base_date and not base_date.year < horizon <= base_date.year + 40:
            raise forms.ValidationError(_("The horizon must be 1–40 years after the base date."))
        return horizon

    def clean_draws(self):
        draws = self.cleaned_data["draws"]
        if not 100 <= draws <= 20_000:
            raise forms.ValidationError(_("Use between 100 and 20 000 draws."))
        return draws


class ProjectionForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    source = forms.CharField(
        label=_("Source"),
        max_length=300,
        required=False,
        help_text=_("For example: SCB, befolkningsprognos 2025–2040."),
    )
    file = forms.FileField(label=_("File (CSV or XLSX): År; Åldersgrupp; Antal"))

    def clean_name(self):
        name = self.cleaned_data["name"]
        if PopulationProjection.objects.filter(name=name).exists():
            raise forms.ValidationError(_("A projection with this name already exists."))
        return name


WEIGHT_CHOICES = [
    ("vård", _("health care use (grows with the old)")),
    ("psykiatri", _("psychiatry (younger adults)")),
    ("barnmorska", _("births (adults 20–64)")),
    ("tandvård", _("dental care")),
    ("befolkning", _("the whole population")),
]
assert {key for key, _label in WEIGHT_CHOICES} == set(CARE_WEIGHTS)


class InputsForm(forms.Form):
    """Per profession group, for the whole region: hired-staff FTE, vacant FTE, sick leave %."""

    KINDS = (
        ("hired_fte", _("Hired staff (FTE)"), 0, 10_000),
        ("vacancies", _("Vacancies (FTE)"), 0, 10_000),
        ("sick_leave", _("Sick leave (%)"), 0, 50),
    )

    def __init__(self, *args, groups=(), inputs=None, **kwargs):
        super().__init__(*args, **kwargs)
        inputs = inputs or {}
        self.groups = list(groups)
        for index, group in enumerate(self.groups):
            for kind, label, low, high in self.KINDS:
                default = 5.5 if kind == "sick_leave" else 0
                self.fields[f"{kind}_{index}"] = forms.DecimalField(
                    label=f"{group}: {label}",
                    min_value=low,
                    max_value=high,
                    required=False,
                    initial=inputs.get(kind, {}).get(group, default),
                    widget=forms.NumberInput(attrs={"step": "0.1"}),
                )
            self.fields[f"weights_{index}"] = forms.ChoiceField(
                label=f"{group}: {_('Demand follows')}",
                choices=WEIGHT_CHOICES,
                required=False,
                initial=inputs.get("weights", {}).get(
                    group, GROUP_WEIGHTS.get(group, "befolkning")
                ),
            )

    def rows(self):
        return [
            (
                group,
                [self[f"{kind}_{index}"] for kind, *_rest in self.KINDS]
                + [self[f"weights_{index}"]],
            )
            for index, group in enumerate(self.groups)
        ]

    def inputs(self) -> dict:
        result: dict = {kind: {} for kind, *_rest in self.KINDS}
        for index, group in enumerate(self.groups):
            for kind, *_rest in self.KINDS:
                value = self.cleaned_data.get(f"{kind}_{index}")
                if value is not None and (kind == "sick_leave" or value > 0):
                    result[kind][group] = float(value)
        result["weights"] = {
            group: self.cleaned_data[f"weights_{index}"] for index, group in enumerate(self.groups)
        }
        return result
