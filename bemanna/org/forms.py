from django import forms
from django.utils.translation import gettext_lazy as _


class AsOfForm(forms.Form):
    date = forms.DateField(
        label=_("As of"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
