from dataclasses import fields

from django import forms
from django.utils.translation import gettext_lazy as _

from bemanna.accessibility.forms import SwedishForm, localize_decimals
from bemanna.analysis.forecast import Education, LeverError, Levers, StudyGrant, TaskShift, levers
from bemanna.analysis.forecast.population import CARE_WEIGHTS, GROUP_WEIGHTS
from bemanna.forecast import services
from bemanna.forecast.models import EducationPipeline, GroupCost, PopulationProjection, Scenario
from bemanna.freetext import FreeTextForm


def _number(lever: levers.Lever) -> forms.Field:
    """A form field for a row of the levers table, in the units a person thinks in."""
    options = {
        "label": _lever_text(lever.label),
        "min_value": _plain(lever.shown(lever.low)),
        "max_value": _plain(lever.shown(lever.high)),
        "initial": _plain(lever.shown(lever.default)),
        "required": False,
        "help_text": _lever_text(lever.help) if lever.help else "",
    }
    if lever.unit is levers.LeverUnit.COUNT:
        return forms.IntegerField(**options | {"initial": None})  # empty: none planned
    return forms.DecimalField(**options, widget=forms.NumberInput(attrs={"step": lever.step}))


def _lever_text(text: str):
    # The engine's English text (marked there with gettext_noop), translated when shown.
    return _(text)


def _plain(value: float) -> float | int:
    """A shown bound without float noise (0.9 × 100 is 90.00000000000001), whole if it is."""
    value = round(value, 9)
    return int(value) if value.is_integer() else value


class LeverForm(forms.Form):
    """The scenario's levers as a person sets them (percentages, years, counts), one field per
    row of the levers table (`bemanna.analysis.forecast.levers.LEVERS`), in its order."""

    def __init__(self, *args, groups=(), levers_class=Levers, **kwargs):
        super().__init__(*args, **kwargs)
        self.levers_class = levers_class
        choices = [("", "—"), *[(g, g) for g in groups]]
        for lever in levers.LEVERS.values():
            if not lever.in_form:
                continue
            for name, label in lever.choose:
                self.fields[name] = forms.ChoiceField(
                    label=_lever_text(label), choices=choices, required=False
                )
            self.fields[lever.name] = _number(lever)
        localize_decimals(self)  # 2,5 typed and shown, as in the other forms

    @staticmethod
    def _scalars(levers_class) -> list[levers.Lever]:
        """The rows that are fields of `Levers` itself (the rest are parts of a list lever)."""
        names = {f.name for f in fields(levers_class)}
        return [row for row in levers.LEVERS.values() if row.in_form and row.name in names]

    @classmethod
    def initial_from(cls, chosen: Levers) -> dict:
        data = {
            row.name: _shown(row.name, getattr(chosen, row.name))
            for row in cls._scalars(type(chosen))
        }
        if chosen.productivity_by_group:
            group, value = next(iter(chosen.productivity_by_group.items()))
            data.update(productivity_group=group, productivity_group_value=value)
        if chosen.study_grants:
            grant = chosen.study_grants[0]
            data.update(
                grant_from=grant.from_group, grant_to=grant.to_group, grant_per_year=grant.per_year
            )
        if chosen.education:
            item = chosen.education[0]
            data.update(
                education_group=item.group,
                education_students=item.students,
                education_completion=_shown("education_completion", item.completion),
                education_hired=_shown("education_hired", item.share_hired),
            )
        if chosen.task_shifts:
            shift = chosen.task_shifts[0]
            data.update(
                shift_from=shift.from_group,
                shift_to=shift.to_group,
                shift_share=_shown("shift_share", shift.share_per_year),
            )
        return data

    def clean(self):
        data = super().clean()
        if self.errors:
            return data

        def value(name):
            """A number as the engine stores it; an empty field is the lever's default."""
            row, raw = levers.LEVERS[name], data.get(name)
            return row.default if raw in (None, "") else row.stored(float(raw))

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
                        value("education_completion"),
                        value("education_hired"),
                    ),
                )
        if data.get("shift_share"):
            if not data.get("shift_from") or not data.get("shift_to"):
                self.add_error("shift_from", _("Choose both groups for the task shifting."))
            else:
                shifts = (TaskShift(data["shift_from"], data["shift_to"], value("shift_share")),)
        if data.get("productivity_group"):
            by_group = {data["productivity_group"]: value("productivity_group_value")}
        chosen = self.levers_class(
            **{row.name: value(row.name) for row in self._scalars(self.levers_class)},
            productivity_by_group=by_group,
            study_grants=grants,
            education=education,
            task_shifts=shifts,
        )
        try:
            chosen.validate()
        except LeverError as error:
            self.add_error(error.lever if error.lever in self.fields else None, error.message)
        data["levers"] = chosen
        return data


