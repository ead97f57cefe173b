import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from bemanna.keyfigures.models import EarlyContact
from bemanna.workforce.retention import last_closed_year, last_final_month


class ContactForm(forms.ModelForm):
    class Meta:
        model = EarlyContact
        fields = ["called_on", "manager_reached", "rehab_meeting"]
        widgets = {"called_on": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, spell=None, today: datetime.date, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.spell, self.today = spell, today
        if not self.instance.pk:
            self.initial.setdefault("called_on", today)

    def clean_called_on(self):
        day = self.cleaned_data["called_on"]
        if day > self.today:
            raise forms.ValidationError(_("The call cannot be in the future."))
        if self.spell is not None and day < self.spell.start:
            raise forms.ValidationError(_("The call cannot be before the sick leave began."))
        # A closed year's counts of calls are published (the key figures, the board report):
        # a call recorded or changed in it afterwards would be one person's, before minus after.
        closed = last_closed_year(self.today)
        if day.year <= closed:
            raise forms.ValidationError(
                _(
                    "%(year)s is closed and its calls are published: a call in it cannot be "
                    "recorded."
                )
                % {"year": day.year}
            )
        if self.instance.pk and self.instance.called_on.year <= closed:
            raise forms.ValidationError(
                _(
                    "The call is in %(year)s, a closed year whose calls are published: it "
                    "cannot be changed."
                )
                % {"year": self.instance.called_on.year}
            )
        # So are the running year's final months' (`retention.last_final_month`).
        final = last_final_month(self.today)
        for when in (day, self.instance.called_on if self.instance.pk else None):
            if when is not None and when.replace(day=1) <= final:
                raise forms.ValidationError(
                    _(
                        "%(month)s is final and its calls are published: a call in it cannot "
                        "be recorded or changed."
                    )
                    % {"month": f"{when:%Y-%m}"}
                )
        return day


class WorklistFilter(forms.Form):
    """Occupational health's list narrowed to a förvaltning and a day of the spell."""

    DAYS = [("", _("Every day")), ("8", "8"), ("9", "9"), ("10", "10"), ("late", _("late"))]

    # Not "Administration": its Swedish is the system's administration, not a förvaltning.
    forvaltning = forms.ChoiceField(label=_("Regional administration"), required=False)
    day = forms.ChoiceField(label=_("Day"), required=False, choices=DAYS)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        from bemanna.org.models import Level, Unit

        self.fields["forvaltning"].choices = [("", _("Every administration"))] + [
            (u.code, u.name)
            for u in Unit.objects.filter(level=Level.ADMINISTRATION).order_by("name")
        ]

    def in_administration(self, row: dict) -> bool:
        """The förvaltning chosen (or any): the filter the calls already made follow."""
        code = (self.cleaned_data if self.is_valid() else {}).get("forvaltning")
        return not code or (
            row["administration"] is not None and row["administration"].code == code
        )

    def keep(self, row: dict) -> bool:
        data = self.cleaned_data if self.is_valid() else {}
        day = data.get("day")
        if not self.in_administration(row):
            return False
        if day == "late":
            return row["late"]
        return not day or row["day"] == int(day)
