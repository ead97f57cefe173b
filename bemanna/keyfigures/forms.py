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