def _shown(name: str, value: float) -> float | int:
    return _plain(levers.LEVERS[name].shown(value))


# What a scenario may ask for: the horizon 1–40 years after the base date, 100–20 000 draws.
# The form's min/max attributes and its validation both read these.
HORIZON_YEARS = (1, 40)
DRAWS = (100, 20_000)


class ScenarioForm(SwedishForm, FreeTextForm, forms.ModelForm):
    copy_from = forms.ModelChoiceField(
        queryset=Scenario.objects.all(), required=False, label=_("Copy the levers of")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["draws"].widget.attrs.update(min=DRAWS[0], max=DRAWS[1])
        base = self.initial.get("base_date") or self.instance.base_date
        if callable(base):
            base = base()
        if base:
            self.fields["horizon"].widget.attrs.update(
                min=base.year + HORIZON_YEARS[0], max=base.year + HORIZON_YEARS[1]
            )

    class Meta:
        model = Scenario
        fields = ["name", "description", "base_date", "horizon", "draws", "projection", "is_main"]
        widgets = {
            "base_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def clean_base_date(self):
        base_date = self.cleaned_data["base_date"]
        problem = services.base_date_problem(base_date)
        if problem:
            raise forms.ValidationError(problem)
        return base_date

    def clean_horizon(self):
        horizon = self.cleaned_data["horizon"]
        base_date = self.cleaned_data.get("base_date")
        low, high = HORIZON_YEARS
        if base_date and not base_date.year + low <= horizon <= base_date.year + high:
            raise forms.ValidationError(_("The horizon must be 1–40 years after the base date."))
        return horizon

    def clean_draws(self):
        draws = self.cleaned_data["draws"]
        if not DRAWS[0] <= draws <= DRAWS[1]:
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
            follows = _("Demand follows")
            self.fields[f"weights_{index}"] = forms.ChoiceField(
                label=f"{group}: {follows}",
                choices=WEIGHT_CHOICES,
                required=False,
                initial=inputs.get("weights", {}).get(
                    group, GROUP_WEIGHTS.get(group, "befolkning")
                ),
            )
        localize_decimals(self)  # 5,5 % sick leave, typed and shown, as in the other forms

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


class GroupCostForm(forms.ModelForm):
    """One row of the cost table; the row for every other group keeps its blank name."""

    class Meta:
        model = GroupCost
        fields = ["group", "monthly_salary", "social_fees", "hired_factor", "source"]
        localized_fields = ["monthly_salary", "social_fees", "hired_factor"]  # 52,28
        help_texts = {
            "group": _("The SKR profession group as the forecast names it."),
            "social_fees": _(
                "Personnel overhead on salaries (PO-pålägg): statutory fees, agreed insurance "
                "and pensions."
            ),
            "hired_factor": _("What an FTE of hired staff costs as a multiple of own staff."),
            "source": _("Where the figures come from, as a controller can check them."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.instance.group:
            self.fields["group"].disabled = True
        else:
            self.fields["group"].required = True

    def clean_group(self):
        return (self.cleaned_data.get("group") or "").strip()


class EducationPipelineForm(forms.ModelForm):
    """One row of the education pipeline."""

    class Meta:
        model = EducationPipeline
        fields = ["group", "students", "completion", "hired", "source"]
        localized_fields = ["completion", "hired"]
        help_texts = {
            "group": _("The SKR profession group as the forecast names it."),
            "source": _("Where the figures come from (the university's admissions, say)."),
        }

    def clean_group(self):
        return self.cleaned_data["group"].strip()
