from django import forms
from django.contrib import admin

from bemanna.accessibility.forms import localize_decimals
from bemanna.keyfigures.models import Target


class TargetForm(forms.ModelForm):
    """A target is entered as the table of figures says (`Target.clean`): per cent for a
    share (0–100), points for eNPS, otherwise in the figure's unit."""

    class Meta:
        model = Target
        fields = ["figure", "unit", "value"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        localize_decimals(self)  # 2,5 %, typed and shown as in the table of figures


@admin.register(Target)
class TargetAdmin(admin.ModelAdmin):
    """Targets per figure: for the region (no unit) and for any unit and what is below it."""

    form = TargetForm
    list_display = ["figure", "unit", "value"]
    list_filter = ["figure"]
    autocomplete_fields = ["unit"]
