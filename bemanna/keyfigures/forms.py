import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from bemanna.keyfigures.models import EarlyContact


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
