from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from bemanna.accessibility.forms import localize_decimals
from bemanna.keyfigures import figures
from bemanna.keyfigures.models import Target


class TargetForm(forms.ModelForm):
    """A target is entered as the table of figures says: per cent for a share (0–100),
    points otherwise."""

    class Meta:
        model = Target
        fields = ["figure", "unit", "value"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        localize_decimals(self)  # 2,5 %, typed and shown as in the table of figures

    def clean(self):
        data = super().clean()
        figure, value = data.get("figure"), data.get("value")
        if figure in figures.FIGURES and value is not None:
            row = figures.FIGURES[figure]
            low, high = row.target_range
            if not low <= value <= high:
                self.add_error(
                    "value",
                    _("A target for %(figure)s is between %(low)s and %(high)s.")
                    % {"figure": row.label, "low": f"{low:g}", "high": f"{high:g}"},
                )
        return data


@admin.register(Target)
class TargetAdmin(admin.ModelAdmin):
    """Targets per figure: for the region (no unit) and for any unit and what is below it."""

    form = TargetForm
    list_display = ["figure", "unit", "value"]
    list_filter = ["figure"]
    autocomplete_fields = ["unit"]
